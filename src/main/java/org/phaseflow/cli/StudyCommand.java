package org.phaseflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.plot.StudyPlot;
import org.phaseflow.study.Study;
import org.phaseflow.study.StudyConfig;
import org.phaseflow.study.StudyCsv;
import org.phaseflow.study.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code phaseflow study}: K*(d) for every schedule, fitted exponents, results and plots. */
@Command(name = "study", mixinStandardHelpOptions = true,
        header = "Measure K*(d) for every schedule and fit K* ∝ d^γ (the main job).",
        description = {"Measure the step complexity K*(d) of each schedule: for every setting, dimension and seed, the",
                "smallest K on a geometric grid from which the mode weight (high-level feature), the within-mode",
                "spread or magnetisation (low-level feature) and both stay within tolerance; then fit γ in K* ∝ d^γ.",
                "Writes study.csv (one row per setting, d and seed, as soon as known), study.json, study.txt and",
                "K*-against-d plots (PNG, SVG) to --out."})
public final class StudyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--preset", defaultValue = "paper", description = "paper (d up to 1e5, ~10 min on 2 cores) or quick (d ≤ 1e4, ~1 min). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--models", split = ",", description = "Models among gm, cw. Default: gm,cw.")
    List<String> models;

    @Option(names = "--families", split = ",", description = "Families among vp, ve. Default: vp,ve.")
    List<String> families;

    @Option(names = "--shapes", split = ",", description = "Shapes among paper, trig, linear (paper: trig for GM with VP, linear otherwise). Default: paper.")
    List<String> shapes;

    @Option(names = "--schedules", split = ",", description = "Schedules among uniform, dilated, cosine. Default: uniform,dilated.")
    List<String> schedules;

    @Option(names = "--integrators", split = ",", description = "Integrators among euler, heun, ddim. Default: euler.")
    List<String> integrators;

    @Option(names = "--dims", split = ",", description = "Increasing dimensions. Default: paper 100,1000,10000,100000; quick 100,1000,10000.")
    List<Integer> dims;

    @Option(names = "--seeds", description = "Independent seeds per (setting, d), for the exponent's confidence interval. Default: 3.")
    Integer seeds;

    @Option(names = "--seed", defaultValue = "1", description = "First seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--particles-high", description = "Samples for the mode weight (its error floor is 3 standard errors). Default: 600.")
    Integer particlesHigh;

    @Option(names = "--particles-low", description = "Samples for the low-level feature (it self-averages over d). Default: 32.")
    Integer particlesLow;

    @Option(names = "--tol-high", defaultValue = "0.05", description = "Tolerance on |p̂ − p|, never below 3 standard errors. Default: ${DEFAULT-VALUE}.")
    double tolHigh;

    @Option(names = "--tol-sigma", defaultValue = "0.1", description = "GM tolerance on |σ̂/σ − 1|. Default: ${DEFAULT-VALUE}.")
    double tolSigma;

    @Option(names = "--tol-m", defaultValue = "0.01", description = "CW tolerance on |m̂ − m|. Default: ${DEFAULT-VALUE}.")
    double tolM;

    @Option(names = "--k-start", defaultValue = "2", description = "First K of the grid. Default: ${DEFAULT-VALUE}.")
    int kStart;

    @Option(names = "--k-ratio", defaultValue = "1.5", description = "Ratio of the geometric K grid, at most 1.5. Default: ${DEFAULT-VALUE}.")
    double kRatio;

    @Option(names = "--k-cap", defaultValue = "65536", description = "Largest K tried. Default: ${DEFAULT-VALUE}.")
    int kCap;

    @Option(names = "--confirm", defaultValue = "2", description = "Larger grid K that must also pass. Default: ${DEFAULT-VALUE}.")
    int confirm;

    @Option(names = "--k", defaultValue = "3", description = "Dilated schedule parameter. Default: ${DEFAULT-VALUE}.")
    double k;

    @Option(names = "--p", defaultValue = "0.8", description = "GM weight of the + mode. Default: ${DEFAULT-VALUE}.") double p;
    @Option(names = "--m", defaultValue = "1", description = "GM mode scale. Default: ${DEFAULT-VALUE}.") double m;
    @Option(names = "--sigma", defaultValue = "0.1", description = "GM within-mode σ. Default: ${DEFAULT-VALUE}.") double sigma;
    @Option(names = "--beta", defaultValue = "2", description = "CW inverse temperature. Default: ${DEFAULT-VALUE}.") double beta;
    @Option(names = "--h", description = "CW field. Default: ½·ln 4.") Double h;

    @Option(names = "--threads", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Option(names = "--out", defaultValue = "results/study", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resume", description = "Continue the study in --out from its study.csv, keeping its finished rows.")
    boolean resume;

    StudyConfig config() {
        boolean quick = switch (preset) {
            case "paper" -> false;
            case "quick" -> true;
            default -> throw new IllegalArgumentException("--preset '" + preset + "' is not allowed (allowed: paper, quick)");
        };
        List<String> ms = check("--models", or(models, List.of("gm", "cw")), "gm", "cw");
        List<String> fs = check("--families", or(families, List.of("vp", "ve")), "vp", "ve");
        List<String> ss = check("--shapes", or(shapes, List.of("paper")), "paper", "trig", "linear");
        List<String> sc = check("--schedules", or(schedules, List.of("uniform", "dilated")), "uniform", "dilated", "cosine");
        List<String> in = check("--integrators", or(integrators, List.of("euler")), "euler", "heun", "ddim");
        List<Integer> ds = or(dims, quick ? List.of(100, 1000, 10000) : List.of(100, 1000, 10000, 100000));
        return new StudyConfig(ms, fs, ss, sc, in, ds, or(seeds, 3), seed, or(particlesHigh, 600), or(particlesLow, 32),
                tolHigh, tolSigma, tolM, kStart, kRatio, kCap, confirm, k, p, m, sigma, beta, h == null ? CurieWeiss.PAPER_H : h);
    }

    private static <T> T or(T v, T dflt) { return v == null ? dflt : v; }

    private static List<String> check(String option, List<String> values, String... allowed) {
        for (String v : values) ModelOptions.oneOf(option, v, allowed);
        if (values.isEmpty()) throw new IllegalArgumentException(option + " is empty");
        return values;
    }

    @Override
    public Integer call() throws IOException {
        StudyConfig c = config();
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t <= 0) throw new IllegalArgumentException("--threads must be a positive integer, got " + t);
        prepareOut();
        for (Study.Setting s : Study.settings(c)) {
            for (int d : c.dims()) Study.spec(c, s, d, c.seed(), 1, 1);   // every setting valid at every d, before any work
        }
        Path csv = out.resolve("study.csv");
        List<Study.Row> rows = new java.util.ArrayList<>(resume ? StudyCsv.read(csv, c) : List.of());
        Set<String> done = new HashSet<>();
        for (Study.Row r : rows) done.add(Study.key(r.setting(), r.dim(), r.seed()));
        int total = Study.settings(c).size() * c.dims().size() * c.seeds();
        // progress in units of work: a row costs about d (particles × d × steps, with K* mostly flat in d)
        long work = 0;
        for (int d : c.dims()) work += weight(d) * Study.settings(c).size() * c.seeds();
        if (resume) spec.commandLine().getErr().printf("study: resuming with %d of %d rows done%n", rows.size(), total).flush();
        long start = System.nanoTime();
        try (StudyCsv writer = StudyCsv.open(csv, c, resume); Progress progress = new Progress("study", work)) {
            for (Study.Row r : rows) progress.accept(weight(r.dim()));
            Study.run(c, t, done, new Study.Listener() {
                @Override public void accept(long particles) {}

                @Override public void evaluating(Study.Setting s, int dim, long sd, String feature, int[] ks) {
                    progress.extra(String.format("%s d=%d seed %d %s K=%s", s.label(), dim, sd, feature,
                            ks.length == 1 ? ks[0] : ks[0] + ".." + ks[ks.length - 1]));
                }

                @Override public void finished(Study.Row r) {
                    try {
                        writer.write(r);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    rows.add(r);
                    progress.accept(weight(r.dim()));
                    if (System.console() == null) {
                        System.err.printf("study: [%d/%d] %s d=%d seed %d: K*high %s%s, K*low %s%s (%.1f s, %s elapsed)%n",
                                rows.size(), total, r.setting().label(), r.dim(), r.seed(), kStr(r.high().kStar()),
                                floor(r.noiseFloorHigh(), r.high().tolerance()), kStr(r.low().kStar()),
                                floor(r.noiseFloorLow(), r.low().tolerance()), r.elapsedSeconds(),
                                Progress.fmt((System.nanoTime() - start) * 1e-9));
                    }
                }
            });
        }
        double elapsed = (System.nanoTime() - start) * 1e-9;
        List<StudyReport.Curve> curves = StudyReport.curves(c, rows);
        String table = StudyReport.table(curves, c.dims(), c.kCap());
        Files.writeString(out.resolve("study.txt"), table);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>(c.asMap());
        config.put("preset", preset);
        config.put("threads", t);
        config.put("grid", c.grid());
        config.put("particles_note", "N is sized per feature: the mode weight needs many samples (its error floor is "
                + "3 standard errors), the low-level feature self-averages over d and needs few");
        config.putAll(Provenance.describe());
        json.put("config", config);
        json.put("elapsed_s", elapsed);
        json.put("rows_elapsed_s", rows.stream().mapToDouble(Study.Row::elapsedSeconds).sum());
        json.put("exponents", StudyReport.exponents(curves));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("study.json").toFile(), json);
        StudyPlot.write(curves, c.models(), out);
        System.out.print(table);
        System.out.printf("study: %d rows in %.1f s; wrote %s%n", rows.size(), elapsed, out.resolve("study.{csv,json,txt}, kstar*.png/svg"));
        return 0;
    }

    private static long weight(int dim) { return Math.max(1, dim / 100); }

    private static String floor(boolean raised, double tol) {
        return raised ? String.format(" (noise floor: tolerance %.3g)", tol) : "";
    }

    private static String kStr(int k) { return k > 0 ? Integer.toString(k) : "not reached"; }

    private void prepareOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) {
            throw new IllegalArgumentException("--out " + out + " is not a writable directory");
        }
    }
}
