package org.phaseflow.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A seed fixes every number whatever the thread count: a GM VP Euler run and a CW VE Heun run
 * (d = 1000) with 1, 2, 3 and 7 threads give bit-identical modes, low-level values, projections
 * and M_t paths. With N = 700 the batch size depends on the thread count (131, 88, 59 and 25
 * particles), so each count cuts the particles into different batches; with N = 5 the batch rule
 * gives one particle per batch, five batches for up to seven threads, and the surplus workers are
 * never started (fewer batches than threads needs N below the thread count: a batch holds at most
 * ⌈N/(4·threads)⌉ particles, so batches of two or more make more than 2·threads batches). The same
 * cases also run in a fresh JVM, from {@link DeterminismTest}.
 */
class ThreadCountTest {

    static int batches(RunSpec spec) {
        int b = Sampler.batchSize(spec);
        return (spec.particles() + b - 1) / b;
    }

    @Test
    void batchesDifferAcrossThreadCountsAndCanBeFewerThanThreads() {
        ThreadCountCheck.Case many = ThreadCountCheck.cases(ThreadCountCheck.N).get(0);
        Set<Integer> sizes = new HashSet<>();
        for (int t : ThreadCountCheck.THREADS) sizes.add(Sampler.batchSize(many.threads(t)));
        assertEquals(ThreadCountCheck.THREADS.length, sizes.size(), "each thread count should cut N = 700 into its own batches: " + sizes);
        ThreadCountCheck.Case few = ThreadCountCheck.cases(ThreadCountCheck.FEW).get(0);
        assertEquals(ThreadCountCheck.FEW, batches(few.threads(7)));
        assertTrue(batches(few.threads(7)) < 7, "N = 5 must make fewer batches than 7 threads");
    }

    @Test
    void bitIdenticalForOneTwoThreeAndSevenThreads() {
        for (ThreadCountCheck.Case c : ThreadCountCheck.allCases()) {
            Samples one = c.run(1);
            // the runs are real: both modes appear among the particles, and the paths move
            if (one.particles() == ThreadCountCheck.N) {
                assertTrue(Arrays.stream(one.mode()).distinct().count() == 2, c.name() + ": one mode only");
            }
            // and the comparison can see a difference: another seed is caught
            Samples otherSeed = Sampler.run(c.spec().withSeed(ThreadCountCheck.SEED + 1), ThreadCountCheck.K, Recording.PATHS, null);
            assertNotNull(ThreadCountCheck.firstDifference(one, otherSeed), c.name() + ": seeds " + ThreadCountCheck.SEED + " and "
                    + (ThreadCountCheck.SEED + 1) + " compared equal");
            float[] m = one.meanPaths();
            assertEquals(one.particles() * (ThreadCountCheck.K + 1), m.length);
            assertTrue(m[0] != m[ThreadCountCheck.K], c.name() + ": M_t did not move");
            for (int t : ThreadCountCheck.THREADS) {
                if (t == 1) continue;
                Samples other = c.run(t);
                String what = c.name() + ", 1 vs " + t + " threads";
                assertArrayEquals(one.mode(), other.mode(), what + ": modes");
                assertArrayEquals(one.low(), other.low(), 0.0, what + ": low-level values");
                assertArrayEquals(one.projection(), other.projection(), 0.0, what + ": projections");
                assertArrayEquals(one.meanPaths(), other.meanPaths(), 0.0f, what + ": M_t paths");
                assertNull(ThreadCountCheck.firstDifference(one, other), what);
            }
        }
    }
}
