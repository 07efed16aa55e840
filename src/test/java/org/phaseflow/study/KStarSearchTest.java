package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KStarSearchTest {
    private static final int[] GRID = org.phaseflow.config.KGrid.geometric(2, 1.5, 4096);

    @Test
    void gridIsGeometricWithRatioAtMostOnePointFive() {
        assertArrayEquals(new int[] {2, 3, 5, 8, 12, 18, 27, 41, 62, 93}, org.phaseflow.config.KGrid.geometric(2, 1.5, 110));
        for (int i = 1; i < GRID.length; i++) {
            assertTrue(GRID[i] > GRID[i - 1]);
            assertTrue(GRID[i] <= Math.round(1.5 * GRID[i - 1]) || GRID[i] == GRID[i - 1] + 1);
        }
        assertThrows(IllegalArgumentException.class, () -> org.phaseflow.config.KGrid.geometric(2, 1.6, 100));
        assertThrows(IllegalArgumentException.class, () -> org.phaseflow.config.KGrid.geometric(10, 1.5, 5));
    }

    @Test
    void monotoneCurveGivesTheFirstGridPointBelowTolerance() {
        // error = 100/K: within 1.0 from K = 100, the first grid point at or above 100 is 140
        List<int[]> calls = new ArrayList<>();
        KStarSearch.Result r = KStarSearch.search(GRID, 1.0, 2, ks -> {
            calls.add(ks);
            double[] e = new double[ks.length];
            for (int i = 0; i < ks.length; i++) e[i] = 100.0 / ks[i];
            return e;
        });
        assertTrue(r.reached());
        assertEquals(140, r.kStar());
        // the two confirmations were evaluated together, and nothing beyond them
        assertArrayEquals(new int[] {210, 315}, calls.get(calls.size() - 1));
        assertEquals(315, r.ks()[r.ks().length - 1]);
        // every K evaluated once
        assertEquals(r.ks().length, calls.stream().mapToInt(c -> c.length).sum());
    }

    @Test
    void anEarlyAccidentalCrossingDoesNotCount() {
        // within tolerance at K = 8 by accident, then out again until K = 41
        KStarSearch.Result r = KStarSearch.search(GRID, 0.1, 2, ks -> {
            double[] e = new double[ks.length];
            for (int i = 0; i < ks.length; i++) e[i] = ks[i] == 8 ? 0.05 : (ks[i] >= 41 ? 0.01 : 0.5);
            return e;
        });
        assertEquals(41, r.kStar());
    }

    @Test
    void notReachedReportsTheBestErrorAndNoK() {
        int[] grid = org.phaseflow.config.KGrid.geometric(2, 1.5, 100);
        KStarSearch.Result r = KStarSearch.search(grid, 0.01, 2, ks -> {
            double[] e = new double[ks.length];
            for (int i = 0; i < ks.length; i++) e[i] = 0.2 + 1.0 / ks[i];
            return e;
        });
        assertFalse(r.reached());
        assertEquals(-1, r.kStar());
        assertEquals(93, r.bestK());
        assertEquals(0.2 + 1.0 / 93, r.bestError(), 1e-12);
        assertEquals(grid.length, r.ks().length);
    }

    @Test
    void aPassAtTheCapWithoutConfirmationsIsNotReached() {
        int[] grid = org.phaseflow.config.KGrid.geometric(2, 1.5, 100);   // ..., 62, 93
        KStarSearch.Result r = KStarSearch.search(grid, 0.1, 2, ks -> {
            double[] e = new double[ks.length];
            for (int i = 0; i < ks.length; i++) e[i] = ks[i] >= 62 ? 0.0 : 1.0;
            return e;
        });
        assertFalse(r.reached());
    }

    /** The study's rule past the cap: the grid's own continuation. */
    static final java.util.function.IntUnaryOperator NEXT = k -> (int) Math.max(k + 1L, Math.round(k * 1.5));

    static KStarSearch.Result capped(int from, int failFrom, List<int[]> calls) {
        int[] grid = org.phaseflow.config.KGrid.geometric(2, 1.5, 100);   // ..., 62, 93
        return KStarSearch.search(grid, NEXT, 0.1, 2, ks -> {
            calls.add(ks);
            double[] e = new double[ks.length];
            for (int i = 0; i < ks.length; i++) e[i] = ks[i] >= from && ks[i] < failFrom ? 0.0 : 1.0;
            return e;
        });
    }

    /** The cap bounds the K* searched, not its confirmations: a pass at 62 under a cap of 100 is confirmed at 93 and 140. */
    @Test
    void confirmationsMayLieBeyondTheCap() {
        List<int[]> calls = new ArrayList<>();
        KStarSearch.Result r = capped(62, Integer.MAX_VALUE, calls);
        assertEquals(62, r.kStar());
        assertArrayEquals(new int[] {93, 140}, calls.get(calls.size() - 1));
        assertEquals(140, r.ks()[r.ks().length - 1]);
        // a pass at the last candidate is confirmed by the next two past the cap
        calls.clear();
        assertEquals(93, capped(93, Integer.MAX_VALUE, calls).kStar());
        assertArrayEquals(new int[] {140, 210}, calls.get(calls.size() - 1));
        // a confirmation beyond the cap that fails: not reached, and the search stops there
        calls.clear();
        KStarSearch.Result failed = capped(62, 140, calls);
        assertFalse(failed.reached());
        assertEquals(140, failed.ks()[failed.ks().length - 1]);
        // a K* beyond the cap is never reported, and nothing beyond the cap is evaluated for it
        calls.clear();
        KStarSearch.Result beyond = capped(140, Integer.MAX_VALUE, calls);
        assertFalse(beyond.reached());
        assertEquals(93, beyond.ks()[beyond.ks().length - 1]);
    }
}
