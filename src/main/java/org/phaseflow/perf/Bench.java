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
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.GaussianMixture;
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

    /**
     * One configuration: the vector run's size and the (smaller) scalar twin's; {@code mixture} is null for
     * the presets (the two-mode GM, CW) and otherwise names the Gaussian mixture sampled instead.
     */
    public record Config(ModelKind model, int dim, int particles, int steps, int scalarParticles, int scalarSteps, Mixture mixture,
                         IntegratorKind integrator) {
        Config(ModelKind model, int dim, int particles, int steps, int scalarParticles, int scalarSteps) {
            this(model, dim, particles, steps, scalarParticles, scalarSteps, null, IntegratorKind.EULER);
        }

        Config(ModelKind model, int dim, int particles, int steps, int scalarParticles, int scalarSteps, Mixture mixture) {
            this(model, dim, particles, steps, scalarParticles, scalarSteps, mixture, IntegratorKind.EULER);
        }

        /** The row's name in the report: the model's or the mixture's, then the scheme's unless it is Euler (gm-heun). */
        public String name() {
            String target = mixture == null ? model.toString() : mixture.name();
            return integrator == IntegratorKind.EULER ? target : target + "-" + integrator;
        }

        /** NAME@D, as {@code bench --configuration} takes it (e.g. mix4-diag-vec@100000). */
        public String id() { return name() + "@" + dim; }
    }

    /** The configuration of an id (Config.id); an unknown one is refused with the list of those there are. */
    public static Config configuration(String id) {
        for (Config c : CONFIGS) if (c.id().equals(id)) return c;
        throw new IllegalArgumentException("--configuration " + id + ": no such configuration; one of "
                + String.join(", ", CONFIGS.stream().map(Config::id).toList()));
    }

    /**
     * A Gaussian mixture of a bench row (docs/mathematics.md §2.7–2.8): {@code components} components,
     * isotropic or diagonal σ, numbers or vectors for the means; {@code preset} is the paper's two-mode
     * GM written as a mixture file (weights 0.8/0.2, means ±1, σ = 0.1), which is isotropic with numbers.
     * Component c has weight ∝ C − c, mean number −1 + 2c/(C − 1) or a vector of random signs, σ =
     * 0.1·(1 + c/C) or per coordinate uniform in [0.05, 0.25].
     */
    public record Mixture(int components, boolean diagonal, boolean vectorMeans, boolean preset) {

        /** The paper's two-mode GM as a mixture. */
        public static final Mixture PRESET = new Mixture(2, false, false, true);

        /** e.g. mix4-diag-vec (the row's model column); gm-mix for the preset. */
        public String name() {
            return preset ? "gm-mix" : "mix" + components + "-" + (diagonal ? "diag" : "iso") + "-" + (vectorMeans ? "vec" : "num");
        }

        /**
         * The arrays behind the mixture in dimension d: weights; every mean in full; the vector means alone
         * (the isotropic kernel's list); the means with null for a number and those numbers (the diagonal
         * kernel's); σ² per coordinate; σ (a number per component, or per coordinate).
         */
        public record Arrays(double[] weights, float[][] means, float[][] vectorMeans, float[][] diagonalMeans, float[] scalarMeans,
                             float[][] variances, double[] isoSigma, float[][] sigma) {}

        public Arrays arrays(int d) {
            int c = components;
            double[] w = new double[c], iso = new double[c];
            float[][] means = new float[c][d], vecs = new float[vectorMeans ? c : 0][], diagMeans = new float[c][], var = new float[c][d], sig = new float[c][d];
            float[] nums = new float[c];
            for (int j = 0; j < c; j++) {
                java.util.SplittableRandom r = new java.util.SplittableRandom(1000 + j);
                w[j] = preset ? (j == 0 ? 0.8 : 0.2) : 2.0 * (c - j) / (c * (c + 1.0));
                nums[j] = preset ? (j == 0 ? 1f : -1f) : (float) (c == 1 ? 0 : -1 + 2.0 * j / (c - 1));
                iso[j] = preset ? 0.1 : 0.1 * (1 + (double) j / c);
                for (int i = 0; i < d; i++) {
                    means[j][i] = vectorMeans ? (r.nextBoolean() ? 1f : -1f) : nums[j];
                    sig[j][i] = diagonal ? (float) (0.05 + 0.2 * r.nextDouble()) : (float) iso[j];
                    var[j][i] = sig[j][i] * sig[j][i];
                }
                if (vectorMeans) vecs[j] = means[j];
                diagMeans[j] = vectorMeans ? means[j] : null;
                if (vectorMeans) nums[j] = 0f;
            }
            return new Arrays(w, means, vecs, diagMeans, nums, var, iso, sig);
        }

        /** The mixture as a target in dimension d. */
        public GaussianMixture target(int d) {
            Arrays a = arrays(d);
            return diagonal ? GaussianMixture.diagonal(a.weights(), a.means(), a.sigma()) : GaussianMixture.isotropic(a.weights(), a.means(), a.isoSigma());
        }
    }

    /**
     * The fixed set. Sized for about a second of vector work each on two cores (the mixtures for a quarter to
     * half a second: the work per element-step grows with the components).
     */
    public static final List<Config> CONFIGS = configs();

    private static List<Config> configs() {
        List<Config> c = new ArrayList<>(List.of(
                new Config(ModelKind.GM, 10_000, 2000, 500, 100, 500),
                new Config(ModelKind.GM, 100_000, 400, 500, 20, 500),
                new Config(ModelKind.CW, 10_000, 200, 500, 10, 200),
                new Config(ModelKind.CW, 100_000, 40, 500, 4, 50),
                new Config(ModelKind.GM, 100_000, 400, 500, 20, 500, Mixture.PRESET)));
        for (boolean diagonal : new boolean[] {false, true}) {
            for (boolean vectors : new boolean[] {false, true}) {
                for (int k : new int[] {2, 4, 8}) {
                    int n = diagonal ? 160 / k : vectors ? 200 / k : 100, steps = diagonal ? 100 : vectors ? 250 : 500;
                    c.add(new Config(ModelKind.GM, 100_000, n, steps, 4, 20, new Mixture(k, diagonal, vectors, false)));
                }
            }
        }
        // the other fixed-step schemes on the presets at d = 10⁵, with as many field evaluations per row as
        // Euler's row has steps (so about the same time): their rates per evaluation compare with Euler's
        for (IntegratorKind scheme : new IntegratorKind[] {IntegratorKind.HEUN, IntegratorKind.DPM2M, IntegratorKind.BS3}) {
            int per = scheme == IntegratorKind.HEUN ? 2 : scheme == IntegratorKind.BS3 ? 3 : 1;
            c.add(new Config(ModelKind.GM, 100_000, 400, 500 / per, 20, 500 / per, null, scheme));
            c.add(new Config(ModelKind.CW, 100_000, 40, 500 / per, 4, 50, null, scheme));
        }
        return List.copyOf(c);
    }

    /**
     * How to measure: on {@code threads} workers, {@code scale} ∈ (0, 1] of every configuration's work
     * (particles and steps; tests use a tiny one), {@code repeats} timed vector runs each; {@code fork}
     * turns a {@code bench} command line into a fresh JVM's main class and arguments, and each
     * configuration is then measured in a JVM of its own (docs/reproducibility.md §3.5), or null to
     * measure every one in this JVM.
     */
    public record Settings(int threads, double scale, int repeats, Function<List<String>, List<String>> fork) {
        /** In this JVM. */
        public Settings(int threads, double scale, int repeats) {
            this(threads, scale, repeats, null);
        }
    }

    private final Settings settings;

    public Bench(Settings settings) {
        this.settings = settings;
    }

    /** Measures every configuration; {@code commit} and {@code cpu} describe where (they go into the report). */
    public BenchReport measure(String commit, String cpu) {
        return measure(CONFIGS, commit, cpu, new PrintWriter(java.io.Writer.nullWriter()));
    }

    /**
     * Measures these configurations, each in a JVM of its own unless the settings have no fork, saying on
     * {@code log} when a row is measured again ({@link #row}).
     */
    public BenchReport measure(List<Config> configs, String commit, String cpu, PrintWriter log) {
        long start = System.nanoTime();
        List<BenchReport.Row> rows = new ArrayList<>();
        for (Config c : configs) rows.add(row(c, log));
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
            Config c = configuration(x.model() + "@" + x.dim());
            log.printf("bench: %s looks slower than the baseline; measuring it once more%n", x.key());
            BenchReport.Row again = row(c, log);
            if (BenchComparison.throughput(again, criteria.basis()) > BenchComparison.throughput(x, criteria.basis())) rows.set(i, again);
        }
        return report.with(rows);
    }

    /**
     * One configuration's row, measured in a fresh JVM when the settings fork, else in this one; a fresh
     * JVM whose vector kernels ran slower than its scalar twin (they never
     * reached C2 there: a compiled vector step is 6–25 times the scalar one) is replaced by another once, the
     * faster row kept, and {@code log} says so.
     */
    public BenchReport.Row row(Config c, PrintWriter log) {
        if (settings.fork() == null) return measure(c);
        BenchReport.Row r = forked(c);
        if (r.medianVectorScalarRatio() < 1) {
            log.printf(java.util.Locale.ROOT, "bench: %s ran its vector kernels at %.2f of its scalar twin's rate in its JVM; measuring it once more in another%n",
                    c.id(), r.medianVectorScalarRatio());
            log.flush();
            BenchReport.Row again = forked(c);
            if (again.medianStepElementStepsPerS() > r.medianStepElementStepsPerS()) r = again;
        }
        return r;
    }

    /** One configuration's row from a fresh JVM. */
    private BenchReport.Row forked(Config c) {
        List<String> args = List.of("bench", "--configuration", c.id(), "--in-process", "--threads", Integer.toString(settings.threads()),
                "--scale", Double.toString(settings.scale()), "--repeats", Integer.toString(settings.repeats()),
                "--cold-runs", "0", "--no-save", "--json", "--quiet");
        String what = "the fresh JVM of " + c.id();
        try {
            List<BenchReport.Row> rows = BenchReport.mapper().treeToValue(FreshJvm.json(settings.fork(), args, what), BenchReport.class).configurations();
            if (rows.size() != 1) throw new IllegalStateException("bench: " + what + " reported " + rows.size() + " rows, not 1");
            return rows.get(0);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bench: " + what + " printed no bench report: " + e.getOriginalMessage(), e);
        }
    }

    /** One configuration in this JVM: vector runs, scalar twin, ceiling. */
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
        double evaluations = 0;   // per particle, the same in every repeat (a fixed-step scheme)
        for (int r = 0; r < repeats; r++) {
            Samples s = Sampler.run(run, new int[] {k}, withLatency, null, vector).get(0);
            rates[r] = (double) n * c.dim() * k / s.integrationSeconds();
            latency.add(s.latency());
            evaluations = s.meanNfe();
        }
        double rate = median(rates);

        RunSpec scalarRun = run.withParticles(ns);
        Sampler.run(scalarRun.withParticles(t), new int[] {ks}, Recording.OUTCOMES, null, scalar); // warm-up
        Samples ss = Sampler.run(scalarRun, new int[] {ks}, withLatency, null, scalar).get(0);
        double scalarRate = (double) ns * c.dim() * ks / ss.integrationSeconds();
        double scalarMedian = (double) t * c.dim() * 1e9 / ss.latency().getValueAtPercentile(50);

        CeilingRun.Kind kind = ceiling(c);
        Mixture ceilingMixture = kind == CeilingRun.Kind.MIXTURE_ISO || kind == CeilingRun.Kind.MIXTURE_DIAG ? c.mixture() : null;
        double[] ceil = new double[repeats], ceilMedian = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            CeilingRun.Rates cr = CeilingRun.measure(kind, ceilingMixture, c.dim(), t, Math.max(0.02, 0.4 * scale));
            ceil[r] = cr.wall();
            ceilMedian[r] = cr.median();
        }
        double ceiling = median(ceil), ceilingMedian = median(ceilMedian);
        double medianStep = (double) t * c.dim() * 1e9 / latency.getValueAtPercentile(50);

        // a scheme with e evaluations per step is held to the ceiling per evaluation: e passes would be its floor
        double e = evaluations / k;
        return new BenchReport.Row(c.name(), c.dim(), n, k, t, vector.name(), rate, scalarRate, rate / scalarRate,
                kind.id, ceiling, rate * e / ceiling,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(), latency.getMean(),
                medianStep, ceilingMedian, medianStep * e / ceilingMedian, scalarMedian, medianStep / scalarMedian, e);
    }

    /**
     * The ceiling a configuration is measured against: the read-modify-write for the two-mode GM and for
     * it written as a mixture (so the two rows' fractions compare), the CW transcendentals, and each
     * mixture form's own streams and arithmetic.
     */
    static CeilingRun.Kind ceiling(Config c) {
        if (c.mixture() == null || c.mixture().preset()) return c.model() == ModelKind.GM ? CeilingRun.Kind.MEMORY : CeilingRun.Kind.TRANSCENDENTAL;
        return c.mixture().diagonal() ? CeilingRun.Kind.MIXTURE_DIAG : CeilingRun.Kind.MIXTURE_ISO;
    }

    /** The paper's setting for a model: VP family, dilated schedule (k = 3), seed 1, the row's scheme; a mixture in the GM's place. */
    static RunSpec spec(Config c, int particles, int threads) {
        RunSpec paper = RunConfig.paper(TargetConfig.paper(c.model()), c.dim(), particles, c.steps(), 1, threads).spec();
        return new RunSpec(c.mixture() == null ? paper.target() : c.mixture().target(c.dim()), paper.interpolant(), paper.schedule(),
                c.integrator(), particles, 1, threads);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
