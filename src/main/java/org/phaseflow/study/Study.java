package org.phaseflow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.phaseflow.config.Setting;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.Feature;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Optimizer;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Samples;

/**
 * The step-complexity study (docs/mathematics.md §7) as plan → tasks → rows. A task is one (setting,
 * d, seed); its row holds K* of the high-level feature (with {@code particlesHigh} samples: the mode
 * weight needs many) and of the low-level features (with {@code particlesLow}: they self-average over
 * d), each searched on the same K grid with common random numbers; K* of both is the larger of the
 * two. A row depends on its task and the plan only, never on which executor ran it or when.
 */
public final class Study {
    private Study() {}

    /** One unit of work: fully determined by the plan and its own values. */
    public record Task(Setting setting, int dim, long seed) {
        /** Identity of a row, for --resume. */
        public String key() { return setting.label() + " " + dim + " " + seed; }
    }

    /** One low-level feature's errors at each K of the low-level search (targets with several features). */
    public record FeatureErrors(String name, double[] errors) {}

    /** One (setting, d, seed) result. {@code lowFeatures} is empty when the target has a single low-level feature. */
    public record Row(Setting setting, int dim, long seed, KStarSearch.Result high, boolean noiseFloorHigh,
                      KStarSearch.Result low, boolean noiseFloorLow, List<FeatureErrors> lowFeatures, double elapsedSeconds) {
        public Task task() { return new Task(setting, dim, seed); }

        /** K* for both features, or −1. */
        public int kBoth() { return high.reached() && low.reached() ? Math.max(high.kStar(), low.kStar()) : -1; }

        /** K* of one low-level feature alone, from the errors the search evaluated (−1: not reached). */
        public int kStar(FeatureErrors f, int confirm) { return KStarSearch.kStar(low.ks(), f.errors(), low.tolerance(), confirm); }
    }

    /** What a running study reports; called from the executor's threads. */
    public interface Listener extends LongConsumer {
        /** About to evaluate {@code ks} for a feature of a task. */
        default void evaluating(Task task, String feature, int[] ks) {}

        /** A row is finished (write it now). */
        void finished(Row row);
    }

    /** Every task of the plan, smallest d first, then setting, then seed. */
    public static List<Task> tasks(StudyPlan plan) {
        List<Task> out = new ArrayList<>();
        for (int dim : plan.dims())
            for (Setting s : plan.settings())
                for (int i = 0; i < plan.seeds(); i++) out.add(new Task(s, dim, plan.seed(i)));
        return out;
    }

    /**
     * The sampling configuration of one task with N particles. An optimized schedule is computed here
     * from the task's target and seed (docs/mathematics.md §5.8), so a row depends on its task alone.
     */
    public static RunSpec spec(StudyPlan plan, Task task, int particles, int threads) {
        Setting s = task.setting();
        Target target = plan.target(s.model()).build(task.dim(), task.seed());
        Interpolant ip = Interpolant.of(s.shape(), s.family(), task.dim());
        Schedule schedule = s.schedule() instanceof ScheduleSpec.Optimized
                ? Optimizer.optimize(target, ip, s.integrator().kind(), Optimizer.Options.of(task.seed(), threads)).schedule()
                : s.schedule().create(ip, task.dim(), plan.k());
        return new RunSpec(target, ip, schedule, s.integrator().kind(), particles, task.seed(), threads);
    }

    /**
     * As {@link #spec}, but with a schedule already built (the two searches of a row share it; an
     * executor of a shard gets the optimized schedule the driver computed).
     */
    public static RunSpec spec(StudyPlan plan, Task task, int particles, int threads, Schedule schedule) {
        Setting s = task.setting();
        Target target = plan.target(s.model()).build(task.dim(), task.seed());
        return new RunSpec(target, Interpolant.of(s.shape(), s.family(), task.dim()), schedule, s.integrator().kind(), particles, task.seed(), threads);
    }

    /** Checks, before any work, that every task can be built (valid parameters at every d). */
    public static void validate(StudyPlan plan) {
        for (ScheduleSpec s : plan.schedules()) {
            try {
                s.check();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--schedules " + e.getMessage());
            }
            if (s.fixedSteps() > 0) {
                throw new IllegalArgumentException("--schedules " + s + ": an explicit grid fixes K = " + s.fixedSteps()
                        + ", but a study searches K; give the schedule as knots ({\"knots\": [[t, τ], …]}) instead");
            }
        }
        for (Setting s : plan.settings()) {
            if (s.integrator().adaptive() && s.schedule() instanceof ScheduleSpec.Optimized) {
                throw new IllegalArgumentException("--schedules " + s.schedule() + " with --integrators " + s.integrator()
                        + ": an adaptive scheme chooses its own steps, so a schedule computed for fixed steps would only set its output points; "
                        + "use it with a fixed-step integrator");
            }
            for (int d : plan.dims()) {
                Task t = new Task(s, d, plan.seed());
                if (s.schedule() instanceof ScheduleSpec.Optimized) {   // checks the target and interpolant without a pilot
                    spec(plan, t, 1, 1, new org.phaseflow.schedule.Uniform());
                } else {
                    spec(plan, t, 1, 1);
                }
            }
        }
    }

    /** One row: the two searches, sampled in this JVM. */
    public static Row row(StudyPlan plan, Task task, int threads, Listener listener) {
        return row(plan, task, threads, listener, Outcomes.LOCAL);
    }

    /** One row: the two searches, each round's outcomes from {@code outcomes}. */
    public static Row row(StudyPlan plan, Task task, int threads, Listener listener, Outcomes outcomes) {
        long start = System.nanoTime();
        int[] grid = plan.grid();
        // the grid's rule (config/KGrid) past the cap, for confirmations only
        java.util.function.IntUnaryOperator next = k -> (int) Math.max(k + 1L, Math.round(k * plan.kRatio()));
        // an adaptive scheme: the same searches over the tolerance grid's indices, each a round at its tolerances (§7.4)
        boolean adaptive = task.setting().integrator().adaptive();
        java.util.Map<Integer, Long> nfeHigh = ToleranceSearch.nfeMap(), nfeLow = ToleranceSearch.nfeMap();
        Outcomes roundsHigh = outcomes, roundsLow = outcomes;
        if (adaptive) {
            grid = ToleranceSearch.grid();
            next = ToleranceSearch.NEXT;
            roundsHigh = ToleranceSearch.rounds(outcomes, task.setting().integrator().norm(), nfeHigh);
            roundsLow = ToleranceSearch.rounds(outcomes, task.setting().integrator().norm(), nfeLow);
        }
        Outcomes oh = roundsHigh, ol = roundsLow;
        RunSpec high = spec(plan, task, plan.particlesHigh(), threads);
        Schedule schedule = high.schedule();
        double p = high.target().targetHigh();
        double floor = 3 * Math.sqrt(p * (1 - p) / plan.particlesHigh());
        double tolHigh = Math.max(plan.tolHigh(), floor);
        KStarSearch.Result rh = KStarSearch.search(grid, next, tolHigh, plan.confirm(), ks -> {
            listener.evaluating(task, "high", ks);
            double[] e = new double[ks.length];
            List<Samples> runs = oh.at(high, ks, listener);
            for (int i = 0; i < ks.length; i++) e[i] = Features.of(runs.get(i), high.target()).highError();
            return e;
        });
        RunSpec low = spec(plan, task, plan.particlesLow(), threads, schedule);
        List<Feature> features = low.target().lowFeatures();
        // one tolerance for the low-level features: their own, never below 3 standard errors of any of them
        double tolLow = 0, floorLow = 0;
        for (Feature f : features) {
            tolLow = Math.max(tolLow, f.kind() == Feature.Kind.SPREAD ? plan.tolSigma() : plan.tolM());
            floorLow = Math.max(floorLow, 3 * f.noiseStandardError(plan.particlesLow()));
        }
        List<double[]> perFeature = new ArrayList<>();
        KStarSearch.Result rl = KStarSearch.search(grid, next, Math.max(tolLow, floorLow), plan.confirm(), ks -> {
            listener.evaluating(task, "low", ks);
            double[] e = new double[ks.length];
            double[][] each = new double[features.size()][ks.length];
            List<Samples> runs = ol.at(low, ks, listener);
            for (int i = 0; i < ks.length; i++) {
                Features f = Features.of(runs.get(i), low.target());
                e[i] = f.lowError();
                for (int j = 0; j < features.size(); j++) each[j][i] = f.low().get(j).error();
            }
            for (int j = 0; j < features.size(); j++) {
                if (perFeature.size() <= j) perFeature.add(new double[0]);
                perFeature.set(j, concat(perFeature.get(j), each[j]));
            }
            return e;
        });
        if (adaptive) {
            rh = ToleranceSearch.inNfe(rh, nfeHigh);
            rl = ToleranceSearch.inNfe(rl, nfeLow);
        }
        List<FeatureErrors> lowFeatures = new ArrayList<>();
        if (features.size() > 1) {
            for (int j = 0; j < features.size(); j++) lowFeatures.add(new FeatureErrors(features.get(j).name(), perFeature.get(j)));
        }
        return new Row(task.setting(), task.dim(), task.seed(), rh, floor > plan.tolHigh(), rl, floorLow > tolLow,
                List.copyOf(lowFeatures), (System.nanoTime() - start) * 1e-9);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
