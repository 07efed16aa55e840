package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.ExactField;

/**
 * A scheme with one field evaluation per step, x_{k+1} = cx·x_k + cη·η(τ_k, x_k) + cκ·κ(τ_k, x_k):
 * one fused pass per step, which also prepares the next step's statistic. Subclasses give the
 * coefficients; the field is never evaluated at the last grid point.
 */
abstract class OneEvaluationScheme implements Integrator {

    /** cx, cη, cκ of the step from t0 to t1, written into c. */
    abstract void coefficients(Interpolant ip, double t0, double t1, double[] c);

    @Override public int evaluations(int steps, boolean singularAtOne) { return steps; }

    @Override
    public final int integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                                float[] x, int off, float[] work, StepObserver obs) {
        int steps = tau.length - 1;
        double[] c = new double[3];
        obs.step(0, tau[0], f.prepare(tau[0], x, off), x, off);
        for (int k = 0; k < steps; k++) {
            coefficients(ip, tau[k], tau[k + 1], c);
            double mean = f.combine(x, off, x, off, c[0], c[1], c[2], k + 1 < steps ? tau[k + 1] : Double.NaN);
            obs.step(k + 1, tau[k + 1], mean, x, off);
        }
        return steps;
    }
}
