package org.phaseflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phaseflow.config.Limits;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.Target;
import org.phaseflow.plot.ScheduleDensity;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.schedule.Optimizer;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.ScheduleFile;
import org.phaseflow.schedule.Uniform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code phaseflow optimize}: a schedule computed from the exact field and a pilot ensemble, written as a knots file. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Compute a schedule from the exact field and a pilot ensemble alone (docs/mathematics.md §5.8) "
                + "and write it as a knots schedule file, usable as --schedule file:PATH.")
public final class OptimizeCommand implements Callable<Integer> {
    @Spec CommandSpec commandSpec;

    @Mixin TargetOptions targetOptions = new TargetOptions();

    @Mixin QuietOption quiet = new QuietOption();

    @Option(names = "--family", defaultValue = "vp", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Family family;

    @Option(names = "--shape", defaultValue = "paper", description = "${COMPLETION-CANDIDATES} (paper: trig for GM with VP, linear otherwise). Default: ${DEFAULT-VALUE}.")
    ShapeChoice shape;

    @Option(names = "--integrator", defaultValue = "euler", description = "The fixed-step scheme the schedule is for; it also carries the pilot. Default: ${DEFAULT-VALUE}.")
    IntegratorKind integrator;

    @Option(names = "--dim", defaultValue = "10000", description = "Dimension d. Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--pilot-particles", defaultValue = "" + Optimizer.Options.PARTICLES, description = "Pilot particles N₀, at least 2. Default: ${DEFAULT-VALUE}.")
    int pilotParticles;

    @Option(names = "--pilot-steps", defaultValue = "" + Optimizer.Options.STEPS, description = "Steps of the pilot grid M. Default: ${DEFAULT-VALUE}.")
    int pilotSteps;

    @Option(names = "--pilot-passes", defaultValue = "" + Optimizer.Options.PASSES, description = "Pilot passes (each on the previous pass's schedule). Default: ${DEFAULT-VALUE}.")
    int pilotPasses;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the target and the pilot: the same seed gives the same file. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads, at most 4 per available processor. Default: all cores.")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The knots schedule file to write.")
    Path out;

    @Option(names = "--plot", paramLabel = "DIR", description = "Also write the step density dt/dτ beside uniform and dilated, as PNG and SVG, in DIR.")
    Path plot;

    @Option(names = "--k", description = "Width parameter of the dilated schedule in the --plot (refused without it). Default: " + Paper.K + ".")
    Double k;

    @Override
    public Integer call() throws Exception {
        quiet.apply();
        ParseResult parsed = commandSpec.commandLine().getParseResult();
        OptionRules.check(parsed, targetOptions.scope(null, integrator));
        OptionRules.needs(parsed, "--k", "--plot", "it sets the dilated schedule drawn beside the optimized one");
        ModelOptions.positive("--dim", dim);
        Limits.particles("--pilot-particles", pilotParticles);   // the pilot measures the ensemble's spread
        TargetConfig tc = targetOptions.config();
        ModelKind model = tc.model();
        if (plot != null && Files.exists(plot) && !Files.isDirectory(plot)) {
            throw new IllegalArgumentException("--plot " + plot + " is a file; give a directory");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IllegalArgumentException("--out " + out + ": no such directory " + parent);
        if (Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + " is a directory; give a file");
        Target target = tc.build(dim, seed);
        Interpolant ip = Interpolant.of(shape.resolve(model, family), family, dim);
        double kk = k == null ? Paper.K : k;
        Dilated dilated = plot == null ? null : new Dilated(ip, dim, kk);
        Optimizer.Options o = new Optimizer.Options(pilotParticles, pilotSteps, pilotPasses, seed, ModelOptions.threads(threads));
        Optimizer.Result r = Optimizer.optimize(target, ip, integrator, o);
        ScheduleFile.writeKnots(out, r.knotT(), r.knotTau(), r.description(), Map.of("pilot", org.phaseflow.study.OptimizedSchedules.pilot(r, o, false)));
        System.out.printf(Locale.ROOT, "optimize  %s %s/%s %s  d = %d%n", target.describe(), family, ip.shape(), integrator, dim);
        System.out.printf(Locale.ROOT, "  cost    %d pilot field evaluations (%d particles × %d steps × %d passes%s), %.2f s%n",
                r.evaluations(), pilotParticles, pilotSteps, pilotPasses, integrator.order() >= 2 ? ", and the split's probe" : "", r.seconds());
        if (family == Family.VP) {   // where the paper's dilated schedule puts its kink, which the optimizer was not told
            double w = kk / Math.sqrt(dim);
            System.out.printf(Locale.ROOT, "  steps   %.3f of them below τ = k/√d = %.4g, %.3f below 10·k/√d (uniform: %.4g and %.4g)%n",
                    r.fractionBelow(w), w, r.fractionBelow(Math.min(1, 10 * w)), Math.min(1, w), Math.min(1, 10 * w));
        } else if (kk < ip.s0()) {
            double tb = ip.tauAtLevel(kk);
            System.out.printf(Locale.ROOT, "  steps   %.3f of them above τ = %.6g, where a(τ) = k (uniform: %.4g)%n",
                    1 - r.fractionBelow(tb), tb, 1 - tb);
        }
        System.out.println("  wrote   " + out);
        if (plot != null) {
            Files.createDirectories(plot);
            Map<String, Schedule> schedules = new LinkedHashMap<>();
            schedules.put("uniform", new Uniform());
            schedules.put("dilated (k = " + kk + ")", dilated);
            schedules.put("optimized", r.schedule());
            // a mixture's pictures carry its file's name, so that two mixtures in one folder do not overwrite each other
            String base = "density-" + model + (tc.mixture() == null ? "" : "-" + stem(tc.mixture())) + "-" + family + "-" + integrator + "-d" + dim;
            List<Path> files = ScheduleDensity.write(schedules, List.of("Step density of the schedules",
                    target.describe() + " · " + family + "/" + ip.shape() + " · " + integrator + " · d = " + dim
                            + " · optimized from " + pilotParticles + " pilot particles × " + pilotSteps + " steps × " + pilotPasses + " passes"),
                    plot, base);
            for (Path f : files) System.out.println("  wrote   " + f);
        }
        return 0;
    }

    /** A file name without its folder and its extension. */
    private static String stem(String file) {
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
