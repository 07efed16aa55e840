package org.phaseflow.config;

import org.phaseflow.integrator.ErrorNorm;
import org.phaseflow.integrator.Tolerances;

/**
 * The fixed geometric grid of tolerances on which a study searches an adaptive integrator
 * (docs/mathematics.md §7.4): rtol_j = 0.1·1.5^{−j}, j = 0 … 28 (0.1 down to 1.2e-6, loose to tight),
 * atol_j = 10⁻³·rtol_j (the ratio of the defaults, 1e-6 beside 1e-3). Index j counts from 0.
 */
public final class ToleranceGrid {
    private ToleranceGrid() {}

    public static final double START = 0.1, RATIO = 1.5, ATOL_PER_RTOL = 1e-3;
    /** The number of grid points that can be rtol*; the confirmations of the last may lie up to {@code confirm} beyond it. */
    public static final int COUNT = 29;

    /** rtol_j. */
    public static double rtol(int j) { return START * Math.pow(RATIO, -j); }

    /** The tolerances of grid point j with {@code norm}. */
    public static Tolerances at(int j, ErrorNorm norm) { return new Tolerances(rtol(j), ATOL_PER_RTOL * rtol(j), norm); }

    /** The grid as the plan's identity states it. */
    public static String describe() { return "rtol_j = " + START + "*" + RATIO + "^-j, j = 0.." + (COUNT - 1) + "; atol = " + ATOL_PER_RTOL + "*rtol"; }
}
