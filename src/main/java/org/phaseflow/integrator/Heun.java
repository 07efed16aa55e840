package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.ExactField;

/**
 * Heun's second-order scheme: x̃ = x + Δτ·v(τ, x), x' = ½·[x + x̃ + Δτ·v(τ', x̃)]. For a field singular
 * at τ = 1 the last interval is an Euler step (its local error is of the same order as Heun's
 * global error, so the scheme stays second order).
 */
public final class Heun implements Integrator {
    private final FlowKernels kernels;

    public Heun(FlowKernels kernels) { this.kernels = kernels; }

    @Override public String id() { return "heun"; }

    @Override public int evaluations(int steps, boolean singularAtOne) { return 2 * steps - (singularAtOne ? 1 : 0); }

    @Override
    public int integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                          float[] x, int off, float[] work, StepObserver obs) {
        int steps = tau.length - 1, d = work.length, evaluations = 0;
        obs.step(0, tau[0], f.prepare(tau[0], x, off), x, off);
        for (int k = 0; k < steps; k++) {
            double t0 = tau[k], t1 = tau[k + 1], h = t1 - t0, mean;
            if (singularAtOne && k == steps - 1) {
                mean = Euler.step(f, ip, t0, t1, x, off, Double.NaN);
                evaluations++;
            } else {
                f.combine(x, off, work, 0, 1, h, h * ip.aDa(t0), t1);        // x̃, prepared at τ'
                // x' = ½·(x̃ + Δτ·v(τ', x̃)) + ½·x, prepared at τ' (one pass where the field fuses it)
                mean = f.combineOnto(kernels, work, 0, x, off, d, 0.5, 0.5, 1, h, h * ip.aDa(t1), t1);
                evaluations += 2;
            }
            obs.step(k + 1, t1, mean, x, off);
        }
        return evaluations;
    }
}
