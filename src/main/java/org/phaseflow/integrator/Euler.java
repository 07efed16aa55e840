package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.ExactField;

/** x_{k+1} = x_k + Δτ_k·(η + a·a'·κ)(τ_k, x_k): the paper's scheme, one fused pass per step. */
public final class Euler implements Integrator {

    @Override public String id() { return "euler"; }

    @Override public int evaluations(int steps, boolean singularAtOne) { return steps; }

    @Override
    public void integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                          float[] x, int off, float[] work, StepObserver obs) {
        int steps = tau.length - 1;
        obs.step(0, tau[0], f.prepare(tau[0], x, off), x, off);
        for (int k = 0; k < steps; k++) {
            double mean = step(f, ip, tau[k], tau[k + 1], x, off, k + 1 < steps ? tau[k + 1] : Double.NaN);
            obs.step(k + 1, tau[k + 1], mean, x, off);
        }
    }

    /** One Euler step in place from the prepared state at t0; prepares tNext (NaN: none). */
    static double step(ExactField f, Interpolant ip, double t0, double t1, float[] x, int off, double tNext) {
        double h = t1 - t0;
        return f.combine(x, off, x, off, 1, h, h * ip.aDa(t0), tNext);
    }
}
