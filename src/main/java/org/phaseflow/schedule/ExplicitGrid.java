package org.phaseflow.schedule;

/**
 * An explicit grid τ_0 = 0 < τ_1 < … < τ_K = 1, as practitioners pass a list of times
 * (docs/mathematics.md §5.6): it fixes K and refuses any other. τ(t) interpolates the grid linearly
 * at t_k = k/K, so the grid is also what {@link #times} and τ(t) describe.
 */
public record ExplicitGrid(String id, double[] points) implements Schedule {

    public ExplicitGrid {
        points = ScheduleFile.checkGrid(points.clone(), id);
    }

    @Override public int fixedSteps() { return points.length - 1; }

    @Override
    public double tau(double t) {
        int steps = fixedSteps();
        if (t <= 0) return 0;
        if (t >= 1) return 1;
        double x = t * steps;
        int k = Math.min(steps - 1, (int) Math.floor(x));
        return points[k] + (points[k + 1] - points[k]) * (x - k);
    }

    @Override
    public double[] grid(int steps) {
        requireSteps(steps);
        return points.clone();
    }

    @Override
    public double[] times(int steps) {
        requireSteps(steps);
        double[] t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) t[k] = (double) k / steps;
        return t;
    }

    private void requireSteps(int steps) {
        if (steps != fixedSteps()) {
            throw new IllegalArgumentException("schedule " + id + " is an explicit grid of " + fixedSteps() + " steps, got K = " + steps);
        }
    }

    @Override
    public String toString() { return id; }
}
