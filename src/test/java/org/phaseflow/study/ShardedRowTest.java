package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * A row whose K* searches get their outcomes shard by shard (particle ranges joined in index order,
 * as a cluster runner does: docs/spark.md §7) is the unsharded row, bit for bit, for 1, 2, 3 and 7
 * shards: every K*, every error, compared as CSV text, for GM and CW, VP and VE, uniform and dilated.
 */
class ShardedRowTest {

    static final StudyPlan PLAN = new StudyPlan(List.of(ModelKind.GM, ModelKind.CW), List.of(Family.VP, Family.VE), List.of(ShapeChoice.PAPER),
            List.of(ScheduleKind.UNIFORM, ScheduleKind.DILATED), List.of(IntegratorKind.EULER), List.of(300), 1, 1, 200, 16,
            0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);

    static final Study.Listener QUIET = new Study.Listener() {
        @Override public void accept(long n) {}

        @Override public void finished(Study.Row row) {}
    };

    /** The outcomes in {@code shards} ranges [N·i/S, N·(i+1)/S), joined in index order; counts the rounds. */
    static Outcomes sharded(int shards, AtomicInteger rounds) {
        return (spec, ks, progress) -> {
            rounds.incrementAndGet();
            int n = spec.particles();
            List<List<Samples>> parts = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                parts.add(Sampler.run(spec, (int) ((long) n * i / shards), (int) ((long) n * (i + 1) / shards), ks, Recording.OUTCOMES, progress));
            }
            List<Samples> out = new ArrayList<>();
            for (int r = 0; r < ks.length; r++) {
                int k = r;
                out.add(Samples.concat(parts.stream().map(p -> p.get(k)).toList()));
            }
            return out;
        };
    }

    @Test
    void oneTwoThreeAndSevenShardsGiveTheUnshardedRow() {
        List<Study.Task> tasks = Study.tasks(PLAN);
        assertEquals(8, tasks.size());
        for (Study.Task t : tasks) {
            String whole = StudyCsv.line(PLAN, Study.row(PLAN, t, 2, QUIET));
            for (int shards : new int[] {1, 2, 3, 7}) {
                AtomicInteger rounds = new AtomicInteger();
                Study.Row row = Study.row(PLAN, t, 2, QUIET, sharded(shards, rounds));
                assertEquals(whole, StudyCsv.line(PLAN, row), t.key() + ", " + shards + " shards");
                // one round per evaluated batch of K, of either search
                assertTrue(rounds.get() >= 2 && rounds.get() <= row.high().ks().length + row.low().ks().length, t.key() + ": " + rounds);
            }
        }
    }

    @Test
    void theComparisonSeesShardsThatDoNotStartAtTheirOwnParticle() {
        Study.Task t = Study.tasks(PLAN).get(0);
        String whole = StudyCsv.line(PLAN, Study.row(PLAN, t, 1, QUIET));
        // every shard sampling particles 0, 1, … of its size: the common mistake of a shard's range
        Outcomes restarted = (spec, ks, progress) -> {
            int n = spec.particles(), half = n / 2;
            List<Samples> a = Sampler.run(spec, 0, half, ks, Recording.OUTCOMES, null), b = Sampler.run(spec, 0, n - half, ks, Recording.OUTCOMES, null);
            List<Samples> out = new ArrayList<>();
            for (int r = 0; r < ks.length; r++) out.add(Samples.concat(List.of(a.get(r), b.get(r))));
            return out;
        };
        assertNotEquals(whole, StudyCsv.line(PLAN, Study.row(PLAN, t, 1, QUIET, restarted)));
    }
}
