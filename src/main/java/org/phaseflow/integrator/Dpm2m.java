package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.ExactField;

/**
 * A second-order exponential multistep scheme in data-prediction form, of the DPM-Solver++(2M) kind
 * (docs/mathematics.md §6.1): the linear part of the field is integrated exactly, as in DDIM, and the
 * denoiser η is interpolated linearly in τ through its values at the last two grid points,
 *
 * <pre>
 *   x_{k+1} = ρ_k·x_k + c_k·η_k + e_k·(η_k − η_{k−1})/(τ_k − τ_{k−1}),
 *   ρ_k = a_{k+1}/a_k,  c_k = τ_{k+1} − τ_k·ρ_k,  e_k = Δτ_k·τ_{k+1} − a_{k+1}·∫_{τ_k}^{τ_{k+1}} τ/a(τ) dτ,
 * </pre>
 *
 * one field evaluation per step. The first step is DDIM's (no η_{−1}); for a field singular at τ = 1
 * the last step is DDIM's too (η is not smooth up to τ = 1 there), so the field is evaluated at τ_0 …
 * τ_{K−1} only, for every target. Each step costs one evaluation, one elementwise pass (the update) and
 * one reduction; the scheme keeps the last two denoisers in arrays of its own.
 */
public final class Dpm2m implements Integrator {
    private final FlowKernels kernels;
    private float[] previous = new float[0], current = new float[0];

    public Dpm2m(FlowKernels kernels) { this.kernels = kernels; }

    @Override public String id() { return "dpm2m"; }

    @Override public int evaluations(int steps, boolean singularAtOne) { return steps; }

    /**
     * e_k: the weight of the denoiser's slope over one step, a_{k+1}·∫ (τ − τ_k) d(τ/a) in closed form
     * for each shape (0 ≤ e_k ≤ Δτ_k·τ_{k+1}; Δτ_{K−1} on the last step, where a = 0).
     */
    static double slopeWeight(Interpolant ip, double t0, double t1) {
        double a0 = ip.a(t0), a1 = ip.a(t1), s0 = ip.s0(), h = t1 - t0;
        if (a1 == 0) return h * t1;
        double integral = switch (ip.shape()) {   // ∫_{τ_k}^{τ_{k+1}} τ/a(τ) dτ
            case TRIG -> (a0 - a1) / (s0 * s0);
            case LINEAR -> (Math.log(a0 / a1) - h) / s0;
        };
        return h * t1 - a1 * integral;
    }

    @Override
    public int integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                         float[] x, int off, float[] work, StepObserver obs) {
        int steps = tau.length - 1, d = work.length;
        if (current.length != d) {
            previous = new float[d];
            current = new float[d];
        }
        float[] before = previous, eta = current;
        obs.step(0, tau[0], f.prepare(tau[0], x, off), x, off);
        for (int k = 0; k < steps; k++) {
            double t0 = tau[k], t1 = tau[k + 1];
            double rho = ip.a(t1) / ip.a(t0), c = t1 - t0 * rho;
            f.combine(x, off, eta, 0, 0, 1, 0, Double.NaN);                   // η_k
            boolean frozen = k == 0 || (singularAtOne && k == steps - 1);
            double q = frozen ? 0 : slopeWeight(ip, t0, t1) / (t0 - tau[k - 1]);
            // ρ·x + (c + q)·η_k − q·η_{k−1} in one pass
            kernels.linearCombination(x, off, (float) rho, eta, (float) (c + q), q != 0 ? before : null, (float) -q, null, 0, x, off, d);
            double mean = k + 1 < steps ? f.prepare(t1, x, off) : kernels.sum(x, off, d) / d;
            obs.step(k + 1, t1, mean, x, off);
            float[] t = before;
            before = eta;
            eta = t;
        }
        previous = before;
        current = eta;
        return steps;
    }
}
