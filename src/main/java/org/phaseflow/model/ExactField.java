package org.phaseflow.model;

import org.phaseflow.kernel.FlowKernels;

/**
 * A target's exact probability-flow field, evaluated on one particle at a time (docs/mathematics.md §1.3–1.4).
 * With η = E[x1 | I(τ) = x] and κ = ε/a = E[z | I(τ) = x]/a(τ), the velocity is dX/dτ = η + a·a'·κ,
 * and the integrators only ever ask for out = cx·x + cη·η + cκ·κ.
 *
 * <p>Stateful, one instance per worker: {@link #prepare} computes the particle's O(d) statistic
 * (logits, log-odds) at (τ, x); {@link #combine} uses it and, in the same pass over the data,
 * prepares the statistic of its output at the next τ. Not thread-safe.
 */
public interface ExactField {

    /** Prepares the field at (τ, x[off..off+d)); returns the mean coordinate (1/d)·Σ x_i. */
    double prepare(double tau, float[] x, int off);

    /**
     * out = cx·x + cη·η(τ, x) + cκ·κ(τ, x) at the prepared (τ, x); {@code out} may be {@code x}.
     * Then prepares (tauNext, out) unless tauNext is NaN (no further evaluation). Returns (1/d)·Σ out.
     */
    double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext);

    /**
     * y = c·(cx·x + cη·η + cκ·κ) + γ·y at the prepared (τ, x), over n coordinates, then prepares (tauNext, y)
     * and returns (1/d)·Σ y: Heun's second stage and its average (docs/mathematics.md §6, "Cost"). x may be
     * overwritten. By default three passes, {@link #combine} into x, {@link FlowKernels#axpby} with the
     * caller's kernels, {@link #prepare}; a field may fuse them, bit for bit the same.
     */
    default double combineOnto(FlowKernels k, float[] x, int xo, float[] y, int yo, int n,
                               double c, double gamma, double cx, double cEta, double cKappa, double tauNext) {
        return combineOntoInPasses(this, k, x, xo, y, yo, n, c, gamma, cx, cEta, cKappa, tauNext);
    }

    /** {@link #combineOnto} in its three passes (for a field that fuses only some cases). */
    static double combineOntoInPasses(ExactField f, FlowKernels k, float[] x, int xo, float[] y, int yo, int n,
                                      double c, double gamma, double cx, double cEta, double cKappa, double tauNext) {
        f.combine(x, xo, x, xo, cx, cEta, cKappa, Double.NaN);
        k.axpby(x, xo, y, yo, n, (float) c, (float) gamma);
        return f.prepare(tauNext, y, yo);
    }

    /**
     * The posterior weights of the target's modes at the prepared (τ, x), into w (one per mode), for the
     * optimizer's mode indicator (docs/mathematics.md §5.8); false when this field does not compute them.
     */
    default boolean posteriorWeights(double[] w) { return false; }
}
