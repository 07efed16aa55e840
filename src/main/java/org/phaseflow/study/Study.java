package org.phaseflow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import org.phaseflow.schedule.Schedules;

/**
 * The step-complexity study (DESIGN.md §1, "What is measured"): for every setting (model, family,
 * shape, schedule, integrator), dimension and seed, K* of the high-level feature (with
 * {@code particlesHigh} samples: the mode weight needs many) and of the low-level feature (with
 * {@code particlesLow}: it self-averages over d), each searched on the same K grid with common random
 * numbers; K* of both is the larger of the two.
 */
public final class Study {
    private Study() {}

    /** One curve of the study. {@code shape} "paper" means trig for GM with VP, linear otherwise. */
    public record Setting(String model, String family, String shape, String schedule, String integrator) {
        public String label() { return model + " " + family + "/" + shape + " " + schedule + " " + integrator; }
    }

    /** One (setting, d, seed) result. */
    public record Row(Setting setting, int dim, long seed, KStarSearch.Result high, boolean noiseFloorHigh,
                      KStarSearch.Result low, boolean noiseFloorLow, double elapsedSeconds) {
        /** K* for both features, or −1. */
        public int kBoth() { return high.reached() && low.reached() ? Math.max(high.kStar(), low.kStar()) : -1; }
    }

    /** What a running study reports. */
    public interface Listener extends LongConsumer {
        /** About to evaluate {@code ks} for a feature of a row. */
        default void evaluating(Setting s, int dim, long seed, String feature, int[] ks) {}

        /** A row is finished (write it now). */
        void finished(Row row);
    }

    /** Every setting of the configuration, in a fixed order. */
    public static List<Setting> settings(StudyConfig c) {
        List<Setting> out = new ArrayList<>();
        for (String model : c.models())
            for (String family : c.families())
                for (String shape : c.shapes())
                    for (String schedule : c.schedules())
                        for (String integrator : c.integrators())
                            out.add(new Setting(model, family, resolveShape(model, family, shape), schedule, integrator));
        return out.stream().distinct().toList();
    }

    /** The paper's shapes: trig for GM with VP, linear for CW and for VE. */
    static String resolveShape(String model, String family, String shape) {
        if (!shape.equals("paper")) return shape;
        return model.equals("gm") && family.equals("vp") ? "trig" : "linear";
    }

    /** The sampling configuration of one row. */
    public static RunSpec spec(StudyConfig c, Setting s, int dim, long seed, int particles, int threads) {
        Target target = switch (s.model()) {
            case "gm" -> TwoModeMixture.ones(dim, c.p(), c.m(), c.sigma());
            case "cw" -> new CurieWeiss(dim, c.beta(), c.h());
            default -> throw new IllegalArgumentException("--models '" + s.model() + "' is not allowed (allowed: gm, cw)");
        };
        Interpolant ip = Interpolant.of(Shape.valueOf(s.shape().toUpperCase()), Family.valueOf(s.family().toUpperCase()), dim);
        return new RunSpec(target, ip, Schedules.create(s.schedule(), ip, dim, c.k()), s.integrator(), particles, seed, threads);
    }

    /** The seeds of the study: seed, seed + 1, … */
    public static long seed(StudyConfig c, int index) { return c.seed() + index; }

    /** Runs every row not in {@code done}, smallest d first, reporting each as soon as it is known. */
    public static void run(StudyConfig c, int threads, Set<String> done, Listener listener) {
        for (int dim : c.dims()) {
            for (Setting s : settings(c)) {
                for (int i = 0; i < c.seeds(); i++) {
                    long seed = seed(c, i);
                    if (done.contains(key(s, dim, seed))) continue;
                    listener.finished(row(c, s, dim, seed, threads, listener));
                }
            }
        }
    }

    /** Identity of a row, for --resume. */
    public static String key(Setting s, int dim, long seed) { return s.label() + " " + dim + " " + seed; }

    /** One row: the two searches. */
    public static Row row(StudyConfig c, Setting s, int dim, long seed, int threads, Listener listener) {
        long start = System.nanoTime();
        int[] grid = c.grid();
        RunSpec high = spec(c, s, dim, seed, c.particlesHigh(), threads);
        double p = high.target().targetHigh();
        double floor = 3 * Math.sqrt(p * (1 - p) / c.particlesHigh());
        double tolHigh = Math.max(c.tolHigh(), floor);
        KStarSearch.Result rh = KStarSearch.search(grid, tolHigh, c.confirm(),
                ks -> errors(high, ks, true, s, listener));
        RunSpec low = spec(c, s, dim, seed, c.particlesLow(), threads);
        double tolLow = s.model().equals("gm") ? c.tolSigma() : c.tolM();
        double floorLow = 3 * lowStandardError(low.target(), c.particlesLow());
        KStarSearch.Result rl = KStarSearch.search(grid, Math.max(tolLow, floorLow), c.confirm(),
                ks -> errors(low, ks, false, s, listener));
        return new Row(s, dim, seed, rh, floor > c.tolHigh(), rl, floorLow > tolLow, (System.nanoTime() - start) * 1e-9);
    }

    /**
     * Standard error of the low-level error measure for exact samples: GM, σ̂/σ with per-sample
     * msd/σ² ~ χ²_d/d, so 1/√(2dN); CW, m̂ with d spins of variance 1 − m² per sample, √((1 − m²)/(dN)).
     */
    static double lowStandardError(Target target, int particles) {
        double dn = (double) target.dim() * particles;
        if (target.lowName().equals("sigma")) return 1 / Math.sqrt(2 * dn);
        double m = target.targetLow();
        return Math.sqrt((1 - m * m) / dn);
    }

    private static double[] errors(RunSpec spec, int[] ks, boolean high, Setting s, Listener listener) {
        listener.evaluating(s, spec.dim(), spec.seed(), high ? "high" : "low", ks);
        List<Samples> runs = Sampler.run(spec, ks, Recording.OUTCOMES, listener);
        double[] e = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            Features f = Features.of(runs.get(i), spec.target());
            e[i] = high ? f.highError() : f.lowError();
        }
        return e;
    }
}
