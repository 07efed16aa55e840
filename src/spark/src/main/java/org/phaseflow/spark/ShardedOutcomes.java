package org.phaseflow.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.phaseflow.schedule.PiecewiseLinear;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Samples;
import org.phaseflow.study.Outcomes;

/**
 * A round of a sharded task's K* search on the driver (docs/spark.md §7): one Spark job over the
 * shards, each an executor's run of a particle range at every K of the round; the shards' outcomes
 * joined in index order are the unsharded run's bits, so the search decides as it does locally.
 * A failed shard is run again by Spark, to the same outcomes.
 */
final class ShardedOutcomes implements Outcomes {
    private final JavaSparkContext sc;
    private final String planJson, fingerprint, key;
    private final int task, shards, threads, failShard;
    private final FaultLog log;

    ShardedOutcomes(JavaSparkContext sc, String planJson, String fingerprint, int task, String key, int shards, int threads, int failShard,
                    FaultLog log) {
        this.sc = sc;
        this.planJson = planJson;
        this.fingerprint = fingerprint;
        this.task = task;
        this.key = key;
        this.shards = shards;
        this.threads = threads;
        this.failShard = failShard;
        this.log = log;
    }

    @Override
    public List<Samples> at(RunSpec spec, int[] ks, LongConsumer progress) {
        int n = spec.particles(), s = Math.min(shards, n);   // no empty shard
        RunShard.Knots knots = spec.schedule() instanceof PiecewiseLinear pl ? new RunShard.Knots(pl.id(), pl.t(), pl.tau()) : null;
        RunShard work = new RunShard(planJson, fingerprint, task, n, s, threads, ks.clone(), knots,
                spec.tolerances().rtol(), spec.tolerances().atol(), spec.tolerances().norm().name(), failShard);
        String round = key + " N=" + n + " K=" + Arrays.stream(ks).mapToObj(Integer::toString).collect(Collectors.joining(","));
        sc.setJobDescription(round);
        List<ShardOutcomes> parts = new ArrayList<>(sc.parallelize(IntStream.range(0, s).boxed().toList(), s).map(work).collect());
        parts.sort((a, b) -> Integer.compare(a.shard(), b.shard()));
        for (int i = 0; i < s; i++) {
            ShardOutcomes p = parts.get(i);
            if (p.shard() != i || p.from() != RunShard.edge(n, i, s) || p.to() != RunShard.edge(n, i + 1, s)) {
                throw new IllegalStateException(round + ": shard " + i + " of " + s + " came back as shard " + p.shard() + " [" + p.from() + ", " + p.to() + ")");
            }
            if (p.attempt() > 0) log.retried(round + ": shard " + i + " of " + s, p.attempt(), p.executor());
        }
        List<Samples> out = new ArrayList<>(ks.length);
        for (int r = 0; r < ks.length; r++) {
            int k = r;
            out.add(Samples.concat(parts.stream().map(p -> p.runs()[k].samples()).toList()));
        }
        if (progress != null) progress.accept(n);
        return out;
    }
}
