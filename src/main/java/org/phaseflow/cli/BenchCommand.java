package org.phaseflow.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.phaseflow.config.Paper;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.perf.CeilingRun;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phaseflow bench}: a quick throughput run of a fixed set of configurations through the real
 * sampler (paper settings: VP, dilated schedule k = 3, Euler), with per-step latency percentiles, the
 * scalar twin and the machine's ceiling measured in the same process, and a comparison against a
 * baseline run. The ratios (vector/scalar, kernel/ceiling) drift less than absolute rates on a shared
 * machine, so they are compared too.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick throughput benchmark (under a minute): element-steps/s of the GM and CW Euler step "
                + "through the sampler, per-step latency percentiles, the scalar twin and the machine's ceiling "
                + "measured beside it; writes JSON under results/bench/ and compares with a baseline.")
public final class BenchCommand implements Callable<Integer> {

    /** One configuration: the vector run's size and the (smaller) scalar twin's. */
    record Config(String model, int dim, int particles, int steps, int scalarParticles, int scalarSteps) {}

    /** The fixed set. Sized for about a second of vector work each on two cores. */
    static final List<Config> CONFIGS = List.of(
            new Config("gm", 10_000, 2000, 500, 100, 500),
            new Config("gm", 100_000, 400, 500, 20, 500),
            new Config("cw", 10_000, 200, 500, 10, 200),
            new Config("cw", 100_000, 40, 500, 4, 50));

    /** The measured numbers of one configuration (JSON field names in snake case). */
    public record Row(String model, int dim, int particles, int steps, int threads, String kernels,
                      double elementStepsPerS, double scalarElementStepsPerS, double vectorScalarRatio,
                      String ceiling, double ceilingElementsPerS, double ceilingFraction,
                      double latencyP50Ns, double latencyP90Ns, double latencyP99Ns, double latencyP999Ns,
                      double latencyMaxNs, double latencyMeanNs, double medianStepElementStepsPerS,
                      double ceilingMedianElementsPerS, double medianCeilingFraction,
                      double scalarMedianStepElementStepsPerS, double medianVectorScalarRatio) {

        String key() { return model + " d=" + dim + " threads=" + threads; }
    }

    /** A whole run. */
    public record Report(String date, String commit, String java, String cpu, int cores, String jvmArgs,
                         double seconds, List<Row> configurations) {}

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the run's JSON instead of the table.")
    boolean json;

    @Option(names = "--compare", paramLabel = "BASELINE", description = "Compare with a baseline JSON (e.g. results/bench/baseline.json); "
            + "exit 1 when any throughput or ratio falls by more than the tolerance.")
    Path compare;

    @Option(names = "--tolerance", defaultValue = "0.15", description = "Largest accepted relative fall of element_steps_per_s against the baseline. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--ratio-tolerance", defaultValue = "0.15", description = "Largest accepted relative fall of the vector/scalar and kernel/ceiling ratios. Default: ${DEFAULT-VALUE}.")
    double ratioTolerance;

    /** Which rates --compare gates on. */
    enum Basis { wall, median }

    @Option(names = "--basis", defaultValue = "median", description = "Rates that --compare gates on: wall (particles × d × K over the "
            + "integration's wall time) or median (threads × d over the median step time; a preempted step on a shared "
            + "machine does not move it). Both are printed. Default: ${DEFAULT-VALUE}.")
    Basis basis;

    @Option(names = "--threads", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Option(names = "--out", defaultValue = "results/bench", description = "Directory for the run's JSON (named by date and git commit). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-save", description = "Do not write the JSON file.")
    boolean noSave;

    @Option(names = "--from", paramLabel = "RUN", description = "Do not measure: read a saved run (to re-print it or compare it).")
    Path from;

    @Option(names = "--scale", defaultValue = "1", description = "Fraction of the fixed work to run (smoke tests use a tiny one). Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed vector runs per configuration (the median is kept). Default: ${DEFAULT-VALUE}.")
    int repeats;

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public Integer call() throws IOException {
        if (!(tolerance >= 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be in [0, 1), got " + tolerance);
        if (!(ratioTolerance >= 0 && ratioTolerance < 1)) throw new IllegalArgumentException("--ratio-tolerance must be in [0, 1), got " + ratioTolerance);
        if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("--scale must be in (0, 1], got " + scale);
        if (repeats <= 0) throw new IllegalArgumentException("--repeats must be a positive integer, got " + repeats);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t <= 0) throw new IllegalArgumentException("--threads must be a positive integer, got " + t);
        Report baseline = compare == null ? null : read(compare, "--compare");
        PrintWriter o = spec.commandLine().getOut();

        Report report;
        if (from != null) {
            report = read(from, "--from");
        } else {
            report = measure(t);
            if (baseline != null) report = confirm(report, baseline, t);
            if (!noSave) {
                Files.createDirectories(out);
                Path file = out.resolve(report.date().replace(":", "") + "-" + report.commit() + ".json");
                mapper().writeValue(file.toFile(), report);
                if (!json) o.println("wrote " + file);
            }
        }
        if (json) {
            o.println(mapper().writeValueAsString(report));
        } else {
            o.print(table(report));
        }
        int status = 0;
        if (baseline != null) {
            Comparison c = compare(report, baseline, tolerance, ratioTolerance, basis);
            (json ? spec.commandLine().getErr() : o).print(c.text());
            status = c.regressed() ? 1 : 0;
        }
        o.flush();
        return status;
    }

    /**
     * Measures once more every configuration that looks like a regression and keeps the better of the
     * two runs: on a shared machine one unlucky run (a sub-microsecond step at d = 10⁴) can fall by a
     * quarter, a real regression falls twice.
     */
    private Report confirm(Report report, Report baseline, int t) {
        Comparison first = compare(report, baseline, tolerance, ratioTolerance, basis);
        if (!first.regressed()) return report;
        List<Row> rows = new ArrayList<>(report.configurations());
        for (int i = 0; i < rows.size(); i++) {
            Row x = rows.get(i);
            Report alone = new Report(report.date(), report.commit(), report.java(), report.cpu(), report.cores(),
                    report.jvmArgs(), report.seconds(), List.of(x));
            if (!compare(alone, baseline, tolerance, ratioTolerance, basis).regressed()) continue;
            Config c = CONFIGS.stream().filter(k -> k.model().equals(x.model()) && k.dim() == x.dim()).findFirst().orElseThrow();
            spec.commandLine().getErr().printf("bench: %s looks slower than the baseline; measuring it once more%n", x.key());
            Row again = measure(c, t);
            boolean wall = basis == Basis.wall;
            if ((wall ? again.elementStepsPerS() : again.medianStepElementStepsPerS())
                    > (wall ? x.elementStepsPerS() : x.medianStepElementStepsPerS())) rows.set(i, again);
        }
        return new Report(report.date(), report.commit(), report.java(), report.cpu(), report.cores(), report.jvmArgs(),
                report.seconds(), rows);
    }

    private static Report read(Path p, String option) throws IOException {
        if (!Files.isReadable(p)) throw new IllegalArgumentException(option + " " + p + ": no such readable file");
        try {
            return mapper().readValue(p.toFile(), Report.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + p + ": not a bench JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    Report measure(int t) {
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        for (Config c : CONFIGS) rows.add(measure(c, t));
        return new Report(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")),
                Provenance.gitCommit(), Runtime.version().toString(), Provenance.cpu(), Runtime.getRuntime().availableProcessors(),
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
                (System.nanoTime() - start) * 1e-9, rows);
    }

    private Row measure(Config c, int t) {
        int n = Math.max(t, (int) Math.round(c.particles() * scale));
        int k = Math.max(4, (int) Math.round(c.steps() * scale));
        int ns = Math.max(t, (int) Math.round(c.scalarParticles() * scale));
        int ks = Math.max(4, (int) Math.round(c.scalarSteps() * scale));
        RunSpec run = spec(c, n, t);
        FlowKernels vector = Kernels.preferred(), scalar = Kernels.scalar();

        Sampler.run(run.withParticles(Math.max(t, n / 4)), new int[] {k}, Recording.OUTCOMES, null, vector); // warm-up
        Histogram latency = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
        double[] rates = new double[repeats];
        Recording withLatency = new Recording(false, 0, new int[0], true);
        for (int r = 0; r < repeats; r++) {
            Samples s = Sampler.run(run, new int[] {k}, withLatency, null, vector).get(0);
            rates[r] = (double) n * c.dim() * k / s.integrationSeconds();
            latency.add(s.latency());
        }
        double rate = median(rates);

        RunSpec scalarRun = run.withParticles(ns);
        Sampler.run(scalarRun.withParticles(t), new int[] {ks}, Recording.OUTCOMES, null, scalar); // warm-up
        Samples ss = Sampler.run(scalarRun, new int[] {ks}, withLatency, null, scalar).get(0);
        double scalarRate = (double) ns * c.dim() * ks / ss.integrationSeconds();
        double scalarMedian = (double) t * c.dim() * 1e9 / ss.latency().getValueAtPercentile(50);

        CeilingRun.Kind kind = c.model().equals("gm") ? CeilingRun.Kind.MEMORY : CeilingRun.Kind.TRANSCENDENTAL;
        double[] ceil = new double[repeats], ceilMedian = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            CeilingRun.Rates cr = CeilingRun.measure(kind, c.dim(), t, Math.max(0.02, 0.4 * scale));
            ceil[r] = cr.wall();
            ceilMedian[r] = cr.median();
        }
        double ceiling = median(ceil), ceilingMedian = median(ceilMedian);
        double medianStep = (double) t * c.dim() * 1e9 / latency.getValueAtPercentile(50);

        return new Row(c.model(), c.dim(), n, k, t, vector.name(), rate, scalarRate, rate / scalarRate,
                kind.id, ceiling, rate / ceiling,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(), latency.getMean(),
                medianStep, ceilingMedian, medianStep / ceilingMedian, scalarMedian, medianStep / scalarMedian);
    }

    /** The paper's setting for a model: VP family, dilated schedule (k = 3), Euler, seed 1. */
    static RunSpec spec(Config c, int particles, int threads) {
        Target target = c.model().equals("gm") ? TwoModeMixture.ones(c.dim(), Paper.P, Paper.M, Paper.SIGMA)
                : new CurieWeiss(c.dim(), Paper.BETA, Paper.H);
        Interpolant ip = Interpolant.of(c.model().equals("gm") ? Shape.TRIG : Shape.LINEAR, Family.VP, c.dim());
        return new RunSpec(target, ip, new Dilated(ip, c.dim(), Paper.K), IntegratorKind.EULER, particles, 1, threads);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static String table(Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "phaseflow bench  %s  commit %s  %s, %d cores  (%.1f s)%n",
                r.date(), r.commit(), r.cpu(), r.cores(), r.seconds()));
        b.append(String.format(Locale.ROOT, "%-5s %7s %5s %4s %3s %12s %12s %12s %7s %12s %6s %6s %9s %9s %9s %9s %9s%n",
                "model", "dim", "N", "K", "thr", "elem-steps/s", "median-step", "scalar", "vec/sc", "ceiling", "frac", "m-frac",
                "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs"));
        for (Row x : r.configurations()) {
            b.append(String.format(Locale.ROOT, "%-5s %7d %5d %4d %3d %12.3e %12.3e %12.3e %7.1f %12.3e %6.2f %6.2f %9.1f %9.1f %9.1f %9.1f %9.1f%n",
                    x.model(), x.dim(), x.particles(), x.steps(), x.threads(), x.elementStepsPerS(), x.medianStepElementStepsPerS(),
                    x.scalarElementStepsPerS(), x.vectorScalarRatio(), x.ceilingElementsPerS(), x.ceilingFraction(), x.medianCeilingFraction(),
                    x.latencyP50Ns() / 1e3, x.latencyP90Ns() / 1e3, x.latencyP99Ns() / 1e3, x.latencyP999Ns() / 1e3,
                    x.latencyMaxNs() / 1e3));
        }
        b.append("ceiling: GM = in-place read-modify-write over one particle's row per thread; "
                + "CW = one tanh per element + one log per block of ratios. frac = kernel / ceiling.\n"
                + "median-step = threads × d / p50 step latency (what the throughput would be without preemption); "
                + "m-frac = median-step / the ceiling's median-sweep rate.\n"
                + "latencies: wall time of one step of one particle (a preempted step shows in the tail, not the median).\n");
        return b.toString();
    }

    /** The outcome of a comparison with a baseline. */
    record Comparison(String text, boolean regressed) {}

    static Comparison compare(Report now, Report base, double tol, double ratioTol, Basis basis) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "compared with %s (commit %s): ratios new/baseline on %s rates; tolerance %.0f %% (throughput), %.0f %% (ratios)%n",
                base.date(), base.commit(), basis, 100 * tol, 100 * ratioTol));
        b.append(String.format(Locale.ROOT, "%-26s %10s %10s %10s %10s  %s%n", "configuration", "throughput", "vec/scalar",
                "frac", "ceiling", "verdict"));
        boolean regressed = false;
        int matched = 0;
        for (Row x : now.configurations()) {
            Row y = base.configurations().stream().filter(r -> r.key().equals(x.key())).findFirst().orElse(null);
            if (y == null) {
                b.append(String.format(Locale.ROOT, "%-26s %s%n", x.key(), "not in the baseline"));
                continue;
            }
            matched++;
            boolean w = basis == Basis.wall;
            double thr = w ? x.elementStepsPerS() / y.elementStepsPerS() : x.medianStepElementStepsPerS() / y.medianStepElementStepsPerS();
            double vs = w ? x.vectorScalarRatio() / y.vectorScalarRatio() : x.medianVectorScalarRatio() / y.medianVectorScalarRatio();
            double fr = w ? x.ceilingFraction() / y.ceilingFraction() : x.medianCeilingFraction() / y.medianCeilingFraction();
            double ce = w ? x.ceilingElementsPerS() / y.ceilingElementsPerS() : x.ceilingMedianElementsPerS() / y.ceilingMedianElementsPerS();
            List<String> bad = new ArrayList<>();
            if (!(thr >= 1 - tol)) bad.add("throughput");
            if (!(vs >= 1 - ratioTol)) bad.add("vector/scalar");
            if (!(fr >= 1 - ratioTol)) bad.add("kernel/ceiling");
            String verdict = bad.isEmpty() ? "ok" : "REGRESSION: " + String.join(", ", bad);
            if (bad.equals(List.of("throughput")) && ce < 1 - tol) verdict += " (the ceiling fell too: a busier machine?)";
            regressed |= !bad.isEmpty();
            b.append(String.format(Locale.ROOT, "%-26s %10.3f %10.3f %10.3f %10.3f  %s%n", x.key(), thr, vs, fr, ce, verdict));
        }
        if (matched == 0) {
            b.append("no configuration of this run is in the baseline\n");
            regressed = true;
        }
        b.append(regressed ? "bench: REGRESSION against the baseline\n" : "bench: no regression against the baseline\n");
        return new Comparison(b.toString(), regressed);
    }
}
