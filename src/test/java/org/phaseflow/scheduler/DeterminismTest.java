package org.phaseflow.scheduler;

import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.config.Paper;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phaseflow.FreshJvm;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;

/**
 * Bit-identical outcomes and M_t paths for 1 and 2 worker threads with the same seed (docs/reproducibility.md),
 * over several batches (d = 1000 holds 131 particles per batch, N = 700 makes six batches);
 * different seeds give different samples; several step counts in one pass equal separate runs.
 */
class DeterminismTest {
    static final int D = 1000, N = 700, K = 20;
    static final Recording REC = new Recording(true, 3, new int[] {0, 999}, false);

    static Samples run(Target t, Interpolant ip, IntegratorKind integrator, long seed, int threads) {
        return Sampler.run(new RunSpec(t, ip, new Dilated(ip, D, 3), integrator, N, seed, threads), K, REC, null);
    }

    static void assertIdentical(Samples a, Samples b, String what) {
        assertArrayEquals(a.mode(), b.mode(), what + ": modes");
        assertArrayEquals(a.low(), b.low(), 0.0, what + ": low-level values");
        assertArrayEquals(a.projection(), b.projection(), 0.0, what + ": projections");
        assertArrayEquals(a.meanPaths(), b.meanPaths(), 0.0f, what + ": M_t paths");
        for (int p = 0; p < a.traces().length; p++) {
            for (int c = 0; c < a.traces()[p].length; c++) assertArrayEquals(a.traces()[p][c], b.traces()[p][c], 0.0f, what + ": traces");
        }
    }

    @Test
    void bitIdenticalForOneAndTwoThreads() {
        Interpolant vp = Interpolant.of(Shape.TRIG, Family.VP, D), ve = Interpolant.of(Shape.LINEAR, Family.VE, D);
        TwoModeMixture gm = TwoModeMixture.randomDirection(D, 0.8, 1, 0.1, 9);
        CurieWeiss cw = new CurieWeiss(D, 2, Paper.H);
        Object[][] cases = {{gm, vp, IntegratorKind.EULER}, {gm, ve, IntegratorKind.HEUN}, {cw, ve, IntegratorKind.EULER}, {cw, vp, IntegratorKind.DDIM},
            {gm, vp, IntegratorKind.DPM2M}, {cw, ve, IntegratorKind.DPM2M}, {gm, ve, IntegratorKind.BS3}, {cw, vp, IntegratorKind.BS3},
            {gm, vp, IntegratorKind.BS3A}, {cw, ve, IntegratorKind.BS3A}};
        for (Object[] c : cases) {
            Target t = (Target) c[0];
            Interpolant ip = (Interpolant) c[1];
            IntegratorKind in = (IntegratorKind) c[2];
            Samples one = run(t, ip, in, 123, 1), two = run(t, ip, in, 123, 2);
            String what = t.model() + " " + ip.family() + " " + in;
            assertIdentical(one, two, what);
            assertArrayEquals(one.nfe(), two.nfe(), what + ": evaluation counts");
            assertArrayEquals(one.rejected(), two.rejected(), what + ": rejected steps");
            assertEquals(N * (K + 1), one.meanPaths().length);
            // the paths are real: M_0 is the mean of N(0, s0²) noise, M_K sits near a mode
            assertTrue(Math.abs(one.meanPaths()[0]) < 5 * ip.s0() / Math.sqrt(D), what + ": M_0 = " + one.meanPaths()[0]);
            Samples other = run(t, ip, in, 124, 2);
            assertFalse(Arrays.equals(one.projection(), other.projection()), what + ": seeds 123 and 124 gave the same samples");
            assertFalse(Arrays.equals(one.meanPaths(), other.meanPaths()), what + ": seeds 123 and 124 gave the same paths");
        }
    }

    /**
     * The cases of {@link ThreadCountTest} (1, 2, 3 and 7 threads, also with fewer batches than
     * threads) in a fresh JVM, as separate command-line runs would be: there the 1-thread run executes
     * while the kernels are still being compiled, which an in-process test that runs after other
     * tests cannot see.
     */
    @Test
    void bitIdenticalForEveryThreadCountInAFreshJvm() throws Exception {
        FreshJvm.Result r = FreshJvm.run(ThreadCountCheck.class);
        String diffs = r.output().lines().filter(l -> l.contains("differs")).reduce("", (a, b) -> a + "\n  " + b);
        assertEquals(0, r.exitCode(), "results depend on the thread count:" + diffs);
    }

    /** Common random numbers: several grids in one pass give what separate runs give. */
    @Test
    void severalStepCountsInOnePassEqualSeparateRuns() {
        Interpolant ip = Interpolant.of(Shape.LINEAR, Family.VE, D);
        TwoModeMixture gm = TwoModeMixture.ones(D, 0.8, 1, 0.1);
        RunSpec spec = new RunSpec(gm, ip, new Dilated(ip, D, 3), IntegratorKind.EULER, 300, 7, 2);
        List<Samples> both = Sampler.run(spec, new int[] {10, 21}, Recording.PATHS, null);
        for (int j = 0; j < 2; j++) {
            Samples alone = Sampler.run(spec, both.get(j).steps(), Recording.PATHS, null);
            assertArrayEquals(alone.low(), both.get(j).low(), 0.0);
            assertArrayEquals(alone.meanPaths(), both.get(j).meanPaths(), 0.0f);
        }
        // the same initial noise: M_0 agrees across step counts
        for (int p = 0; p < 300; p++) assertEquals(both.get(0).meanPaths()[p * 11], both.get(1).meanPaths()[p * 22], 0.0f);
    }
}
