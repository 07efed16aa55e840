package org.phaseflow.integrator;

import org.phaseflow.config.Paper;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.ExactField;
import org.phaseflow.schedule.Uniform;

/**
 * The integrators' contract apart from accuracy: which τ they evaluate the field at (never τ = 1 for
 * a singular field), how many evaluations they spend, the exact step formulas on a linear field, and
 * the non-finite guard stopping at the step, τ and particle where a NaN appears.
 */
class IntegratorsTest {
    static final Interpolant IP = Interpolant.of(Shape.TRIG, Family.VP, 4);

    /**
     * A linear field η = c·x, κ = x (so out = (cx + cη·c + cκ)·x) that records every τ at which it is
     * prepared and counts its evaluations (combines); it returns NaN once it has been prepared more
     * than {@code nanFrom} times.
     */
    static final class Spy implements ExactField {
        final List<Double> taus = new ArrayList<>();
        final double c;
        final int nanFrom;
        int combines;
        double tau;

        Spy(double c, int nanFrom) {
            this.c = c;
            this.nanFrom = nanFrom;
        }

        @Override
        public double prepare(double tau, float[] x, int off) {
            this.tau = tau;
            taus.add(tau);
            return mean(x, off);
        }

        @Override
        public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
            combines++;
            double g = cx + cEta * c + cKappa;
            boolean nan = taus.size() > nanFrom;
            for (int i = 0; i < 4; i++) out[oo + i] = nan ? Float.NaN : (float) (g * x[xo + i]);
            return Double.isNaN(tauNext) ? mean(out, oo) : prepare(tauNext, out, oo);
        }

        static double mean(float[] x, int off) {
            double s = 0;
            for (int i = 0; i < 4; i++) s += x[off + i];
            return s / 4;
        }
    }

    @Test
    void noIntegratorEvaluatesASingularFieldAtTauOne() {
        double[] grid = new Uniform().grid(10);
        for (IntegratorKind kind : IntegratorKind.values()) {
            Integrator in = kind.create(Kernels.scalar());
            for (boolean singular : new boolean[] {true, false}) {
                Spy spy = new Spy(0.5, Integer.MAX_VALUE);
                float[] x = {1, 2, 3, 4};
                in.integrate(spy, IP, grid, singular, x, 0, new float[4], StepObserver.NONE);
                if (singular || !(in instanceof Heun || in instanceof Bs3Adaptive)) {   // those two may use a regular field at τ = 1
                    for (double t : spy.taus) assertTrue(t < 1, in.id() + ": field prepared at τ = " + t);
                }
                if (!kind.adaptive()) assertEquals(in.evaluations(10, singular), spy.combines, in.id() + " singular=" + singular + ": evaluations");
            }
        }
        // and through the real CW field, which refuses τ = 1
        CurieWeiss cw = new CurieWeiss(64, 2, Paper.H);
        for (IntegratorKind kind : IntegratorKind.values()) {
            Integrator in = kind.create(Kernels.scalar());
            float[] x = new float[64];
            org.phaseflow.ensemble.Ensemble.noise(3, 0, 1, x, 0, 64);
            in.integrate(cw.field(IP, Kernels.preferred()), IP, grid, true, x, 0, new float[64], StepObserver.NONE);
            for (float v : x) assertTrue(Float.isFinite(v), in.id());
        }
    }

    /** Every scheme returns what it spent, and evaluations() predicts it, for any K and both kinds of target. */
    @Test
    void evaluationCountsAreExact() {
        for (IntegratorKind kind : IntegratorKind.values()) {
            for (int steps : new int[] {1, 2, 3, 10}) for (boolean singular : new boolean[] {true, false}) {
                Integrator in = kind.create(Kernels.scalar());
                Spy spy = new Spy(0.5, Integer.MAX_VALUE);
                float[] x = {1, 2, 3, 4};
                int spent = in.integrate(spy, IP, new Uniform().grid(steps), singular, x, 0, new float[4], StepObserver.NONE);
                String what = kind + " K = " + steps + " singular = " + singular;
                assertEquals(spy.combines, spent, what + ": returned count");
                if (kind.adaptive()) {
                    int ontoOne = ((Bs3Adaptive) in).attemptsOntoOne();
                    assertEquals(singular ? 1 : 0, Math.min(ontoOne, 1), what + ": a singular target's last step is attempted");
                    assertEquals(1 + 3 * (in.accepted() + in.rejected()) - ontoOne, spent, what + ": from the steps");
                    assertEquals(-1, in.evaluations(steps, singular), what);
                    continue;
                }
                assertEquals(in.evaluations(steps, singular), spent, what + ": evaluations()");
                assertEquals(kind.evaluations(steps, singular), spent, what + ": IntegratorKind.evaluations");
            }
        }
    }

    /**
     * bs3a's accepted-step hook sees each accepted step once, in order, at its end: as many as
     * accepted() counts, strictly increasing, every output point among them, the last at τ = 1; on the
     * GM and on CW (whose step onto τ = 1 is judged without an evaluation there), with rejections on the way.
     */
    @Test
    void bs3aTellsItsHookEveryAcceptedStep() {
        int d = 64;
        double[] grid = new Uniform().grid(3);
        org.phaseflow.model.Target[] targets = {org.phaseflow.model.TwoModeMixture.ones(d, 0.8, 1, 0.1), new CurieWeiss(d, 2, Paper.H)};
        for (org.phaseflow.model.Target target : targets) {
            Bs3Adaptive in = new Bs3Adaptive(Kernels.scalar(), new Tolerances(1e-4, 1e-6, ErrorNorm.RMS), List.of());
            List<Double> ends = new ArrayList<>();
            in.onAccepted(ends::add);
            int rejected = 0;
            for (int p = 0; p < 4; p++) {
                ends.clear();
                float[] x = new float[d];
                org.phaseflow.ensemble.Ensemble.noise(5, p, 1, x, 0, d);
                int spent = in.integrate(target.field(IP, Kernels.scalar()), IP, grid, target.singularAtOne(), x, 0, new float[d], StepObserver.NONE);
                String what = target.model() + " particle " + p;
                assertEquals(in.accepted(), ends.size(), what + ": one call per accepted step");
                assertEquals(1 + 3 * (ends.size() + in.rejected()) - in.attemptsOntoOne(), spent, what + ": the steps the evaluations paid for");
                assertEquals(1.0, ends.get(ends.size() - 1), 0, what + ": the last ends at τ = 1");
                for (int i = 1; i < ends.size(); i++) assertTrue(ends.get(i) > ends.get(i - 1), what + ": in order, " + ends);
                for (double t : grid) assertTrue(t == 0 || ends.contains(t), what + ": the output point " + t + " ends a step");
                assertTrue(ends.size() > grid.length, what + ": the controller steps inside the intervals: " + ends);
                rejected += in.rejected();
            }
            assertTrue(rejected > 0, target.model() + ": a rejected step is never reported, and some were rejected");
        }
        Bs3Adaptive quiet = new Bs3Adaptive(Kernels.scalar(), Tolerances.DEFAULT, List.of()).onAccepted(null);
        float[] x = {1, 2, 3, 4};
        quiet.integrate(new Spy(0.5, Integer.MAX_VALUE), IP, grid, false, x, 0, new float[4], StepObserver.NONE);   // nobody watching: no call
        assertTrue(quiet.accepted() > 0);
    }

    /** BS3's error observer sees the estimate of every step but the last, after the step, at its end τ. */
    @Test
    void bs3ReportsEveryStepsErrorEstimateButTheLast() {
        double[] grid = new Uniform().grid(6);
        List<Double> seen = new ArrayList<>();
        Bs3 bs3 = new Bs3(Kernels.scalar(), (k, tau, h, err, x, off) -> {
            assertEquals(grid[k], tau);
            assertEquals(grid[k] - grid[k - 1], h, 1e-15);
            double e = 0;
            for (int i = 0; i < 4; i++) e += err[i] * err[i];
            assertTrue(e > 0 && Math.sqrt(e) < 0.1 * h, "estimate " + Math.sqrt(e) + " at step " + k);
            seen.add(tau);
        });
        float[] x = {1, 2, 3, 4};
        int spent = bs3.integrate(new Spy(0.5, Integer.MAX_VALUE), IP, grid, false, x, 0, new float[4], StepObserver.NONE);
        assertEquals(5, seen.size());
        assertEquals(18, spent);
    }

    /** The adaptive scheme's one-line refusals: tolerances, and a step size that collapses. */
    @Test
    void toleranceRefusals() {
        assertEquals("--rtol must be a finite number ≥ 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Tolerances(-1, 1e-6)).getMessage());
        assertEquals("--atol must be a finite number ≥ 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Tolerances(1e-3, Double.NaN)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Tolerances(0, 0)).getMessage().contains("both 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Tolerances(1e-9, 0)).getMessage().contains("float precision"));
    }

    /** On a linear field each scheme is its textbook formula. */
    @Test
    void stepFormulasOnALinearField() {
        double[] grid = {0, 0.25, 0.5};
        double c = 0.5;
        for (Integrator in : new Integrator[] {new Euler(), new Heun(Kernels.scalar()), new Ddim(), new Dpm2m(Kernels.scalar()), new Bs3(Kernels.scalar())}) {
            float[] x = {1, 2, 3, 4};
            in.integrate(new Spy(c, Integer.MAX_VALUE), IP, grid, false, x, 0, new float[4], StepObserver.NONE);
            double g = 1, before = 1;   // before: the multiplier of the previous grid point
            for (int k = 0; k < 2; k++) {
                double t0 = grid[k], t1 = grid[k + 1], h = t1 - t0;
                double v0 = c + IP.aDa(t0), v1 = c + IP.aDa(t1);   // velocity per unit x
                double rho = IP.a(t1) / IP.a(t0), ddim = rho + (t1 - t0 * rho) * c;
                double next = switch (in.id()) {
                    case "euler" -> g * (1 + h * v0);
                    case "heun" -> g * (1 + 0.5 * h * (v0 + v1 * (1 + h * v0)));
                    case "dpm2m" -> k == 0 ? g * ddim
                            : g * ddim + Dpm2m.slopeWeight(IP, t0, t1) / (t0 - grid[k - 1]) * (c * g - c * before);
                    case "bs3" -> {   // b = v(τ)·x: each stage multiplies x by a number
                        double vm = c + IP.aDa(t0 + h / 2), v3 = c + IP.aDa(t0 + 0.75 * h);
                        double s2 = vm * (1 + h / 2 * v0), s3 = v3 * (1 + 0.75 * h * s2);
                        yield g * (1 + h * (2.0 / 9 * v0 + 1.0 / 3 * s2 + 4.0 / 9 * s3));
                    }
                    default -> g * ddim;
                };
                before = g;
                g = next;
            }
            for (int i = 0; i < 4; i++) assertEquals(g * (i + 1), x[i], 1e-6 * (i + 1), in.id());
        }
    }

    /** DPM2M's slope weight e_k = a_{k+1}·∫(τ − τ_k)·d(τ/a) against quadrature, and its value Δτ on a last step to a = 0. */
    @Test
    void dpm2mSlopeWeightMatchesQuadrature() {
        for (Shape shape : Shape.values()) for (double s0 : new double[] {1, 7}) {
            Interpolant ip = new Interpolant(shape, Family.VE, s0);
            for (double[] iv : new double[][] {{0, 0.1}, {0.3, 0.35}, {0.9, 0.99}, {0.98, 0.999}}) {
                double t0 = iv[0], t1 = iv[1], n = 200000, sum = 0, dt = (t1 - t0) / n;
                for (int i = 0; i < n; i++) {   // midpoint rule on (τ − τ_k)·ρ'(τ), ρ' = (a − τa')/a²
                    double t = t0 + (i + 0.5) * dt, a = ip.a(t);
                    sum += (t - t0) * (a - t * ip.da(t)) / (a * a) * dt;
                }
                double expected = ip.a(t1) * sum;
                assertEquals(expected, Dpm2m.slopeWeight(ip, t0, t1), 1e-6 * expected, shape + " s0 = " + s0 + " on " + t0 + ".." + t1);
            }
            assertEquals(0.25, Dpm2m.slopeWeight(ip, 0.75, 1), 0.0, shape + ": the last step extrapolates η over Δτ");
        }
    }

    @Test
    void observerSeesEveryStep() {
        double[] grid = new Uniform().grid(5);
        List<Double> seen = new ArrayList<>();
        float[] x = {1, 1, 1, 1};
        new Euler().integrate(new Spy(0.1, Integer.MAX_VALUE), IP, grid, false, x, 0, new float[4], (k, tau, mean, xs, off) -> {
            assertEquals(seen.size(), k);
            assertEquals(grid[k], tau);
            assertEquals(Spy.mean(xs, off), mean, 1e-7);
            seen.add(tau);
        });
        assertEquals(6, seen.size());
    }

    @Test
    void nonFiniteGuardNamesStepTauAndParticle() {
        double[] grid = new Uniform().grid(8);
        NonFiniteGuard guard = new NonFiniteGuard();
        guard.start(17);
        Spy spy = new Spy(0.5, 3);   // NaN from the fourth evaluation on
        float[] x = {1, 2, 3, 4};
        NonFiniteGuard.NonFiniteException e = assertThrows(NonFiniteGuard.NonFiniteException.class,
                () -> new Euler().integrate(spy, IP, grid, false, x, 0, new float[4], guard));
        assertEquals("non-finite state at step 4 (τ = 0.5) in particle 17", e.getMessage());
        // an infinity is stopped too
        guard.start(2);
        NonFiniteGuard.NonFiniteException inf = assertThrows(NonFiniteGuard.NonFiniteException.class,
                () -> guard.step(6, 0.75, Double.POSITIVE_INFINITY, x, 0));
        assertTrue(inf.getMessage().contains("step 6") && inf.getMessage().contains("particle 2"), inf.getMessage());
        guard.step(1, 0.1, 0.3, x, 0);   // finite: no exception
    }

    @Test
    void integratorsByName() {
        for (IntegratorKind k : IntegratorKind.values()) assertEquals(k.toString(), k.create(Kernels.scalar()).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.phaseflow.config.Names.parse(IntegratorKind.class, "--integrator", "rk4"));
        assertEquals("--integrator 'rk4' is not allowed (allowed: euler, heun, ddim, dpm2m, bs3, bs3a)", e.getMessage());
        assertArrayEquals(new int[] {10, 20, 19, 10}, new int[] {new Euler().evaluations(10, true), new Heun(Kernels.scalar()).evaluations(10, false),
            new Heun(Kernels.scalar()).evaluations(10, true), new Ddim().evaluations(10, true)});
    }

    /**
     * CW VE: the magnetisation forms in the last 1 − τ ~ 1/s0, inside bs3a's step onto the singular
     * τ = 1. That step is judged by its three-stage estimate, so on one output interval at rtol 1e-4
     * m̂ is the exact m within 3 standard errors of exact sampling (measured at N = 200: 0.95752
     * against m = 0.95750; when the step was taken unjudged, 0.96172, and 0.9988 at d = 10⁴ with the
     * default rtol, every particle crossing the window in that one step).
     */
    @Test
    void bs3aJudgesItsStepOntoASingularEnd() {
        int d = 2000, n = 64;
        CurieWeiss cw = new CurieWeiss(d, Paper.BETA, Paper.H);
        Interpolant ip = Interpolant.of(Shape.LINEAR, Family.VE, d);
        Bs3Adaptive in = new Bs3Adaptive(Kernels.scalar(), new Tolerances(1e-4, 1e-6, ErrorNorm.RMS), List.of());
        ExactField f = cw.field(ip, Kernels.scalar());
        float[] x = new float[d];
        double m = 0;
        int rejectedOntoOne = 0;
        for (int p = 0; p < n; p++) {
            org.phaseflow.ensemble.Ensemble.noise(3, p, ip.s0(), x, 0, d);
            in.integrate(f, ip, new Uniform().grid(1), true, x, 0, new float[d], StepObserver.NONE);
            m += cw.outcome(x, 0).low() / n;
            rejectedOntoOne += in.attemptsOntoOne() - 1;
        }
        org.phaseflow.model.Feature mag = cw.lowFeatures().get(0);
        assertEquals(mag.exact(), m, 3 * mag.noiseStandardError(n), "m̂ against m");
        assertTrue(rejectedOntoOne > 0, "the step onto τ = 1 was rejected at least once");
    }

    /**
     * Heun on CW, the two-mode GM and isotropic mixtures (numbers for means, and one to five vector means,
     * so that the kernel's chunks of four, two and one are each used): the field's fused second stage (one
     * pass, FlowKernels.cwStepOnto, affineOnesOnto, mixtureIsoStepOnto) gives the state and the step means
     * of the three passes it replaces, bit for bit, with either kernel, VP and VE.
     */
    @Test
    void heunsFusedStageEqualsItsThreePasses() {
        int d = 1001;
        double[] grid = new Uniform().grid(12);
        List<org.phaseflow.model.Target> targets = new ArrayList<>(List.of(new CurieWeiss(d, Paper.BETA, Paper.H),
                org.phaseflow.model.TwoModeMixture.ones(d, 0.8, 1, 0.1)));
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int vectors : new int[] {0, 1, 3, 5}) {
            int nc = vectors + 2;
            float[][] mu = new float[nc][d];
            double[] pi = new double[nc], sigma = new double[nc];
            for (int c = 0; c < nc; c++) {
                pi[c] = 1.0 / nc;
                sigma[c] = 0.1 + 0.05 * c;
                for (int i = 0; i < d; i++) mu[c][i] = c < vectors ? (float) r.nextGaussian() : (c % 2 == 0 ? 1f : -0.5f);
            }
            targets.add(org.phaseflow.model.GaussianMixture.isotropic(pi, mu, sigma));
        }
        for (org.phaseflow.model.Target target : targets) {
            for (org.phaseflow.kernel.FlowKernels k : List.of(Kernels.scalar(), Kernels.preferred())) {
                for (Family family : Family.values()) {
                    Interpolant ip = Interpolant.of(Shape.LINEAR, family, d);
                    float[] a = new float[d];
                    org.phaseflow.ensemble.Ensemble.noise(7, 3, ip.s0(), a, 0, d);
                    float[] b = a.clone();
                    ExactField fused = target.field(ip, k), inner = target.field(ip, k);
                    ExactField passes = new ExactField() {   // prepare and combine only: combineOnto takes its three passes
                        @Override public double prepare(double tau, float[] x, int off) { return inner.prepare(tau, x, off); }

                        @Override public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
                            return inner.combine(x, xo, out, oo, cx, cEta, cKappa, tauNext);
                        }
                    };
                    List<Double> meansA = new ArrayList<>(), meansB = new ArrayList<>();
                    boolean singular = target.singularAtOne();
                    int ea = new Heun(k).integrate(fused, ip, grid, singular, a, 0, new float[d], (step, tau, m, x, off) -> meansA.add(m));
                    int eb = new Heun(k).integrate(passes, ip, grid, singular, b, 0, new float[d], (step, tau, m, x, off) -> meansB.add(m));
                    String what = target.getClass().getSimpleName() + " " + targets.indexOf(target) + " " + k.name() + " " + family;
                    assertArrayEquals(b, a, what + ": final state");
                    assertEquals(meansB, meansA, what + ": the mean after every step");
                    assertEquals(eb, ea, what + ": evaluations");
                }
            }
        }
    }
}
