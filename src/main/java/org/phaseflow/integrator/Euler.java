package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.ExactField;

/** x_{k+1} = x_k + Δτ_k·(η + a·a'·κ)(τ_k, x_k): the paper's scheme, one fused pass per step. */
public final class Euler extends OneEvaluationScheme {

    @Override public String id() { return "euler"; }

    @Override
    void coefficients(Interpolant ip, double t0, double t1, double[] c) {
        double h = t1 - t0;
        c[0] = 1;
        c[1] = h;
        c[2] = h * ip.aDa(t0);
    }

    /** One Euler step in place from the prepared state at t0; prepares tNext (NaN: none). */
    static double step(ExactField f, Interpolant ip, double t0, double t1, float[] x, int off, double tNext) {
        double h = t1 - t0;
        return f.combine(x, off, x, off, 1, h, h * ip.aDa(t0), tNext);
    }
}
