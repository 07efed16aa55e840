package org.phaseflow.perf;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ModelKind;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * The {@code bench} measurement: a fixed set of configurations in the paper's setting (VP, dilated
 * schedule k = 3, Euler, seed 1) through the real sampler. For each, after a warm-up, the median of
 * {@code repeats} timed runs of the preferred (vector) kernels with per-step latencies in an
 * HdrHistogram, the scalar twin through the same sampler, and the machine's ceiling on the same
 * threads ({@link CeilingRun}): all in one process, so their ratios drift less than absolute rates.
 */
public final class Bench {

    /** One configuration: the vector run's size and the (smaller) scalar twin's. */
    public record Config(ModelKind model, int dim, int particles, int steps, int scalarParticles, int scalarSteps) {}

    /** The fixed set. Sized for about a second of vector work each on two cores. */
    public static final List<Config> CONFIGS = List.of(
            new Config(ModelKind.GM, 10_000, 2000, 500, 100, 500),
            new Config(ModelKind.GM, 100_000, 400, 500, 20, 500),
            new Config(ModelKind.CW, 10_000, 200, 500, 10, 200),
            new Config(ModelKind.CW, 100_000, 40, 500, 4, 50));

    /**
     * How to measure: on {@code threads} workers, {@code scale} ∈ (0, 1] of every configuration's work
     * (particles and steps; tests use a tiny one), {@code repeats} timed vector runs each.
     */
    public record Settings(int threads, double scale, int repeats) {}

    private final Settings settings;

    public Bench(Settings settings) {
        this.settings = settings;
    }

    /** Measures every configuration; {@code commit} and {@code cpu} describe where (they go into the report). */
    public BenchReport measure(String commit, String cpu) {
        long start = System.nanoTime();
        List<BenchReport.Row> rows = new ArrayList<>();
        for (Config c : CONFIGS) rows.add(measure(c));
        return new BenchReport(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")),
                commit, Runtime.version().toString(), cpu, Runtime.getRuntime().availableProcessors(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                (System.nanoTime() - start) * 1e-9, rows);
    }

    /**
     * Measures once more every configuration that looks like a regression against {@code baseline} and
     * keeps the better of the two runs: on a shared machine one unlucky run (a sub-microsecond step at
     * d = 10⁴) can fall by a quarter, a real regression falls twice. Says so on {@code log}.
     */
    public BenchReport confirm(BenchReport report, BenchReport baseline, BenchComparison.Criteria criteria, PrintWriter log) {
        if (!BenchComparison.of(report, baseline, criteria).regressed()) return report;
        List<BenchReport.Row> rows = new ArrayList<>(report.configurations());
        for (int i = 0; i < rows.size(); i++) {
            BenchReport.Row x = rows.get(i);
            if (!BenchComparison.of(report.with(List.of(x)), baseline, criteria).regressed()) continue;
            Config c = CONFIGS.stream().filter(k -> k.model().toString().equals(x.model()) && k.dim() == x.dim()).findFirst().orElseThrow();
            log.printf("bench: %s looks slower than the baseline; measuring it once more%n", x.key());
            BenchReport.Row again = measure(c);
            if (BenchComparison.throughput(again, criteria.basis()) > BenchComparison.throughput(x, criteria.basis())) rows.set(i, again);
        }
        return report.with(rows);
    }

    /** One configuration: vector runs, scalar twin, ceiling. */
    public BenchReport.Row measure(Config c) {
        int t = settings.threads(), repeats = settings.repeats();
        double scale = settings.scale();
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

        CeilingRun.Kind kind = c.model() == ModelKind.GM ? CeilingRun.Kind.MEMORY : CeilingRun.Kind.TRANSCENDENTAL;
        double[] ceil = new double[repeats], ceilMedian = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            CeilingRun.Rates cr = CeilingRun.measure(kind, c.dim(), t, Math.max(0.02, 0.4 * scale));
            ceil[r] = cr.wall();
            ceilMedian[r] = cr.median();
        }
        double ceiling = median(ceil), ceilingMedian = median(ceilMedian);
        double medianStep = (double) t * c.dim() * 1e9 / latency.getValueAtPercentile(50);

        return new BenchReport.Row(c.model().toString(), c.dim(), n, k, t, vector.name(), rate, scalarRate, rate / scalarRate,
                kind.id, ceiling, rate / ceiling,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(), latency.getMean(),
                medianStep, ceilingMedian, medianStep / ceilingMedian, scalarMedian, medianStep / scalarMedian);
    }

    /** The paper's setting for a model: VP family, dilated schedule (k = 3), Euler, seed 1. */
    static RunSpec spec(Config c, int particles, int threads) {
        return RunConfig.paper(TargetConfig.paper(c.model()), c.dim(), particles, c.steps(), 1, threads).spec();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
