package org.phaseflow.schedule;

/**
 * A monotone map τ(t) on [0, 1] with τ(0) = 0, τ(1) = 1 (docs/mathematics.md §5). A piecewise
 * schedule names its kinks in {@link #breakpoints()}; {@link #grid(int)} puts every kink on the grid
 * so no step straddles a change of speed. A schedule given by its grid (an explicit list of times)
 * fixes K ({@link #fixedSteps()}) and overrides {@link #grid(int)}.
 */
public interface Schedule {

    /** Short name, as on the command line. */
    String id();

    /** τ(t). */
    double tau(double t);

    /** The kinks t ∈ (0, 1), increasing; none for a smooth schedule. */
    default double[] breakpoints() { return new double[0]; }

    /** The number of steps this schedule's grid has whatever K is asked for (an explicit grid), or 0: any K. */
    default int fixedSteps() { return 0; }

    /** The fewest steps a grid can have: one per phase. */
    default int minSteps() { return breakpoints().length + 1; }

    /**
     * τ_k = τ(t_k), k = 0..K, on the grid of {@link #times(int)}: the K steps are shared among the
     * phases in proportion to their length in t and are uniform in t within a phase.
     */
    default double[] grid(int steps) {
        double[] t = times(steps);
        double[] tau = new double[steps + 1];
        for (int k = 1; k < steps; k++) tau[k] = tau(t[k]);
        tau[steps] = 1;
        return tau;
    }

    /**
     * t_k, k = 0..K: every kink is on the grid; the K steps are shared among the phases in proportion
     * to their length in t (largest remainders, each phase at least one step), uniform within a phase.
     */
    default double[] times(int steps) {
        double[] kinks = breakpoints();
        int phases = kinks.length + 1;
        if (steps < phases) {
            throw new IllegalArgumentException("schedule " + id() + " has " + phases + " phases and needs at least "
                    + phases + " steps, got " + steps);
        }
        double[] edge = new double[phases + 1];
        System.arraycopy(kinks, 0, edge, 1, kinks.length);
        edge[phases] = 1;
        int[] share = shares(edge, steps);
        double[] t = new double[steps + 1];
        int k = 0;
        for (int p = 0; p < phases; p++) {
            for (int j = 0; j < share[p]; j++) t[k++] = j == 0 ? edge[p] : edge[p] + (edge[p + 1] - edge[p]) * j / share[p];
        }
        t[steps] = 1;
        return t;
    }

    /** Steps per phase: proportional to length, largest remainder, each at least one. */
    private static int[] shares(double[] edge, int steps) {
        int phases = edge.length - 1;
        int[] share = new int[phases];
        double[] rest = new double[phases];
        int spare = steps - phases, used = 0;
        for (int p = 0; p < phases; p++) {
            double want = spare * (edge[p + 1] - edge[p]);
            share[p] = 1 + (int) Math.floor(want);
            rest[p] = want - Math.floor(want);
            used += share[p];
        }
        while (used < steps) {
            int best = 0;
            for (int p = 1; p < phases; p++) if (rest[p] > rest[best]) best = p;
            share[best]++;
            rest[best] = -1;
            used++;
        }
        return share;
    }
}
