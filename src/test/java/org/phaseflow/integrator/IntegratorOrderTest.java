package org.phaseflow.integrator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phaseflow.ensemble.Ensemble;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Uniform;

/**
 * Convergence order on the GM, whose field is smooth up to τ = 1: the same particles (same initial
 * noise) integrated with K, 2K and 4K steps against a very fine Heun run. Halving the step must cut
 * the error by 1.6–2.5× for Euler (first order) and 3–5.5× for Heun (second order). DDIM converges:
 * each halving cuts its error by 1.5–2.5× and 16× the steps by more than 8× (with the linear shape
 * it is the Euler step itself; with trig its ratio approaches 2 from below, about 1.7–1.8 here). The setting (d = 16, σ = 0.5, trig VP, uniform schedule) keeps the field smooth on
 * the step scale (the mode-choice window 1/√d = 0.25 and the stiffness (1 − σ²)/σ² = 3 at τ = 1 are
 * both resolved by K ≥ 40), so the asymptotic regime holds.
 */
class IntegratorOrderTest {
    static final int D = 16, PARTICLES = 24, FINE = 4000;
    static final FlowKernels K = Kernels.preferred();

    final TwoModeMixture gm = TwoModeMixture.ones(D, 0.8, 1, 0.5);

    static float[][] run(Target target, Interpolant ip, Integrator integrator, int steps) {
        double[] grid = new Uniform().grid(steps);
        ExactField f = target.field(ip, K);
        float[][] out = new float[PARTICLES][D];
        float[] work = new float[D];
        for (int p = 0; p < PARTICLES; p++) {
            Ensemble.noise(42, p, ip.s0(), out[p], 0, D);
            integrator.integrate(f, ip, grid, target.singularAtOne(), out[p], 0, work, StepObserver.NONE);
        }
        return out;
    }

    static double rmsError(float[][] a, float[][] ref) {
        double s = 0;
        for (int p = 0; p < a.length; p++) for (int i = 0; i < D; i++) s += (a[p][i] - (double) ref[p][i]) * (a[p][i] - (double) ref[p][i]);
        return Math.sqrt(s / (a.length * D));
    }

    double[] errors(Interpolant ip, Integrator integrator, int... steps) {
        float[][] ref = run(gm, ip, new Heun(K), FINE);
        double[] e = new double[steps.length];
        for (int j = 0; j < steps.length; j++) e[j] = rmsError(run(gm, ip, integrator, steps[j]), ref);
        return e;
    }

    static void assertRatios(String what, double[] e, double lo, double hi) {
        for (int j = 0; j + 1 < e.length; j++) {
            double ratio = e[j] / e[j + 1];
            assertTrue(ratio >= lo && ratio <= hi, what + ": halving the step cut the error " + e[j] + " → " + e[j + 1]
                    + " by " + ratio + "×, outside [" + lo + ", " + hi + "]");
        }
    }

    @Test
    void eulerIsFirstOrder() {
        for (Shape s : Shape.values()) {
            Interpolant ip = Interpolant.of(s, Family.VP, D);
            assertRatios("Euler " + ip, errors(ip, new Euler(), 40, 80, 160), 1.6, 2.5);
        }
    }

    @Test
    void heunIsSecondOrder() {
        for (Shape s : Shape.values()) {
            Interpolant ip = Interpolant.of(s, Family.VP, D);
            double[] e = errors(ip, new Heun(K), 40, 80, 160);
            assertTrue(e[2] > 1e-5, "the Heun error " + e[2] + " must stay well above the float rounding floor");
            assertRatios("Heun " + ip, e, 3, 5.5);
        }
    }

    @Test
    void ddimConverges() {
        for (Shape s : Shape.values()) {
            Interpolant ip = Interpolant.of(s, Family.VP, D);
            double[] e = errors(ip, new Ddim(), 40, 80, 160, 640);
            assertRatios("DDIM " + ip, new double[] {e[0], e[1], e[2]}, 1.5, 2.5);
            assertTrue(e[3] < e[0] / 8, "DDIM error at K = 640 (" + e[3] + ") against K = 40 (" + e[0] + ")");
        }
    }
}
