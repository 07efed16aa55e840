package org.phaseflow.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run over particle ranges [from, to) (shards), joined in index order with {@link Samples#concat},
 * gives the whole run's bits: modes, low-level values, projections and M_t paths of the GM VP Euler
 * and CW VE Heun cases of {@link ThreadCountCheck}, cut into 2, 3 and 7 shards (each shard cut into
 * batches of its own size), also with several K in one pass.
 */
class ParticleRangeTest {

    /** Shard i of s: particles [N·i/s, N·(i+1)/s). */
    static int edge(int n, int i, int s) { return (int) ((long) n * i / s); }

    static List<Samples> sharded(RunSpec spec, int shards, int[] ks, Recording recording) {
        List<List<Samples>> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            parts.add(Sampler.run(spec, edge(spec.particles(), i, shards), edge(spec.particles(), i + 1, shards), ks, recording, null));
        }
        List<Samples> out = new ArrayList<>();
        for (int r = 0; r < ks.length; r++) {
            int k = r;
            out.add(Samples.concat(parts.stream().map(p -> p.get(k)).toList()));
        }
        return out;
    }

    @Test
    void shardsJoinedInIndexOrderAreTheWholeRunsBits() {
        int[] ks = {ThreadCountCheck.K, 7};
        for (ThreadCountCheck.Case c : ThreadCountCheck.cases(ThreadCountCheck.N)) {
            RunSpec spec = c.threads(2);
            List<Samples> whole = Sampler.run(spec, ks, Recording.PATHS, null);
            for (int shards : new int[] {2, 3, 7}) {
                // the shards' batches are not the whole run's: 700 / 7 = 100 particles cut into batches of 13, not 88
                assertNotEquals(Sampler.batchSize(spec), Sampler.batchSize(spec, spec.particles() / shards));
                List<Samples> joined = sharded(spec, shards, ks, Recording.PATHS);
                for (int r = 0; r < ks.length; r++) {
                    assertNull(ThreadCountCheck.firstDifference(whole.get(r), joined.get(r)), c.name() + ", K = " + ks[r] + ", " + shards + " shards");
                    assertEquals(whole.get(r).commonNfe(), joined.get(r).commonNfe());
                }
            }
            // the comparison sees a shard that starts its particles at 0 instead of at its own index
            List<Samples> wrong = new ArrayList<>();
            int half = spec.particles() / 2;
            wrong.add(Sampler.run(spec, 0, half, ks, Recording.PATHS, null).get(0));
            wrong.add(Sampler.run(spec, 0, spec.particles() - half, ks, Recording.PATHS, null).get(0));
            assertNotNull(ThreadCountCheck.firstDifference(whole.get(0), Samples.concat(wrong)), c.name());
        }
    }

    @Test
    void aRangeIsNonEmptyWithinTheRunAndOnlyOutcomesAndPathsAreJoined() {
        RunSpec spec = ThreadCountCheck.cases(ThreadCountCheck.FEW).get(0).spec();
        int[] k = {3};
        for (int[] r : new int[][] {{-1, 2}, {0, 6}, {3, 3}, {4, 2}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.run(spec, r[0], r[1], k, Recording.OUTCOMES, null));
            assertTrue(e.getMessage().startsWith("particles [" + r[0] + ", " + r[1] + "): not a non-empty range within the run's [0, 5)"), e.getMessage());
        }
        Recording traces = new Recording(false, 2, new int[] {0}, false);
        List<Samples> parts = List.of(Sampler.run(spec, 0, 2, k, traces, null).get(0), Sampler.run(spec, 2, 5, k, traces, null).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Samples.concat(parts));
        assertTrue(e.getMessage().contains("shards join their outcomes and mean paths only"), e.getMessage());
        List<Samples> otherK = List.of(Sampler.run(spec, 0, 2, k, Recording.OUTCOMES, null).get(0), Sampler.run(spec, 2, 5, new int[] {4}, Recording.OUTCOMES, null).get(0));
        assertThrows(IllegalArgumentException.class, () -> Samples.concat(otherK));
    }
}
