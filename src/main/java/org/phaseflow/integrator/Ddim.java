package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;

/**
 * The DDIM-type exponential step, exact on the linear part of the field:
 * x_{k+1} = (a_{k+1}/a_k)·x_k + (τ_{k+1} − τ_k·a_{k+1}/a_k)·η(τ_k, x_k). It evaluates the field only
 * at τ_k < 1, and its last step returns η itself.
 */
public final class Ddim extends OneEvaluationScheme {

    @Override public String id() { return "ddim"; }

    @Override
    void coefficients(Interpolant ip, double t0, double t1, double[] c) {
        double ratio = ip.a(t1) / ip.a(t0);
        c[0] = ratio;
        c[1] = t1 - t0 * ratio;
        c[2] = 0;
    }
}
