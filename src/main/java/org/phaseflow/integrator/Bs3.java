package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.ExactField;

/**
 * The Bogacki–Shampine 3(2) Runge–Kutta pair (docs/mathematics.md §6.2): third order, with an
 * embedded second-order solution whose difference is the local error estimate, and first-same-as-last
 * (the velocity at the new state is the next step's first stage), so a step costs three new field
 * evaluations:
 *
 * <pre>
 *   k1 = b(τ, x),  k2 = b(τ + h/2, x + (h/2)·k1),  k3 = b(τ + 3h/4, x + (3h/4)·k2),
 *   x' = x + h·(2/9·k1 + 1/3·k2 + 4/9·k3),  k4 = b(τ + h, x'),
 *   error estimate  x' − x̂' = h·(−5/72·k1 + 1/12·k2 + 1/9·k3 − 1/8·k4).
 * </pre>
 *
 * On a fixed grid ({@link #integrate}) k4 is evaluated only where a next step uses it, so K steps cost
 * 3K evaluations and the field is never evaluated at τ = 1; an {@link ErrorObserver} gets the estimate
 * of every step but the last. {@link #attempt} is one step with its estimate, for step control.
 * Each worker's instance keeps five buffers of d floats (k1 … k4 and a stage state).
 */
public final class Bs3 implements Integrator {

    /** Receives the embedded error estimate of each step (the vector err[0..d) is reused). */
    @FunctionalInterface
    public interface ErrorObserver {
        void error(int step, double tau, double h, float[] err, float[] x, int off);
    }

    private final FlowKernels kernels;
    private final ErrorObserver errors;
    private float[] k1 = new float[0], k2, k3, k4, stage;

    public Bs3(FlowKernels kernels) { this(kernels, null); }

    /** With an observer of each step's error estimate (null: none). */
    public Bs3(FlowKernels kernels, ErrorObserver errors) {
        this.kernels = kernels;
        this.errors = errors;
    }

    @Override public String id() { return "bs3"; }

    @Override public int evaluations(int steps, boolean singularAtOne) { return 3 * steps; }

    void buffers(int d) {
        if (k1.length == d) return;
        k1 = new float[d];
        k2 = new float[d];
        k3 = new float[d];
        k4 = new float[d];
        stage = new float[d];
    }

    /** k1 = b(τ, x) at the prepared (τ, x): one evaluation. */
    void velocity(ExactField f, Interpolant ip, double tau, float[] x, int off, float[] out) {
        f.combine(x, off, out, 0, 0, 1, ip.aDa(tau), Double.NaN);
    }

    /**
     * One step of size h from (τ, x[off..off+d)) with k1 = b(τ, x) in {@link #k1()}: writes the
     * third-order state into {@link #stage()} (x itself is left alone), and, when {@code withEstimate},
     * evaluates k4 = b(τ + h, x') into {@link #k4()} and writes the error estimate into {@link #k2()}.
     * Spends two evaluations, three with the estimate; returns the mean of x'.
     */
    public double attempt(ExactField f, Interpolant ip, double tau, double h, float[] x, int off, boolean withEstimate) {
        int d = k1.length;
        double tm = tau + 0.5 * h, t3 = tau + 0.75 * h, t1 = tau + h;
        // each stage state and the estimate in one pass (FlowKernels.linearCombination), bit for bit the
        // copy and axpby passes they replace
        kernels.linearCombination(x, off, 1, k1, (float) (0.5 * h), null, 0, null, 0, stage, 0, d);   // x + (h/2)·k1
        f.prepare(tm, stage, 0);
        velocity(f, ip, tm, stage, 0, k2);
        kernels.linearCombination(x, off, 1, k2, (float) (0.75 * h), null, 0, null, 0, stage, 0, d);  // x + (3h/4)·k2
        f.prepare(t3, stage, 0);
        velocity(f, ip, t3, stage, 0, k3);
        kernels.linearCombination(x, off, 1, k1, (float) (2 * h / 9), k2, (float) (h / 3), k3, (float) (4 * h / 9),
                stage, 0, d);                                                                        // x'
        if (!withEstimate) return kernels.sum(stage, 0, d) / d;
        double mean = f.prepare(t1, stage, 0);
        velocity(f, ip, t1, stage, 0, k4);
        kernels.linearCombination(k2, 0, (float) (h / 12), k1, (float) (-5 * h / 72), k3, (float) (h / 9), k4, (float) (-h / 8),
                k2, 0, d);                                                                           // x' − x̂'
        return mean;
    }

    /**
     * After an {@link #attempt} without k4 (a step onto a singular τ = 1): writes into {@link #k2()} an
     * estimate that needs no evaluation at τ + h, the difference between x' and the second-order
     * solution x + h·(1/3·k1 + 2/3·k3) (nodes 0 and 3/4: Σb = 1, Σb·c = ½), which is
     * h·(−1/9·k1 + 1/3·k2 − 2/9·k3), O(h³) like the FSAL estimate (docs/mathematics.md §6.3).
     */
    void estimateWithoutK4(double h) {
        kernels.linearCombination(k2, 0, (float) (h / 3), k1, (float) (-h / 9), k3, (float) (-2 * h / 9), null, 0, k2, 0, k1.length);
    }

    /** After an accepted step with estimate: k4 becomes the next step's k1 (first same as last). */
    void advance(float[] x, int off) {
        System.arraycopy(stage, 0, x, off, k1.length);
        float[] t = k1;
        k1 = k4;
        k4 = t;
    }

    float[] k1() { return k1; }

    float[] k2() { return k2; }

    float[] k4() { return k4; }

    float[] stage() { return stage; }

    @Override
    public int integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                         float[] x, int off, float[] work, StepObserver obs) {
        int steps = tau.length - 1, d = work.length;
        buffers(d);
        obs.step(0, tau[0], f.prepare(tau[0], x, off), x, off);
        velocity(f, ip, tau[0], x, off, k1);
        int evaluations = 1;
        for (int k = 0; k < steps; k++) {
            double t0 = tau[k], t1 = tau[k + 1];
            boolean last = k == steps - 1;
            double mean = attempt(f, ip, t0, t1 - t0, x, off, !last);
            evaluations += last ? 2 : 3;
            if (!last && errors != null) errors.error(k + 1, t1, t1 - t0, k2, stage, 0);
            if (last) System.arraycopy(stage, 0, x, off, d);
            else advance(x, off);
            obs.step(k + 1, t1, mean, x, off);
        }
        return evaluations;
    }
}
