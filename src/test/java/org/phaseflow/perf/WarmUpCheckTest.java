package org.phaseflow.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule that calls a run's throughput warm-up dominated, on batch timelines whose answer is known. */
class WarmUpCheckTest {

    /** A worker's batches of {@code particles} each, taking {@code pace[j]} ns per particle, back to back from t = 0. */
    static List<WarmUpCheck.Batch> worker(long particles, double... pace) {
        List<WarmUpCheck.Batch> out = new ArrayList<>();
        long t = 0;
        for (double p : pace) {
            long nanos = Math.round(p * particles);
            t += nanos;
            out.add(new WarmUpCheck.Batch(t, nanos, particles));
        }
        return out;
    }

    static double seconds(List<List<WarmUpCheck.Batch>> workers) {
        return workers.stream().mapToLong(w -> w.stream().mapToLong(WarmUpCheck.Batch::nanos).sum()).max().orElseThrow() * 1e-9;
    }

    @Test
    void aRunWhoseFirstBatchesRanColdIsWarmUpDominated() {
        // as a cold CW sample: the first batch of each worker 100x the steady 1.6 ms per particle, then steady
        double[] pace = new double[12];
        java.util.Arrays.fill(pace, 1.6e6);
        pace[0] = 160e6;
        pace[1] = 8e6;
        List<List<WarmUpCheck.Batch>> workers = List.of(worker(13, pace), worker(13, pace));
        WarmUpCheck.Verdict v = WarmUpCheck.judge(workers, seconds(workers), Optional.of(true));
        assertTrue(v.dominated(), v.toString());
        assertEquals(12 * 13 * 1.6e-3, v.steadySeconds(), 1e-9, "the last third's pace times one worker's particles");
        assertTrue(v.reason().contains("before the JIT had compiled the kernels"), v.reason());
    }

    @Test
    void aRunAtOnePaceIsNot() {
        double[] pace = new double[12];
        java.util.Arrays.fill(pace, 1.6e6);
        pace[3] = 2.4e6;   // one preempted batch does not make a warm-up
        List<List<WarmUpCheck.Batch>> workers = List.of(worker(13, pace), worker(13, pace));
        WarmUpCheck.Verdict v = WarmUpCheck.judge(workers, seconds(workers), Optional.of(true));
        assertFalse(v.dominated(), v.toString());
        assertNull(v.reason());
        assertEquals(12 * 13 * 1.6e-3, v.steadySeconds(), 1e-9);
    }

    @Test
    void theLimitIsTwiceTheSteadyTime() {
        // 9 batches: the last three at 1 ms per particle; 10 particles each -> steady 90 ms
        List<List<WarmUpCheck.Batch>> workers = List.of(worker(10, 5e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6));
        assertFalse(WarmUpCheck.judge(workers, 0.180, Optional.of(true)).dominated());
        assertTrue(WarmUpCheck.judge(workers, 0.181, Optional.of(true)).dominated());
    }

    @Test
    void kernelsNeverCompiledMeanWarmUpDominatedWhateverThePace() {
        double[] pace = new double[12];
        java.util.Arrays.fill(pace, 30e6);   // a steady pace, but of C1 code
        List<List<WarmUpCheck.Batch>> workers = List.of(worker(13, pace));
        WarmUpCheck.Verdict v = WarmUpCheck.judge(workers, seconds(workers), Optional.of(false));
        assertTrue(v.dominated());
        assertTrue(v.reason().contains("had not compiled the kernels"), v.reason());
        assertFalse(WarmUpCheck.judge(workers, seconds(workers), Optional.empty()).dominated(), "unknown JIT state: the pace decides");
    }

    @Test
    void tooFewBatchesToTellThePaceFromTheWarmUp() {
        List<List<WarmUpCheck.Batch>> workers = List.of(worker(13, 160e6, 1e6), worker(13, 160e6, 1e6, 1e6));
        WarmUpCheck.Verdict v = WarmUpCheck.judge(workers, seconds(workers), Optional.of(true));
        assertFalse(v.dominated());
        assertTrue(Double.isNaN(v.steadySeconds()));
    }

    @Test
    void recordsEachWorkersBatchesAndPassesTheCountsOn() throws Exception {
        long[] passed = new long[1];
        WarmUpCheck check = new WarmUpCheck(c -> passed[0] += c);
        Thread a = Thread.ofPlatform().start(() -> { for (int i = 0; i < 4; i++) check.accept(5); });
        Thread b = Thread.ofPlatform().start(() -> { for (int i = 0; i < 4; i++) check.accept(3); });
        a.join();
        b.join();
        assertEquals(32, passed[0]);
        // every batch took some time: the verdict judges (4 batches per worker) and finds a finite pace
        assertTrue(Double.isFinite(check.verdict(1e-12, Optional.of(true)).steadySeconds()));
    }
}
