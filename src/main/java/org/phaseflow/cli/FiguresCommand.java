package org.phaseflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phaseflow.config.Limits;
import org.phaseflow.config.Paper;
import org.phaseflow.config.Json;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.Format;
import org.phaseflow.model.ModelKind;
import org.phaseflow.plot.ImageFormat;
import org.phaseflow.plot.Trajectory;
import org.phaseflow.schedule.ScheduleKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phaseflow figures}: the paper's figure set, GM and CW × VP and VE × uniform and dilated, each
 * drawn by the trajectory code, with a Markdown index showing every picture and the
 * {@code trajectory} command that draws it alone.
 */
@Command(name = "figures", mixinStandardHelpOptions = true,
        header = "Draw the paper's figure set at d = 10⁴, with an index.",
        description = {"Draw the paper's figure set: GM and CW × VP and VE × uniform and dilated,",
                "each a 'trajectory' run (M_t, X_t^i, final distributions; PNG and SVG), and",
                "a Markdown index (README.md) showing every picture, what it shows and the",
                "command that drew it."})
public final class FiguresCommand implements Callable<Integer> {
    @Spec CommandSpec commandSpec;

    @Mixin QuietOption quiet = new QuietOption();

    static final ModelKind[] MODELS = {ModelKind.GM, ModelKind.CW};
    static final Family[] FAMILIES = {Family.VP, Family.VE};
    static final ScheduleKind[] SCHEDULES = {ScheduleKind.UNIFORM, ScheduleKind.DILATED};

    @Option(names = "--out", defaultValue = "out/figures", description = "Directory for the pictures and the index; a non-empty one is refused unless --force "
            + "(the committed set in results/figures is never overwritten by default). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--force", description = "Draw into a non-empty --out: first remove the files the figure set writes there (README.md, *-paths, *-coords, *-final .png/.svg).")
    boolean force;

    /** The files the figure set writes (what --force removes). */
    static boolean written(String name) {
        return name.equals("README.md") || name.matches(".*-(paths|coords|final)\\.(png|svg)");
    }

    @Option(names = "--dim", defaultValue = "10000", description = "Dimension d. Default: ${DEFAULT-VALUE} (the paper's).")
    int dim;

    @Option(names = "--particles", defaultValue = "8000", description = "Samples N per configuration, at least 2. Default: ${DEFAULT-VALUE}.")
    int particles;

    @Option(names = "--steps", defaultValue = "200", description = "Steps K, the same for every configuration. Default: ${DEFAULT-VALUE} (2√d at the default d).")
    int steps;

    @Option(names = "--k", defaultValue = "" + Paper.K, description = "Width parameter of the dilated schedules. Default: ${DEFAULT-VALUE}.")
    double k;

    @Option(names = "--integrator", defaultValue = "euler", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE} (the paper's).")
    IntegratorKind integrator;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--paths", defaultValue = "200", description = "M_t lines per picture. Default: ${DEFAULT-VALUE}.")
    int paths;

    @Option(names = "--threads", description = "Worker threads, at most 4 per available processor. Default: all cores.")
    Integer threads;

    /** One configuration of the set. */
    RunConfig config(ModelKind model, Family family, ScheduleKind schedule) {
        return new RunConfig(TargetConfig.paper(model), family, ShapeChoice.PAPER, null, schedule, k, integrator, dim, particles,
                steps, seed, ModelOptions.threads(threads));
    }

    Trajectory.Options options() {
        return new Trajectory.Options(out, null, paths, 3, new int[] {0, 1}, 20, List.of(ImageFormat.PNG, ImageFormat.SVG));
    }

    /** The {@code trajectory} arguments of one configuration (without --threads). */
    List<String> arguments(RunConfig c) {
        List<String> a = new ArrayList<>(c.arguments());
        a.addAll(List.of("--paths", Integer.toString(paths), "--out", out.toString()));
        return a;
    }

    @Override
    public Integer call() throws IOException {
        quiet.apply();
        ModelOptions.positive("--paths", paths);
        Limits.particles("--particles", particles);
        // every configuration is checked before the first one runs
        List<RunConfig> runs = new ArrayList<>();
        for (ModelKind m : MODELS) {
            for (Family f : FAMILIES) {
                for (ScheduleKind s : SCHEDULES) {
                    RunConfig c = config(m, f, s);
                    Trajectory.check(c, c.spec(), options());
                    runs.add(c);
                }
            }
        }
        OutputDir.checkWritable("--out", out);
        OutputDir.claim("--out", out, force, FiguresCommand::written, "add --force to replace its figure set");
        long start = System.nanoTime();
        List<Trajectory.Drawn> drawn = new ArrayList<>();
        for (RunConfig c : runs) {
            Trajectory.Drawn d;
            try (Progress progress = new Progress("figures " + Trajectory.defaultName(c), c.particles(), quiet.quiet)) {
                d = Trajectory.draw(c, options(), progress);
            }
            stdout().printf("%s: %s%n", d.name(), d.figures().result());
            drawn.add(d);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        Path index = out.resolve("README.md");
        Files.writeString(index, index(drawn, seconds), StandardCharsets.UTF_8);
        stdout().println("wrote " + index + " and " + drawn.stream().mapToInt(d -> d.files().size()).sum() + " pictures");
        return 0;
    }

    /** The command that draws a configuration alone, as a user would type it. */
    String command(RunConfig c) { return "./phaseflow trajectory " + String.join(" ", arguments(c)); }

    private static String up(Object o) { return o.toString().toUpperCase(Locale.ROOT); }

    private static String highName(ModelKind model) { return model == ModelKind.GM ? "p" : "W+"; }

    private String index(List<Trajectory.Drawn> drawn, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("# Figure set: the paper's configurations at d = ").append(dim).append("\n\n");
        b.append("Drawn by `").append(figuresCommand()).append("` in ").append(String.format(Locale.ROOT, "%.0f", seconds))
                .append(" s with ").append(ModelOptions.threads(threads))
                .append(" worker threads. Every configuration is one `./phaseflow trajectory` run; its exact command stands under its heading")
                .append(" (without `--threads`, which defaults to all cores).\n\n");
        b.append(USAGE);
        b.append("## Summary\n\nK = ").append(steps).append(" steps (").append(integrator).append(") and N = ").append(particles)
                .append(" samples per configuration; the interval is p̂'s Wilson 95 % interval, and the deviation is p̂ − p in standard errors √(p(1 − p)/N) of exact sampling.\n\n");
        b.append("| model | family (shape) | schedule | p̂ [95 % interval] | exact | deviation | low-level | exact |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Trajectory.Drawn d : drawn) {
            Features f = d.features();
            RunConfig c = d.config();
            Features.Estimate low = f.firstLow();
            b.append(String.format(Locale.ROOT, "| %s | %s (%s) | %s | %.4f [%.4f, %.4f] | %s = %.4f | %+.1f s.e. | %s = %.4f | %s = %.4f |%n",
                    up(c.target().model()), up(c.family()), c.resolvedShape(), c.schedule(),
                    f.phat(), f.phatCiLo(), f.phatCiHi(), highName(c.target().model()), f.targetP(), z(f),
                    Format.hat(low.symbol()), low.value(), low.symbol(), low.exact()));
        }
        b.append('\n').append(reading(drawn)).append('\n');
        for (Trajectory.Drawn d : drawn) {
            RunConfig c = d.config();
            Features f = d.features();
            Features.Estimate low = f.firstLow();
            b.append("## ").append(up(c.target().model())).append(" · ").append(up(c.family()))
                    .append(" (").append(c.resolvedShape()).append(") · ").append(c.schedule()).append("\n\n");
            b.append("```\n").append(command(c)).append("\n```\n\n");
            b.append(d.figures().configuration()).append("  \n").append(d.figures().result()).append("\n\n");
            String n = d.name();
            picture(b, n + "-paths", String.format(Locale.ROOT,
                    "M_t of the first %d particles against t, coloured by the mode each ended in (p̂ = %.4f against %.4f); dashed: the target modes; dotted: the mode centres τ(t)·M±.",
                    Math.min(paths, particles), f.phat(), f.targetP()));
            picture(b, n + "-coords", "X_t^i against t for coordinates " + join(d) + " of the first " + d.traceParticles()
                    + " particles" + (c.family() == Family.VE ? "; the right panel shows the same lines at the target's scale." : "."));
            picture(b, n + "-final", c.target().model() == ModelKind.GM
                    ? String.format(Locale.ROOT, "Final u·x/d per mode against the exact law p·N(m, σ²/d) + (1 − p)·N(−m, σ²/d), and the standardised within-mode coordinates (x_i − ĉ·m·u_i)/σ of %d samples against N(0, 1) (σ̂ of all N samples = %.4f against %.4f).",
                            d.finalStates(), low.value(), low.exact())
                    : String.format(Locale.ROOT, "Final magnetisation (1/d)·Σ sign x_i per mode against the exact two-binomial law (m̂ = %.4f against %.4f).",
                            low.value(), low.exact()));
        }
        return b.toString();
    }

    /**
     * What the table says, in the paper's terms, from the measured numbers: per family, the feature the
     * uniform schedule is expected to lose (VP: the mode weights; VE: the within-mode detail), uniform
     * against dilated.
     */
    static String reading(List<Trajectory.Drawn> drawn) {
        StringBuilder vp = new StringBuilder(), ve = new StringBuilder();
        for (ModelKind model : MODELS) {
            Features[] f = new Features[2];
            for (Trajectory.Drawn d : drawn) {
                RunConfig c = d.config();
                if (c.target().model() != model) continue;
                int s = c.schedule() == ScheduleKind.UNIFORM ? 0 : 1;
                if (c.family() == Family.VP) f[s] = d.features();
                else ve(ve, model, s, d.features());
            }
            if (f[0] != null && f[1] != null) {
                vp.append(String.format(Locale.ROOT, "%s%s: p̂ − %s = %+.4f (%+.1f s.e.) uniform, %+.4f (%+.1f s.e.) dilated",
                        vp.isEmpty() ? "" : "; ", up(model), highName(model),
                        f[0].phat() - f[0].targetP(), z(f[0]), f[1].phat() - f[1].targetP(), z(f[1])));
            }
        }
        return "Mode weights with VP (the feature a uniform VP schedule decides in its first steps): " + vp + ".  \n"
                + "Within-mode detail with VE (formed where the noise level a is of order one: the window a ≤ k of the dilated VE schedule): " + ve + ".\n";
    }

    private static void ve(StringBuilder b, ModelKind model, int schedule, Features f) {
        Features.Estimate low = f.firstLow();
        b.append(b.isEmpty() ? "" : "; ").append(up(model)).append(' ')
                .append(schedule == 0 ? "uniform " : "dilated ")
                .append(model == ModelKind.GM
                        ? String.format(Locale.ROOT, "σ̂/σ = %.3f", low.value() / low.exact())
                        : String.format(Locale.ROOT, "m̂ − m = %+.4f", low.value() - low.exact()));
    }

    /** (p̂ − p) in standard errors at the exact value, √(p(1 − p)/N) (the plug-in one is 0 when p̂ is 0 or 1). */
    private static double z(Features f) { return f.phatZ(); }

    private static String join(Trajectory.Drawn d) {
        StringBuilder s = new StringBuilder();
        for (int c : d.coords()) s.append(s.isEmpty() ? "" : ", ").append(c);
        return s.toString();
    }

    private static void picture(StringBuilder b, String base, String caption) {
        b.append("![").append(base).append("](").append(base).append(".png)  \n");
        b.append(caption).append(" [SVG](").append(base).append(".svg)\n\n");
    }

    private String figuresCommand() {
        List<String> a = new ArrayList<>(List.of("./phaseflow figures"));
        a.addAll(List.of("--dim", Integer.toString(dim), "--particles", Integer.toString(particles), "--steps", Integer.toString(steps),
                "--k", Json.number(k), "--integrator", integrator.toString(), "--seed", Long.toString(seed), "--paths", Integer.toString(paths),
                "--out", out.toString()));
        return String.join(" ", a);
    }

    static final String USAGE = """
            ## Commands

            - `./phaseflow trajectory [sample options] [--out DIR] [--name NAME] [--paths N] [--trace-particles P] [--coords I,J] [--final-states F] [--formats png,svg]`
              samples one configuration (every option of `sample`) and writes `NAME-paths`, `NAME-coords` and `NAME-final`
              as PNG and SVG: M_t = (1/d)·Σ_i X_t^i of N paths against the schedule time t (target modes dashed),
              X_t^i of a few coordinates of a few particles, and the final projection per mode (GM: u·x/d, CW: (1/d)·Σ sign x_i)
              over the exact target law, with, for GM, the standardised within-mode coordinates (x_i − ĉ·m·u_i)/σ of F samples against N(0, 1).
              It keeps M_t of every particle (N×(K+1) floats), X_t^i of the traced coordinates only, and F final states (F×d floats).
            - `./phaseflow figures [--out DIR] [--dim D] [--particles N] [--steps K] [--k K] [--integrator I] [--seed S] [--paths N]`
              runs `trajectory` for GM and CW × VP and VE × uniform and dilated (the shapes of the paper: trig for GM with VP,
              linear otherwise) and writes this index.

            Time on the horizontal axes is the schedule's t: the dilated schedules spend t ∈ [0, ½] on the narrow window
            (VP: τ ≤ k/√d, where a sample picks its mode) or reach it at t = ½ (VE: noise level a ≤ k, where the within-mode
            detail forms), so that window fills half of each picture.

            """;

    /** The command line's output stream (stdout unless a caller set another). */
    private PrintWriter stdout() {
        return commandSpec != null ? commandSpec.commandLine().getOut() : new PrintWriter(System.out, true);
    }
}
