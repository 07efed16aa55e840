package org.phaseflow.perf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A whole {@code bench} run: where and when it ran and one {@link Row} per configuration; printed as a
 * table or written as JSON (field names in snake case, e.g. {@code element_steps_per_s}), and read back
 * for {@code --from} and {@code --compare}. {@code coldStart} holds the cold-start rows ({@link ColdStart}),
 * empty when they were not measured (and in runs saved before they existed); {@code --compare} does not gate on them.
 */
public record BenchReport(String date, String commit, String java, String cpu, int cores, String jvmArgs,
                          double seconds, List<Row> configurations, List<ColdStart.Row> coldStart) {

    public BenchReport {
        coldStart = coldStart == null ? List.of() : List.copyOf(coldStart);
    }

    /** Without cold-start rows. */
    public BenchReport(String date, String commit, String java, String cpu, int cores, String jvmArgs, double seconds, List<Row> configurations) {
        this(date, commit, java, cpu, cores, jvmArgs, seconds, configurations, List.of());
    }

    /**
     * The measured numbers of one configuration. {@code evaluationsPerStep} is the scheme's field evaluations
     * per step (1 for Euler; 0 in runs saved before it was recorded, which were all Euler); the fractions of
     * the ceiling are per evaluation: element-steps/s × evaluationsPerStep / ceiling.
     */
    public record Row(String model, int dim, int particles, int steps, int threads, String kernels,
                      double elementStepsPerS, double scalarElementStepsPerS, double vectorScalarRatio,
                      String ceiling, double ceilingElementsPerS, double ceilingFraction,
                      double latencyP50Ns, double latencyP90Ns, double latencyP99Ns, double latencyP999Ns,
                      double latencyMaxNs, double latencyMeanNs, double medianStepElementStepsPerS,
                      double ceilingMedianElementsPerS, double medianCeilingFraction,
                      double scalarMedianStepElementStepsPerS, double medianVectorScalarRatio, double evaluationsPerStep) {

        /** What a baseline row is matched by. */
        public String key() { return model + " d=" + dim + " threads=" + threads; }

        /** Field evaluations per step, 1 for a run saved before they were recorded (all of those were Euler). */
        public double evaluations() { return evaluationsPerStep > 0 ? evaluationsPerStep : 1; }
    }

    /** The same run with other rows. */
    public BenchReport with(List<Row> rows) {
        return new BenchReport(date, commit, java, cpu, cores, jvmArgs, seconds, rows, coldStart);
    }

    /** The same run with these cold-start rows, {@code extraSeconds} (their measuring time) added to its own. */
    public BenchReport withColdStart(List<ColdStart.Row> rows, double extraSeconds) {
        return new BenchReport(date, commit, java, cpu, cores, jvmArgs, seconds + extraSeconds, configurations, rows);
    }

    /** The JSON form's mapper: snake-case names, indented, unknown fields ignored when reading. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A saved run; an unreadable or foreign file is an {@link IllegalArgumentException} naming it. */
    public static BenchReport read(Path p) {
        if (!Files.isReadable(p)) throw new IllegalArgumentException(p + ": no such readable file");
        try {
            return mapper().readValue(p.toFile(), BenchReport.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(p + ": not a bench JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** The run as indented JSON. */
    public String json() {
        try {
            return mapper().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the run into {@code dir} (created if needed) as {@code <date>-<commit>.json}; returns the file. */
    public Path save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(date.replace(":", "") + "-" + commit + ".json");
        mapper().writeValue(file.toFile(), this);
        return file;
    }

    /** The run as the table {@code bench} prints, with its legend. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "phaseflow bench  %s  commit %s  %s, %d cores  (%.1f s)%n",
                date, commit, cpu, cores, seconds));
        b.append(String.format(Locale.ROOT, "%-13s %7s %5s %4s %5s %3s %12s %12s %12s %7s %12s %6s %6s %9s %9s %9s %9s %9s%n",
                "model", "dim", "N", "K", "ev/st", "thr", "elem-steps/s", "median-step", "scalar", "vec/sc", "ceiling", "frac", "m-frac",
                "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs"));
        for (Row x : configurations) {
            b.append(String.format(Locale.ROOT, "%-13s %7d %5d %4d %5.2f %3d %12.3e %12.3e %12.3e %7.1f %12.3e %6.2f %6.2f %9.1f %9.1f %9.1f %9.1f %9.1f%n",
                    x.model(), x.dim(), x.particles(), x.steps(), x.evaluations(), x.threads(), x.elementStepsPerS(), x.medianStepElementStepsPerS(),
                    x.scalarElementStepsPerS(), x.vectorScalarRatio(), x.ceilingElementsPerS(), x.ceilingFraction(), x.medianCeilingFraction(),
                    x.latencyP50Ns() / 1e3, x.latencyP90Ns() / 1e3, x.latencyP99Ns() / 1e3, x.latencyP999Ns() / 1e3,
                    x.latencyMaxNs() / 1e3));
        }
        b.append("ceiling: GM = in-place read-modify-write over one particle's row per thread; "
                + "CW = one tanh per element + one log per block of ratios; gm-mix (the GM preset as a mixture file) = the GM's; "
                + "mixC-iso|diag-num|vec = the mixture step's streams and arithmetic in the cheapest order; "
                + "-heun|-dpm2m|-bs3: that scheme on the same target (ev/st field evaluations per step). "
                + "frac = kernel element-evaluations/s / ceiling.\n"
                + "median-step = threads × d / p50 step latency (what the throughput would be without preemption); "
                + "m-frac = median-step / the ceiling's median-sweep rate.\n"
                + "latencies: wall time of one step of one particle (a preempted step shows in the tail, not the median).\n");
        if (!coldStart.isEmpty()) b.append(ColdStart.table(coldStart));
        return b.toString();
    }
}
