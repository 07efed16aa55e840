package org.phaseflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.phaseflow.config.Json;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.config.ToleranceGrid;
import org.phaseflow.integrator.IntegratorSpec;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.plot.StudyPlot;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.study.Cost;
import org.phaseflow.study.Study;
import org.phaseflow.study.StudyProfile;
import org.phaseflow.study.StudyRunner;
import org.phaseflow.study.TaskExecutor;
import org.phaseflow.study.TaskExecutorProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code phaseflow study}: K*(d) for every schedule, fitted exponents, results and plots. */
@Command(name = "study", mixinStandardHelpOptions = true,
        header = "Measure K*(d) for every schedule and fit K* ∝ d^γ (the main job).",
        description = {"Measure the step complexity K*(d) of each schedule: for every setting, dimension",
                "and seed, the smallest K on a geometric grid from which the mode weight",
                "(high-level feature), the within-mode spread or magnetisation (low-level",
                "feature) and both stay within tolerance; then fit γ in K* ∝ d^γ. Writes",
                "study.csv (one row per setting, d and seed, as soon as known), study.json,",
                "study.txt and K*-against-d plots (PNG, SVG) to --out. The paper preset takes",
                "about 5 to 14 min on 2 cores (the committed results/study: 512 s), the quick one",
                "under a minute."},
        footer = {"", "Options can also be read from a file, one or more per line: phaseflow study @FILE."})
public final class StudyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin QuietOption quiet = new QuietOption();

    /** The study presets. */
    enum Preset {
        PAPER, QUICK;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    @Option(names = "--preset", defaultValue = "paper", description = "${COMPLETION-CANDIDATES} (paper: d up to 1e5, about 5 to 14 min on 2 cores; quick: d ≤ 1e4, under a minute). Default: ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--plan", paramLabel = "FILE", description = "Re-run the plan of a study.json (its \"plan\"), or of a plan file; the options that fix the numbers are then refused.")
    Path plan;

    @Option(names = "--models", split = ",", description = "Models among ${COMPLETION-CANDIDATES}. Default: gm,cw.")
    List<ModelKind> models;

    @Option(names = "--families", split = ",", description = "Families among ${COMPLETION-CANDIDATES}. Default: vp,ve.")
    List<Family> families;

    @Option(names = "--shapes", split = ",", description = "Shapes among ${COMPLETION-CANDIDATES} (paper: trig for GM with VP, linear otherwise). Default: paper.")
    List<ShapeChoice> shapes;

    @Option(names = "--schedules", split = ",(?=[A-Za-z])", splitSynopsisLabel = ",", description = "Schedules among uniform, dilated, cosine, optimized (computed once per setting and d from the target and shared by its seeds: docs/mathematics.md §5.8), karras, logsnr (karras:sigma_max=S etc. for other noise levels) and file:PATH (a JSON knots schedule, "
            + "{\"knots\": [[t, τ], …]}; its SHA-256 is part of the study's identity). Default: uniform,dilated.")
    List<ScheduleSpec> schedules;

    @Option(names = "--integrators", split = ",", description = "Integrators among euler, heun, ddim, dpm2m, bs3 and bs3a (adaptive: searched over "
            + "its tolerance grid instead of K, needs --cost nfe; bs3a:norm=max or bs3a:norm=mode for another error norm; docs/mathematics.md §7.4). Default: euler.")
    List<IntegratorSpec> integrators;

    @Option(names = "--dims", split = ",", description = "Increasing dimensions. Default: paper 100,1000,10000,100000; quick 100,1000,10000.")
    List<Integer> dims;

    @Option(names = "--seeds", description = "Independent seeds per (setting, d), for the exponent's confidence interval. Default: " + StudyPlan.SEEDS + ".")
    Integer seeds;

    @Option(names = "--seed", defaultValue = "1", description = "First seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--particles-high", description = "Samples for the mode weight, at least 2 (its error floor is 3 standard errors). Default: " + StudyPlan.PARTICLES_HIGH + ".")
    Integer particlesHigh;

    @Option(names = "--particles-low", description = "Samples for the low-level feature, at least 2 (it self-averages over d). Default: " + StudyPlan.PARTICLES_LOW + ".")
    Integer particlesLow;

    @Option(names = "--tol-high", defaultValue = "" + StudyPlan.TOL_HIGH, description = "Tolerance on |p̂ − p|, never below 3 standard errors. Default: ${DEFAULT-VALUE}.")
    double tolHigh;

    @Option(names = "--tol-sigma", defaultValue = "" + StudyPlan.TOL_SIGMA, description = "GM tolerance on |σ̂/σ − 1|. Default: ${DEFAULT-VALUE}.")
    double tolSigma;

    @Option(names = "--tol-m", defaultValue = "" + StudyPlan.TOL_M, description = "CW tolerance on |m̂ − m|. Default: ${DEFAULT-VALUE}.")
    double tolM;

    @Option(names = "--k-start", defaultValue = "" + StudyPlan.K_START, description = "First K of the grid. Default: ${DEFAULT-VALUE}.")
    int kStart;

    @Option(names = "--k-ratio", defaultValue = "" + StudyPlan.K_RATIO, description = "Ratio of the geometric K grid, at most 1.5. Default: ${DEFAULT-VALUE}.")
    double kRatio;

    @Option(names = "--k-cap", defaultValue = "" + StudyPlan.K_CAP, description = "Largest K searched for K* (its confirmations may lie beyond). Default: ${DEFAULT-VALUE}.")
    int kCap;

    @Option(names = "--confirm", defaultValue = "" + StudyPlan.CONFIRM, description = "Larger grid K that must also pass. Default: ${DEFAULT-VALUE}.")
    int confirm;

    @Option(names = "--k", defaultValue = "" + Paper.K, description = "Dilated schedule parameter (refused without dilated in --schedules). Default: ${DEFAULT-VALUE}.")
    double k;

    @Option(names = "--p", defaultValue = "" + Paper.P, description = "GM weight of the + mode. Default: ${DEFAULT-VALUE}.") double p;
    @Option(names = "--m", defaultValue = "" + Paper.M, description = "GM mode scale. Default: ${DEFAULT-VALUE}.") double m;
    @Option(names = "--sigma", defaultValue = "" + Paper.SIGMA, description = "GM within-mode σ. Default: ${DEFAULT-VALUE}.") double sigma;
    @Option(names = "--beta", defaultValue = "" + Paper.BETA, description = "CW inverse temperature. Default: ${DEFAULT-VALUE}.") double beta;
    @Option(names = "--h", description = "CW field. Default: ½·ln 4.") Double h;

    @Option(names = "--mixture", paramLabel = "FILE", description = "A Gaussian mixture from a JSON file (the format of 'sample --mixture') in place of the GM preset: "
            + "the mode weight is component 0's, and each component's spread is a low-level feature of its own in the table, CSV and plots.")
    Path mixture;

    @Option(names = "--cost", defaultValue = "steps", description = "What the table, study.json and plots count: ${COMPLETION-CANDIDATES} "
            + "(nfe: NFE*, the field evaluations per sample at K*, which compares schemes of different cost per step; the CSV holds K* either way, and NFE* for bs3a, which needs nfe). Default: ${DEFAULT-VALUE}.")
    Cost cost;

    @Option(names = "--threads", description = "Worker threads, at most 4 per available processor. Default: all cores.")
    Integer threads;

    @Option(names = "--runner", defaultValue = TaskExecutorProvider.LOCAL, description = "Where the tasks run: local (this JVM's threads) "
            + "or spark (Apache Spark at --master, each task on --threads threads, default 1; docs/spark.md). The rows are the same. Default: ${DEFAULT-VALUE}.")
    String runner;

    @Option(names = "--master", description = "With --runner spark: local[N] (N executor threads here), spark://HOST:PORT or k8s://… (with Spark's Kubernetes module). Default: local[all cores].")
    String master;

    @Option(names = "--shards", paramLabel = "S", description = "With --runner spark: split every task's particles into S shards, each round of its K* search one Spark job "
            + "over them (1: every task whole). Default: tasks of particles × d ≥ 1e8 (d = 1e6 at the preset's N) in as many shards as the cluster has task slots, the others whole. The rows are the same.")
    Integer shards;

    @Option(names = "--out", defaultValue = "out/study", description = "Output directory; a non-empty one is refused unless --resume or --force "
            + "(the committed study in results/study is never overwritten by default). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resume", description = "Continue the study in --out from its study.csv, keeping its finished rows.")
    boolean resume;

    @Option(names = "--force", description = "Start afresh in a non-empty --out: first remove the files a study writes there "
            + "(study.csv, study.json, study.txt, kstar*.png/svg, optimized-*.json), so nothing of another run stays beside the new one.")
    boolean force;

    @Option(names = "--replot", description = "Redraw the kstar*.png/svg plots of the finished study in --out from its study.json and study.csv; "
            + "computes nothing, changes no other file, and takes the plan and cost from study.json (other options are not used).")
    boolean replot;

    @Option(names = "--profile", description = "Write profile.txt in --out: where the finished study's time went (seconds and element-steps "
            + "per setting and d, each K's share of the work beside its error, the work spent on K that fail clearly), from its study.json and study.csv; computes nothing else.")
    boolean profile;

    /** The files a study writes in --out (what --force removes). */
    static boolean written(String name) {
        return name.equals("study.csv") || name.equals("study.json") || name.equals("study.txt") || name.equals("profile.txt")
                || name.startsWith("kstar") && (name.endsWith(".png") || name.endsWith(".svg"))
                || name.startsWith("optimized-") && name.endsWith(".json");
    }

    /** The plan these options state (or the one --plan names). */
    StudyPlan plan() {
        if (plan != null) return StudyRunner.readPlan(plan);
        StudyPlan d = StudyPlan.paper(preset == Preset.QUICK ? Paper.QUICK_DIMS : Paper.DIMS);
        return new StudyPlan(or(models, d.models()), or(families, d.families()), or(shapes, d.shapes()), or(schedules, d.schedules()),
                or(integrators, d.integrators()), or(dims, d.dims()), or(seeds, d.seeds()), seed, or(particlesHigh, d.particlesHigh()),
                or(particlesLow, d.particlesLow()), tolHigh, tolSigma, tolM, kStart, kRatio, kCap, confirm, k, p, m, sigma, beta,
                h == null ? d.h() : h, mixture == null ? null : mixture.toString());
    }

    private static <T> T or(T v, T dflt) { return v == null ? dflt : v; }

    @Override
    public Integer call() throws IOException {
        quiet.apply();
        ParseResult parsed = spec.commandLine().getParseResult();
        OptionRules.exclusive(parsed, "--replot", Set.of("--out", "--quiet"), "which redraws a finished study's plots from its own files");
        if (replot) return replot();
        OptionRules.exclusive(parsed, "--profile", Set.of("--out", "--quiet"), "which reads a finished study's own files");
        if (profile) return profile();
        OptionRules.exclusive(parsed, "--plan", Set.of("--out", "--resume", "--force", "--threads", "--cost", "--quiet", "--runner", "--master", "--shards"),
                "which fixes every number of the study");
        if (parsed.hasMatchedOption("--preset") && parsed.hasMatchedOption("--dims")) {
            throw new IllegalArgumentException("--preset " + preset + " only chooses the dimensions, which --dims " + dims.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")) + " gives; give one or the other");
        }
        StudyPlan p = plan();
        if (plan == null) {
            OptionRules.check(parsed, new OptionRules.Scope(true, java.util.EnumSet.copyOf(p.models()), p.mixture(), p.schedules(),
                    java.util.EnumSet.copyOf(p.integrators().stream().map(IntegratorSpec::kind).toList())));
        }
        boolean local = runner.equals(TaskExecutorProvider.LOCAL);
        // on a cluster a task takes one core unless told otherwise: the cores go to tasks running side by side
        int t = local || threads != null ? ModelOptions.threads(threads) : 1;
        TaskExecutor executor = TaskExecutorProvider.executor(runner, master, t, shards);
        StudyRunner.checkCost(p, cost);
        Study.validate(p);
        prepareOut();
        // progress in units of work: a row costs about d (particles × d × steps, with K* mostly flat in d)
        long work = 0;
        for (Study.Task task : Study.tasks(p)) work += weight(task.dim());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("preset", plan == null ? preset.toString() : "plan " + plan);
        context.put("threads", t);
        if (!local) context.put("runner", executor.toString());
        context.putAll(Provenance.describe());
        long start = System.nanoTime();
        StudyRunner.Result result;
        try (Progress progress = new Progress("study", work, quiet.quiet)) {
            result = StudyRunner.run(p, cost, executor, out, resume, context, new StudyRunner.Events() {
                @Override public void resumed(List<Study.Row> done, int total) {
                    quiet.info(spec.commandLine().getErr()).printf("study: resuming with %d of %d rows done%n", done.size(), total).flush();
                    for (Study.Row r : done) progress.accept(weight(r.dim()));
                }

                @Override public void cutLine(Path csv, int line) {
                    spec.commandLine().getErr().printf("study: %s line %d was cut short (interrupted during a write); dropped, its row is recomputed%n",
                            csv, line).flush();
                }

                @Override public void evaluating(Study.Task task, String feature, int[] ks) {
                    // an adaptive setting's rounds are indices into the tolerance grid (docs/mathematics.md §7.4)
                    boolean adaptive = task.setting().integrator().adaptive();
                    java.util.function.IntFunction<String> at = i -> adaptive ? String.format("%.3g", ToleranceGrid.rtol(i - 1)) : Integer.toString(i);
                    progress.extra(String.format("%s d=%d seed %d %s %s=%s", task.setting().label(), task.dim(), task.seed(), feature,
                            adaptive ? "rtol" : "K", ks.length == 1 ? at.apply(ks[0]) : at.apply(ks[0]) + ".." + at.apply(ks[ks.length - 1])));
                }

                @Override public void row(Study.Row r, int done, int total) {
                    progress.accept(weight(r.dim()));
                    if (System.console() == null && !quiet.quiet) {
                        String star = r.setting().integrator().adaptive() ? "NFE*" : "K*";
                        System.err.printf("study: [%d/%d] %s d=%d seed %d: %shigh %s%s, %slow %s%s (%.1f s, %s elapsed)%n",
                                done, total, r.setting().label(), r.dim(), r.seed(), star, kStr(r.high().kStar()),
                                sized(r.particlesHigh(), p.particlesHigh()) + floor(r.noiseFloorHigh(), r.high().tolerance()),
                                star, kStr(r.low().kStar()), sized(r.particlesLow(), p.particlesLow()) + floor(r.noiseFloorLow(), r.low().tolerance()),
                                r.elapsedSeconds(),
                                Progress.fmt((System.nanoTime() - start) * 1e-9));
                    }
                }
            });
        }
        StudyPlot.write(result.curves(), p.models(), out);
        System.out.print(result.table());
        System.out.printf("study: %d rows in %.1f s; wrote %s%n", result.rows().size(), result.elapsedSeconds(),
                out.resolve("study.{csv,json,txt}, kstar*.png/svg"));
        return 0;
    }

    /** --replot: the plots of the study in --out drawn again from its files. */
    private int replot() throws IOException {
        StudyRunner.Stored s = StudyRunner.read(out);
        List<Path> files = StudyPlot.write(s.curves(), s.plan().models(), out);
        System.out.printf("study: redrew %d plots from the %d rows in %s%n", files.size(), s.rows().size(), out);
        return 0;
    }

    /** --profile: where the study in --out spent its time, written to profile.txt and printed. */
    private int profile() throws IOException {
        StudyRunner.Stored s = StudyRunner.read(out, "--profile");
        double wall = Json.MAPPER.readTree(out.resolve("study.json").toFile()).path("elapsed_s").asDouble(Double.NaN);
        String text = StudyProfile.text(s.plan(), s.rows(), wall);
        java.nio.file.Files.writeString(out.resolve("profile.txt"), text);
        System.out.print(text);
        return 0;
    }

    private static long weight(int dim) { return Math.max(1, dim / 100); }

    private static String floor(boolean raised, double tol) {
        return raised ? String.format(" (noise floor: tolerance %.3g)", tol) : "";
    }

    /** The N of a search when the noise floor made it larger than the plan's (docs/mathematics.md §7.3). */
    private static String sized(int n, int planned) { return n == planned ? "" : " (N = " + n + ")"; }

    private static String kStr(int k) { return k > 0 ? Integer.toString(k) : "not reached"; }

    /** Checks --out before any work, then creates it: a non-empty folder only with --resume (kept) or --force (cleared). */
    private void prepareOut() {
        if (force && resume) throw new IllegalArgumentException("--force and --resume exclude each other (--force starts afresh, --resume continues)");
        OutputDir.checkWritable("--out", out);
        if (!resume) OutputDir.claim("--out", out, force, StudyCommand::written, "add --resume to continue its study or --force to start afresh");
        OutputDir.create("--out", out);
    }
}
