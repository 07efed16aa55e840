package org.phaseflow.spark;

import org.apache.spark.api.java.function.Function;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.ErrorNorm;
import org.phaseflow.integrator.Tolerances;
import org.phaseflow.schedule.PiecewiseLinear;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.study.Study;

/**
 * What an executor runs for one shard of a round (docs/spark.md §7): the task's sampling
 * configuration rebuilt from the plan and the task's index with {@code particles} particles, and
 * its particles [N·i/S, N·(i+1)/S) sampled at every K of {@code ks}. A schedule given by knots (an
 * optimized one, computed once on the driver, or a knots file) travels as its knots, so no shard
 * computes it again. The round's tolerances ({@code rtol}, {@code atol}, {@code norm}: an adaptive
 * integrator's search sets them per round, docs/mathematics.md §7.4) travel as numbers. {@code failShard} is the shard whose first attempt fails in every round (the
 * retry tests; −1: none).
 */
record RunShard(String planJson, String fingerprint, int task, int particles, int shards, int threads, int[] ks, Knots knots,
                double rtol, double atol, String norm, int failShard) implements Function<Integer, ShardOutcomes> {

    /** A piecewise-linear schedule as its exact knots. */
    record Knots(String id, double[] t, double[] tau) implements java.io.Serializable {
        PiecewiseLinear schedule() { return new PiecewiseLinear(id, t, tau); }
    }

    /** The first particle of shard i of s over n particles. */
    static int edge(int n, int i, int s) { return (int) ((long) n * i / s); }

    @Override
    public ShardOutcomes call(Integer shard) {
        StudyPlan plan = RunTask.plan(planJson, fingerprint);
        int attempt = RunTask.attempt();
        if (shard == failShard && attempt == 0) throw new IllegalStateException("shard " + shard + ": first attempt failed on purpose");
        Study.Task t = Study.tasks(plan).get(task);
        RunSpec spec;
        if (knots != null) {
            spec = Study.spec(plan, t, particles, threads, knots.schedule());
        } else if (t.setting().schedule() instanceof ScheduleSpec.Optimized) {
            throw new IllegalStateException(t.key() + ": an optimized schedule must come from the driver, not be computed per shard");
        } else {
            spec = Study.spec(plan, t, particles, threads);
        }
        spec = spec.withTolerances(new Tolerances(rtol, atol, ErrorNorm.valueOf(norm)));
        int from = edge(particles, shard, shards), to = edge(particles, shard + 1, shards);
        return ShardOutcomes.of(shard, from, to, Sampler.run(spec, from, to, ks, Recording.OUTCOMES, null), RunTask.executorId(), attempt);
    }
}
