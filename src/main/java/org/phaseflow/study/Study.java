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
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Samples;

/**
 * The step-complexity study (docs/mathematics.md §7) as plan → tasks → rows. A task is one (setting,
 * d, seed); its row holds K* of the high-level feature (with {@code particlesHigh} samples or more: the
 * mode weight needs many) and of the low-level features (with {@code particlesLow} or more: they
 * self-average over d), each N raised where 3 standard errors would exceed the tolerance ({@link #size}),
 * each searched on the same K grid with common random numbers; K* of both is the larger of the two.
 * A row depends on its task and the plan only, never on which executor ran it or when.
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

    /** What an optimized schedule's pilot cost: field evaluations and seconds (docs/mathematics.md §5.8). */
    public record Pilot(long evaluations, double seconds) {}

    /**
     * An adaptive search's accepted and rejected steps per particle (means over the round's particles)
     * at each tolerance it evaluated, in the order of its {@code ks}; null on a fixed-step row.
     */
    public record Steps(double[] accepted, double[] rejected) {
        public Steps {
            if (accepted.length != rejected.length) throw new IllegalArgumentException("accepted and rejected steps differ in length");
        }

        /**
         * {accepted, rejected} at rtol* of {@code r}, the search these steps belong to, or null when it was
         * not reached. Found by position, not by NFE: a mean NFE may repeat along the tolerances.
         */
        public double[] atStar(KStarSearch.Result r, int confirm) {
            int j = ToleranceSearch.starPosition(r.errors(), r.tolerance(), confirm);
            return j < 0 ? null : new double[] {accepted[j], rejected[j]};
        }
    }

    /**
     * One (setting, d, seed) result. {@code lowFeatures} is empty when the target has a single
     * low-level feature; {@code particlesHigh} and {@code particlesLow} are the N the two searches
     * sampled (sized per feature and d, {@link #particles}); {@code pilot} is the cost of the pilot of
     * the row's optimized schedule, shared by every seed of its (setting, d), or null for any other schedule.
     */
    public record Row(Setting setting, int dim, long seed, KStarSearch.Result high, boolean noiseFloorHigh,
                      KStarSearch.Result low, boolean noiseFloorLow, List<FeatureErrors> lowFeatures, double elapsedSeconds,
                      int particlesHigh, int particlesLow, Pilot pilot, Steps stepsHigh, Steps stepsLow) {
        /** A row without adaptive steps (a fixed-step scheme's). */
        public Row(Setting setting, int dim, long seed, KStarSearch.Result high, boolean noiseFloorHigh,
                   KStarSearch.Result low, boolean noiseFloorLow, List<FeatureErrors> lowFeatures, double elapsedSeconds,
                   int particlesHigh, int particlesLow, Pilot pilot) {
            this(setting, dim, seed, high, noiseFloorHigh, low, noiseFloorLow, lowFeatures, elapsedSeconds, particlesHigh, particlesLow, pilot, null, null);
        }

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
     * from the plan and the task's (setting, d) (docs/mathematics.md §5.8), so a row depends on its task alone.
     */
    public static RunSpec spec(StudyPlan plan, Task task, int particles, int threads) {
        Setting s = task.setting();
        Schedule schedule = s.schedule() instanceof ScheduleSpec.Optimized
                ? OptimizedSchedules.inMemory().get(plan, s, task.dim(), threads).schedule()
                : s.schedule().create(Interpolant.of(s.shape(), s.family(), task.dim()), task.dim(), plan.k());
        return spec(plan, task, particles, threads, schedule);
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

    /**
     * The most particles a search takes: this many times the plan's N (a standard error 8 times
     * smaller). Beyond it the noise floor still decides: the tolerance is raised and the K* starred.
     */
    public static final int MAX_PARTICLE_FACTOR = 64;

    /**
     * A search's particle count and tolerance (docs/mathematics.md §7.2): N is the plan's, or the
     * smallest N up to {@link #MAX_PARTICLE_FACTOR} times it with 3 standard errors of exact samples
     * within the tolerance; {@code floor} when even that N leaves them above it, and then the
     * tolerance is raised to them.
     */
    public record Sizing(int particles, double tolerance, boolean floor) {}

    /** The sizing for a plan's N and tolerance, {@code threeSe} giving 3 standard errors at N (decreasing in N). */
    public static Sizing size(int planParticles, double tolerance, java.util.function.IntToDoubleFunction threeSe) {
        int cap = (int) Math.min(Integer.MAX_VALUE, (long) planParticles * MAX_PARTICLE_FACTOR);
        int n;
        if (threeSe.applyAsDouble(planParticles) <= tolerance) {
            n = planParticles;
        } else if (threeSe.applyAsDouble(cap) > tolerance) {
            n = cap;
        } else {   // the smallest N in (plan, cap] that passes
            int lo = planParticles, hi = cap;
            while (hi - lo > 1) {
                int mid = (int) (((long) lo + hi) >>> 1);
                if (threeSe.applyAsDouble(mid) <= tolerance) hi = mid;
                else lo = mid;
            }
            n = hi;
        }
        double floor = threeSe.applyAsDouble(n);
        return new Sizing(n, Math.max(tolerance, floor), floor > tolerance);
    }

    /** The high-level search's sizing: the binomial standard error √(p(1 − p)/N) of the mode weight p. */
    static Sizing sizeHigh(StudyPlan plan, Target target) {
        double p = target.targetHigh();
        return size(plan.particlesHigh(), plan.tolHigh(), n -> 3 * Math.sqrt(p * (1 - p) / n));
    }

    /** The low-level search's sizing: one tolerance, the features' own (the largest), against the largest of their floors. */
    static Sizing sizeLow(StudyPlan plan, Target target) {
        List<Feature> features = target.lowFeatures();
        double tol = 0;
        for (Feature f : features) tol = Math.max(tol, f.kind() == Feature.Kind.SPREAD ? plan.tolSigma() : plan.tolM());
        return size(plan.particlesLow(), tol, n -> {
            double m = 0;
            for (Feature f : features) m = Math.max(m, 3 * f.noiseStandardError(n));
            return m;
        });
    }

    /** The particles of a task's two searches, {high, low} (docs/mathematics.md §7.2). */
    public static int[] particles(StudyPlan plan, Task task) {
        Target target = plan.target(task.setting().model()).build(task.dim(), task.seed());
        return new int[] {sizeHigh(plan, target).particles(), sizeLow(plan, target).particles()};
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

    /** One row: the two searches, each round's outcomes from {@code outcomes}; an optimized schedule computed for this row alone. */
    public static Row row(StudyPlan plan, Task task, int threads, Listener listener, Outcomes outcomes) {
        return row(plan, task, threads, listener, outcomes, OptimizedSchedules.inMemory());
    }

    /** One row: the two searches, each round's outcomes from {@code outcomes}, an optimized schedule from {@code schedules}. */
    public static Row row(StudyPlan plan, Task task, int threads, Listener listener, Outcomes outcomes, OptimizedSchedules schedules) {
        long start = System.nanoTime();
        int[] grid = plan.grid();
        // the grid's rule (config/KGrid) past the cap, for confirmations only
        java.util.function.IntUnaryOperator next = k -> (int) Math.max(k + 1L, Math.round(k * plan.kRatio()));
        // an adaptive scheme: the same searches over the tolerance grid's indices, each a round at its tolerances (§7.4)
        boolean adaptive = task.setting().integrator().adaptive();
        java.util.Map<Integer, ToleranceSearch.Round> atHigh = ToleranceSearch.roundMap(), atLow = ToleranceSearch.roundMap();
        Outcomes roundsHigh = outcomes, roundsLow = outcomes;
        if (adaptive) {
            grid = ToleranceSearch.grid();
            next = ToleranceSearch.NEXT;
            roundsHigh = ToleranceSearch.rounds(outcomes, task.setting().integrator().norm(), atHigh);
            roundsLow = ToleranceSearch.rounds(outcomes, task.setting().integrator().norm(), atLow);
        }
        Outcomes oh = roundsHigh, ol = roundsLow;
        Setting s = task.setting();
        Pilot pilot = null;
        Schedule schedule;
        if (s.schedule() instanceof ScheduleSpec.Optimized) {
            OptimizedSchedules.Entry e = schedules.get(plan, s, task.dim(), threads);
            schedule = e.schedule();
            pilot = e.pilot();
        } else {
            schedule = s.schedule().create(Interpolant.of(s.shape(), s.family(), task.dim()), task.dim(), plan.k());
        }
        Target target = plan.target(s.model()).build(task.dim(), task.seed());
        Sizing sh = sizeHigh(plan, target);
        RunSpec high = spec(plan, task, sh.particles(), threads, schedule);
        KStarSearch.Result rh = KStarSearch.search(grid, next, sh.tolerance(), plan.confirm(), ks -> {
            listener.evaluating(task, "high", ks);
            double[] e = new double[ks.length];
            List<Samples> runs = oh.at(high, ks, listener);
            for (int i = 0; i < ks.length; i++) e[i] = Features.of(runs.get(i), high.target()).highError();
            return e;
        });
        Sizing sl = sizeLow(plan, target);
        RunSpec low = spec(plan, task, sl.particles(), threads, schedule);
        List<Feature> features = low.target().lowFeatures();
        List<double[]> perFeature = new ArrayList<>();
        KStarSearch.Result rl = KStarSearch.search(grid, next, sl.tolerance(), plan.confirm(), ks -> {
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
        Steps stepsHigh = null, stepsLow = null;
        if (adaptive) {
            stepsHigh = ToleranceSearch.steps(rh, atHigh);
            stepsLow = ToleranceSearch.steps(rl, atLow);
            rh = ToleranceSearch.inNfe(rh, atHigh);
            rl = ToleranceSearch.inNfe(rl, atLow);
        }
        List<FeatureErrors> lowFeatures = new ArrayList<>();
        if (features.size() > 1) {
            for (int j = 0; j < features.size(); j++) lowFeatures.add(new FeatureErrors(features.get(j).name(), perFeature.get(j)));
        }
        return new Row(task.setting(), task.dim(), task.seed(), rh, sh.floor(), rl, sl.floor(),
                List.copyOf(lowFeatures), (System.nanoTime() - start) * 1e-9, sh.particles(), sl.particles(), pilot, stepsHigh, stepsLow);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
