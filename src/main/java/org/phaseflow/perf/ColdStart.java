package org.phaseflow.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.model.ModelKind;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;

/**
 * The cold-start rows of {@code bench} (docs/reproducibility.md §3.4): for the default {@code sample}
 * of each model, its integration time in {@code runs} fresh JVMs (each started like this one: the same
 * JVM options and class path) against the steady-state time of the same work in this JVM after warm-up,
 * and their ratio. A fresh JVM's number is what a user of {@code ./phaseflow sample} waits for; the
 * steady one is what the kernels do once compiled. Medians, since the machine may be shared.
 */
public final class ColdStart {

    /** The default sample's size (the README's): d = 10⁴, N = 2000, K = 100; VP, dilated k = 3, Euler, seed 1. */
    public static final int DIM = 10_000, PARTICLES = 2000, STEPS = 100;

    /** One model's cold and steady times. */
    public record Row(String model, int dim, int particles, int steps, int threads, List<Double> coldIntegrationS,
                      double coldMedianS, List<Double> steadyIntegrationS, double steadyMedianS, double ratio) {}

    /**
     * How to measure: {@code runs} fresh JVMs per model and as many steady runs, on {@code threads}
     * workers, with {@code scale} of the particles (tests use a tiny one); {@code child} turns the
     * arguments of a {@code sample} command line into the main class and arguments a fresh JVM runs
     * (the command line lives in {@code cli}, which this package does not import).
     */
    public record Settings(int runs, int threads, double scale, Function<List<String>, List<String>> child) {}

    private final Settings settings;

    public ColdStart(Settings settings) {
        this.settings = settings;
    }

    /** Both models' rows. */
    public List<Row> measure() {
        List<Row> rows = new ArrayList<>();
        for (ModelKind m : List.of(ModelKind.GM, ModelKind.CW)) rows.add(measure(m));
        return rows;
    }

    /**
     * One model: three untimed runs here (so this JVM is warm), then each fresh JVM followed by one steady
     * run here, so that cold and steady share the machine's load of the moment (it may be shared).
     */
    public Row measure(ModelKind model) {
        int n = particles();
        RunSpec spec = spec(model, n, settings.threads());
        for (int w = 0; w < 3; w++) Sampler.run(spec, STEPS, Recording.PATHS, null);
        List<Double> cold = new ArrayList<>(), steady = new ArrayList<>();
        for (int r = 0; r < settings.runs(); r++) {
            cold.add(fresh(model, n).get("integration_s").asDouble());
            steady.add(Sampler.run(spec, STEPS, Recording.PATHS, null).integrationSeconds());
        }
        double c = median(cold), s = median(steady);
        return new Row(model.toString(), DIM, n, STEPS, settings.threads(), cold, c, steady, s, c / s);
    }

    int particles() { return Math.max(settings.threads(), (int) Math.round(PARTICLES * settings.scale())); }

    /** The default sample's run, as {@code sample} builds it without options but --model, --particles and --threads. */
    static RunSpec spec(ModelKind model, int particles, int threads) {
        return RunConfig.paper(TargetConfig.paper(model), DIM, particles, STEPS, 1, threads).spec();
    }

    /** One fresh JVM running {@code sample --json} of the model; its JSON. */
    private JsonNode fresh(ModelKind model, int particles) {
        return FreshJvm.json(settings.child(), List.of("sample", "--model", model.toString(), "--particles", Integer.toString(particles),
                "--threads", Integer.toString(settings.threads()), "--json", "--quiet"), "a fresh JVM's " + model + " sample");
    }

    static double median(List<Double> v) {
        return Bench.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The section of the bench table. */
    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%ncold start: the default sample (d = %d, K = %d) in fresh JVMs against the same work warm%n", DIM, STEPS));
        b.append(String.format(java.util.Locale.ROOT, "%-5s %5s %3s %5s %12s %13s %7s%n", "model", "N", "thr", "fresh", "cold int. s", "steady int. s", "ratio"));
        for (Row r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "%-5s %5d %3d %5d %12.3f %13.3f %7.2f%n", r.model(), r.particles(), r.threads(),
                    r.coldIntegrationS().size(), r.coldMedianS(), r.steadyMedianS(), r.ratio()));
        }
        b.append("cold int. s: median integration time over the fresh JVMs (each runs ./phaseflow sample --model M --json); steady: median of the\n"
                + "same run in this JVM (warmed by three untimed ones), one after each fresh JVM. ratio = cold / steady.\n");
        for (Row r : rows) {
            // a warm JVM cannot be slower than a cold one unless its kernels never reached C2 (docs/reproducibility.md §3.5)
            if (r.ratio() < 1) {
                b.append(String.format(java.util.Locale.ROOT, "%s: the steady runs took longer than the fresh JVMs: this JVM's kernels did not compile, "
                        + "so the ratio is no measure of warm-up; run bench again%n", r.model()));
            }
        }
        return b.toString();
    }
}
