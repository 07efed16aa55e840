package org.phaseflow.scheduler;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.phaseflow.ensemble.Ensemble;
import org.phaseflow.integrator.Bs3Adaptive;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.NonFiniteGuard;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.PiecewiseLinear;

/**
 * Where the adaptive integrator puts its steps (docs/mathematics.md §6.3, "Where the steps go"): the
 * accepted steps of a run's first particles, pooled, and the empirical schedule whose step density
 * they are. The pooled particles are integrated again, on one thread in index order, each from its
 * own noise stream and on the run's kernels: the pool is the same for a seed whatever the thread
 * count, and its steps are those the run's particles took.
 *
 * @param from      where each accepted step starts: 0 or the end of the particle's step before it
 * @param to        where it ends (the τ the integrator reports), particle by particle, in the order taken
 * @param particles how many particles were pooled
 */
public record AcceptedSteps(double[] from, double[] to, int particles) {
    /** Particles pooled at most: enough for a smooth density, cheap beside the run. */
    public static final int PARTICLES = 100;
    /** Knots of the empirical schedule: its t_j = j/KNOTS. */
    public static final int KNOTS = 200;

    public AcceptedSteps {
        if (from.length != to.length || from.length == 0) {
            throw new IllegalArgumentException("steps need a start and an end each, and there must be some: got " + from.length + " and " + to.length);
        }
        for (int s = 0; s < to.length; s++) {
            if (!(0 <= from[s] && from[s] < to[s] && to[s] <= 1)) {
                throw new IllegalArgumentException("step " + s + " must lie in [0, 1] with a positive length, got (" + from[s] + ", " + to[s] + "]");
            }
        }
    }

    /** The first min(100, N) particles of {@code spec} on its grid of {@code steps} output intervals. */
    public static AcceptedSteps pool(RunSpec spec, int steps) {
        return pool(spec, steps, Math.min(PARTICLES, spec.particles()), Kernels.preferred());
    }

    /** The first {@code particles} particles of {@code spec} (bs3a) on its grid of {@code steps} output intervals. */
    public static AcceptedSteps pool(RunSpec spec, int steps, int particles, FlowKernels kernels) {
        if (spec.integrator() != IntegratorKind.BS3A) {
            throw new IllegalArgumentException("accepted steps are those of --integrator bs3a, not of --integrator " + spec.integrator());
        }
        if (particles < 1 || particles > spec.particles()) {
            throw new IllegalArgumentException("particles to pool must lie in [1, " + spec.particles() + "], got " + particles);
        }
        Target target = spec.target();
        double[] grid = spec.schedule().grid(steps);
        ExactField field = target.field(spec.interpolant(), kernels);
        Bs3Adaptive integrator = (Bs3Adaptive) spec.integrator().create(kernels, spec.tolerances(), target.featureDirections());
        Pool pool = new Pool();
        integrator.onAccepted(pool);
        int d = spec.dim();
        float[] x = new float[d], work = new float[d];
        NonFiniteGuard guard = new NonFiniteGuard();
        for (int p = 0; p < particles; p++) {
            Ensemble.noise(spec.seed(), p, spec.interpolant().s0(), x, 0, d);   // the stream Ensemble.initialise gives particle p
            guard.start(p);
            pool.last = grid[0];
            integrator.integrate(field, spec.interpolant(), grid, target.singularAtOne(), x, 0, work, guard);
        }
        return new AcceptedSteps(Arrays.copyOf(pool.from, pool.size), Arrays.copyOf(pool.to, pool.size), particles);
    }

    /** Accepted steps pooled. */
    public int count() { return to.length; }

    /** How many of the pooled steps end in (lo, hi]. */
    public int endingIn(double lo, double hi) {
        int n = 0;
        for (double b : to) if (b > lo && b <= hi) n++;
        return n;
    }

    /**
     * The share of the pooled steps in [lo, hi], each counted by the part of its length inside: the
     * empirical schedule's share of t there, comparable with a schedule's share of its steps.
     */
    public double share(double lo, double hi) {
        double in = 0;
        for (int s = 0; s < to.length; s++) {
            double overlap = Math.min(to[s], hi) - Math.max(from[s], lo);
            if (overlap > 0) in += overlap / (to[s] - from[s]);
        }
        return in / to.length;
    }

    /** The empirical schedule: τ(t) through (j/200, τ_j), τ_j the j/200 quantile of the pooled steps ({@link #quantiles}). */
    public PiecewiseLinear schedule() {
        double[] t = new double[KNOTS + 1];
        for (int j = 0; j <= KNOTS; j++) t[j] = (double) j / KNOTS;
        return PiecewiseLinear.through("bs3a accepted steps", t, quantiles(from, to, KNOTS));
    }

    /**
     * τ_j, j = 0..knots, strictly increasing, τ_0 = 0 and τ_knots = 1: the j/knots quantiles of the
     * distribution that gives each of the n pooled steps the mass 1/n spread evenly over the τ it
     * covers (docs/mathematics.md §6.3). Its CDF F is piecewise linear, with slope (1/n)·Σ 1/h over
     * the steps covering τ: the pooled steps per unit τ, the dt/dτ a schedule of n steps has. One
     * particle's steps give its own grid back (τ_{j} = its i-th end where j/knots = i/n). The ends
     * alone would not do: the particles of a high-dimensional run take nearly the same steps, so
     * their ends pile up at a few τ and the quantiles of the ends would draw a comb of spikes, not
     * the steps' density. Steps covering [0, 1] (every particle's do) leave no τ without mass, so
     * F and its inverse are strictly increasing; equal ends (a point mass) need nothing special.
     */
    static double[] quantiles(double[] from, double[] to, int knots) {
        int n = to.length;
        // F's slope changes by +1/(n·h) where a step starts and by −1/(n·h) where it ends
        double[] at = new double[2 * n], change = new double[2 * n];
        for (int s = 0; s < n; s++) {
            double rate = 1.0 / (n * (to[s] - from[s]));
            at[2 * s] = from[s];
            change[2 * s] = rate;
            at[2 * s + 1] = to[s];
            change[2 * s + 1] = -rate;
        }
        Integer[] order = new Integer[2 * n];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(at[x], at[y]));
        double[] q = new double[knots + 1];
        q[knots] = 1;
        double f = 0, slope = 0, x = at[order[0]];
        int j = 1;
        for (int e = 0; e < order.length && j < knots; ) {
            double next = at[order[e]];
            double fNext = f + slope * (next - x);   // F at the next event, linear in between
            while (j < knots && (double) j / knots <= fNext && slope > 0) {
                q[j] = Math.min(next, x + ((double) j / knots - f) / slope);
                j++;
            }
            f = fNext;
            x = next;
            while (e < order.length && at[order[e]] == next) slope += change[order[e++]];
        }
        for (; j < knots; j++) q[j] = x;   // rounding left F a hair below 1 at the last end
        // at least one ulp between knots (F's inverse is strictly increasing; its rounding need not be)
        for (int i = 1; i < knots; i++) q[i] = Math.max(q[i], Math.nextUp(q[i - 1]));
        for (int i = knots - 1; i >= 1; i--) q[i] = Math.min(q[i], Math.nextDown(q[i + 1]));
        return q;
    }

    /** The steps as they come, in growing arrays: each starts where the particle's last one ended. */
    private static final class Pool implements DoubleConsumer {
        private double[] from = new double[1024], to = new double[1024];
        private int size;
        double last;

        @Override public void accept(double tau) {
            if (size == to.length) {
                from = Arrays.copyOf(from, 2 * size);
                to = Arrays.copyOf(to, 2 * size);
            }
            from[size] = last;
            to[size++] = tau;
            last = tau;
        }
    }
}
