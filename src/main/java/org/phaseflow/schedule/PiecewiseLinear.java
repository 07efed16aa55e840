package org.phaseflow.schedule;

import java.util.Arrays;

/**
 * A piecewise-linear τ(t) through knots (t_i, τ_i), (0, 0) and (1, 1) included, both coordinates
 * strictly increasing (docs/mathematics.md §5.6). For K steps the grid is t_k = k/K mapped through
 * τ(t): the knots describe a curve and are not kinks put on the grid, so any K ≥ 1 is allowed.
 */
public record PiecewiseLinear(String id, double[] t, double[] tau) implements Schedule {

    /**
     * The schedule through these knots, (0, 0) and (1, 1) added when absent; IllegalArgumentException
     * "{@code where}: what is wrong" for a knot outside [0, 1]², not finite, or out of order.
     */
    public static PiecewiseLinear through(String where, double[] t, double[] tau) {
        int n = t.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(t[i]) || !Double.isFinite(tau[i])) {
                throw new IllegalArgumentException(where + ": knot " + i + " is not finite, got [" + t[i] + ", " + tau[i] + "]");
            }
            if (t[i] < 0 || t[i] > 1) throw new IllegalArgumentException(where + ": knot " + i + ": t is outside [0, 1], got " + t[i]);
            if (tau[i] < 0 || tau[i] > 1) throw new IllegalArgumentException(where + ": knot " + i + ": τ is outside [0, 1], got " + tau[i]);
            if (t[i] == 0 && tau[i] != 0) throw new IllegalArgumentException(where + ": knot " + i + ": τ(0) must be 0 (pure noise), got " + tau[i]);
            if (t[i] == 1 && tau[i] != 1) throw new IllegalArgumentException(where + ": knot " + i + ": τ(1) must be 1 (data), got " + tau[i]);
        }
        boolean head = t[0] != 0, tail = t[n - 1] != 1;
        int m = n + (head ? 1 : 0) + (tail ? 1 : 0);
        double[] ts = new double[m], vs = new double[m];
        int off = head ? 1 : 0;
        System.arraycopy(t, 0, ts, off, n);
        System.arraycopy(tau, 0, vs, off, n);
        ts[m - 1] = 1;
        vs[m - 1] = 1;
        for (int i = 1; i < m; i++) {
            String knot = i - off < n ? "knot " + (i - off) : "the end point (1, 1)";
            if (!(ts[i] > ts[i - 1])) throw new IllegalArgumentException(where + ": " + knot + ": t must increase strictly, got " + ts[i] + " after " + ts[i - 1]);
            if (!(vs[i] > vs[i - 1])) throw new IllegalArgumentException(where + ": " + knot + ": τ must increase strictly, got " + vs[i] + " after " + vs[i - 1]);
        }
        return new PiecewiseLinear(where, ts, vs);
    }

    @Override
    public double tau(double s) {
        if (s <= 0) return 0;
        if (s >= 1) return 1;
        int i = Arrays.binarySearch(t, s);
        if (i >= 0) return tau[i];
        int hi = -i - 1, lo = hi - 1;
        return tau[lo] + (tau[hi] - tau[lo]) * ((s - t[lo]) / (t[hi] - t[lo]));
    }

    @Override
    public String toString() { return id; }
}
