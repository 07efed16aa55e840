package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.ExactField;

/**
 * The DDIM-type exponential step, exact on the linear part of the field:
 * x_{k+1} = (a_{k+1}/a_k)·x_k + (τ_{k+1} − τ_k·a_{k+1}/a_k)·η(τ_k, x_k). It evaluates the field only
 * at τ_k < 1, and its last step returns η itself.
 */
public final class Ddim implements Integrator {

    @Override public String id() { return "ddim"; }

    @Override public int evaluations(int steps, boolean singularAtOne) { return steps; }

    @Override
    public void integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                          float[] x, int off, float[] work, StepObserver obs) {
        int steps = tau.length - 1;
        obs.step(0, tau[0], f.prepare(tau[0], x, off), x, off);
        for (int k = 0; k < steps; k++) {
            double ratio = ip.a(tau[k + 1]) / ip.a(tau[k]);
            double mean = f.combine(x, off, x, off, ratio, tau[k + 1] - tau[k] * ratio, 0,
                    k + 1 < steps ? tau[k + 1] : Double.NaN);
            obs.step(k + 1, tau[k + 1], mean, x, off);
        }
    }
}
