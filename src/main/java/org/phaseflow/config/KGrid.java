package org.phaseflow.config;

import java.util.Arrays;

/** The fixed geometric grid of step counts on which K* is searched: K_{j+1} = max(K_j + 1, round(r·K_j)). */
public final class KGrid {
    private KGrid() {}

    public static int[] geometric(int start, double ratio, int cap) {
        if (start < 1) throw new IllegalArgumentException("--k-start must be at least 1, got " + start);
        if (!(ratio > 1 && ratio <= 1.5)) throw new IllegalArgumentException("--k-ratio must lie in (1, 1.5], got " + ratio);
        if (cap < start) throw new IllegalArgumentException("--k-cap " + cap + " is below --k-start " + start);
        int[] grid = new int[64];
        int n = 0;
        for (long k = start; k <= cap; k = Math.max(k + 1, Math.round(k * ratio))) {
            if (n == grid.length) grid = Arrays.copyOf(grid, 2 * n);
            grid[n++] = (int) k;
        }
        return Arrays.copyOf(grid, n);
    }
}
