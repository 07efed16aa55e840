package org.phaseflow.model;

import org.phaseflow.config.Paper;
import org.phaseflow.config.TargetConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;

/**
 * The exact fields against a direct double-precision evaluation of the formulas of docs/mathematics.md §1–§3
 * (GM: log-sum-exp weights, η, ε; CW: L, P, η, ε = (x − τη)/a), read through
 * {@code combine} with coefficients that isolate η (cx = 0, cη = 1, cκ = 0) and κ = ε/a (cx = 0,
 * cη = 0, cκ = 1), and one mixed combination, at several τ up to 0.999, for VP and VE, trig and
 * linear, with the vector and the scalar kernels.
 *
 * <p>Tolerance per element: the engine works in float, so each input to an element (the reductions
 * behind the weights, the float coefficients, tanh) may carry a relative error of 1e-6; the bound is
 * 1e-5 of the magnitude of the terms that make up the element, plus the propagated effect of a
 * 1e-6 relative error in every reduction on the mixture weights / mode probability (computed from
 * the reference's own derivatives). A wrong formula misses by O(1).
 */
class FieldsTest {
    static final int D = 1000;
    static final double[] TAUS = {0.001, 0.03, 0.3, 0.7, 0.999};
    static final double REL = 1e-6, TERM_TOL = 1e-5;
    static final FlowKernels[] KERNELS = {Kernels.vector(), Kernels.scalar()};

    static List<Interpolant> interpolants() {
        List<Interpolant> l = new ArrayList<>();
        for (Family f : Family.values()) for (Shape s : Shape.values()) l.add(Interpolant.of(s, f, D));
        return l;
    }

    /** The reference field: η and κ per coordinate, with per-coordinate tolerances. */
    record Reference(double[] eta, double[] kappa, double[] etaTol, double[] kappaTol) {}

    // ---- Gaussian mixture reference --------------------------------------------------------------

    static Reference gmReference(double[] pi, double[][] mu, double[][] var, Interpolant ip, double tau, float[] xf) {
        int c = pi.length, D = xf.length;
        double a = ip.a(tau), a2 = a * a;
        double[] logit = new double[c], ssd = new double[c];
        double absProj = 0;
        for (int i = 0; i < D; i++) absProj += Math.abs(xf[i]);
        double piSum = 0;
        for (double p : pi) piSum += p;
        for (int k = 0; k < c; k++) {
            double l = Math.log(pi[k] / piSum);
            for (int i = 0; i < D; i++) {
                double v = a2 + tau * tau * var[k][i], dl = xf[i] - tau * mu[k][i];
                ssd[k] += dl * dl / v;
                l -= 0.5 * (dl * dl / v + Math.log(v));
            }
            logit[k] = l;
        }
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (double l : logit) max = Math.max(max, l);
        for (double l : logit) z += Math.exp(l - max);
        double[] w = new double[c];
        double dLogit = 0;   // a 1e-6 relative error in every reduction, as a logit error
        for (int k = 0; k < c; k++) {
            w[k] = Math.exp(logit[k] - max) / z;
            double muScale = 0;
            for (int i = 0; i < D; i++) muScale = Math.max(muScale, Math.abs(mu[k][i]));
            double vMin = a2 + tau * tau * min(var[k]);
            dLogit = Math.max(dLogit, REL * ssd[k] + REL * tau * muScale * absProj / vMin);
        }
        double[] eta = new double[D], kappa = new double[D], etaTol = new double[D], kappaTol = new double[D];
        for (int i = 0; i < D; i++) {
            double[] ec = new double[c], kc = new double[c];
            double eTerms = 0, kTerms = 0;
            for (int k = 0; k < c; k++) {
                double v = a2 + tau * tau * var[k][i], dl = xf[i] - tau * mu[k][i];
                ec[k] = mu[k][i] + tau * var[k][i] / v * dl;
                kc[k] = dl / v;
                eta[i] += w[k] * ec[k];
                kappa[i] += w[k] * kc[k];
                eTerms += w[k] * (Math.abs(mu[k][i]) * (1 + tau * tau * var[k][i] / v) + tau * var[k][i] / v * Math.abs(xf[i]));
                kTerms += w[k] * (Math.abs(xf[i]) + tau * Math.abs(mu[k][i])) / v;
            }
            double eW = 0, kW = 0;   // effect of the weights' error: δw_k ≤ 2·w_k·δlogit
            for (int k = 0; k < c; k++) {
                eW += 2 * w[k] * dLogit * Math.abs(ec[k] - eta[i]);
                kW += 2 * w[k] * dLogit * Math.abs(kc[k] - kappa[i]);
            }
            etaTol[i] = TERM_TOL * eTerms + eW;
            kappaTol[i] = TERM_TOL * kTerms + kW;
        }
        return new Reference(eta, kappa, etaTol, kappaTol);
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    // ---- Curie–Weiss reference -------------------------------------------------------------------

    static Reference cwReference(double beta, double h, Interpolant ip, double tau, float[] xf) {
        int D = xf.length;
        double m = CurieWeiss.magnetisation(beta), a = ip.a(tau), a2 = a * a, r = tau / a2;
        double[] th = new double[D];
        double bigL = 2 * h * m, dL = 0;
        for (int i = 0; i < D; i++) {
            th[i] = Math.tanh(r * xf[i]);
            double lr = Math.log((1 + m * th[i]) / (1 - m * th[i]));
            bigL += lr;
            double dth = REL * (Math.abs(th[i]) + (1 - th[i] * th[i]) * Math.abs(r * xf[i]));
            dL += REL * Math.abs(lr) + 2 * m / (1 - m * m * th[i] * th[i]) * dth;
        }
        double p = 1 / (1 + Math.exp(-bigL)), dP = 0.25 * dL;
        double[] eta = new double[D], kappa = new double[D], etaTol = new double[D], kappaTol = new double[D];
        for (int i = 0; i < D; i++) {
            double t = th[i];
            double plus = (m + t) / (1 + m * t), minus = (t - m) / (1 - m * t);
            eta[i] = p * plus + (1 - p) * minus;
            kappa[i] = (xf[i] - tau * eta[i]) / a2;
            double dth = REL * (Math.abs(t) + (1 - t * t) * Math.abs(r * xf[i]));
            double dEtaDth = p * (1 - m * m) / sq(1 + m * t) + (1 - p) * (1 - m * m) / sq(1 - m * t);
            double dEta = Math.abs(plus - minus) * dP + dEtaDth * dth;
            etaTol[i] = TERM_TOL * (p * Math.abs(plus) + (1 - p) * Math.abs(minus)) + dEta;
            kappaTol[i] = TERM_TOL * (Math.abs(xf[i]) + tau * Math.abs(eta[i])) / a2 + tau * dEta / a2;
        }
        return new Reference(eta, kappa, etaTol, kappaTol);
    }

    static double sq(double v) { return v * v; }

    // ---- the field read through combine --------------------------------------------------------------

    /** out = cx·x + cη·η + cκ·κ from the engine, the particle placed at offset {@code off}. */
    static float[] combine(ExactField f, double tau, float[] x, double cx, double ce, double ck) {
        int off = 3, D = x.length;
        float[] buf = new float[D + off];
        System.arraycopy(x, 0, buf, off, D);
        double mean = f.prepare(tau, buf, off);
        double sum = 0;
        for (float v : x) sum += v;
        assertTrue(Math.abs(mean - sum / D) <= 1e-6 * (1 + Math.abs(sum / D)) + 1e-6, "prepare returns the mean coordinate");
        float[] out = new float[D];
        f.combine(buf, off, out, 0, cx, ce, ck, Double.NaN);
        return out;
    }

    static void compare(String what, ExactField f, Reference ref, double tau, float[] x) {
        float[] eta = combine(f, tau, x, 0, 1, 0);
        float[] kappa = combine(f, tau, x, 0, 0, 1);
        float[] mixed = combine(f, tau, x, 2, 0.5, -0.25);
        for (int i = 0; i < x.length; i++) {
            check(what + " η", i, ref.eta[i], eta[i], ref.etaTol[i]);
            check(what + " κ", i, ref.kappa[i], kappa[i], ref.kappaTol[i]);
            double m = 2 * x[i] + 0.5 * ref.eta[i] - 0.25 * ref.kappa[i];
            double mTol = 2 * Math.ulp(2 * x[i]) + 0.5 * ref.etaTol[i] + 0.25 * ref.kappaTol[i] + TERM_TOL * Math.abs(2 * x[i]);
            check(what + " 2x + η/2 − κ/4", i, m, mixed[i], mTol);
        }
    }

    static void check(String what, int i, double expected, double actual, double tol) {
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + " at coordinate " + i + ": engine " + actual + ", reference " + expected + " (allowed " + tol + ")");
        }
    }

    /** x = a(τ)·z + τ·x1 with x1 drawn from the target, or pure noise a(τ)·z. */
    static float[] state(Target t, Interpolant ip, double tau, SplittableRandom r, boolean fromTarget) {
        int D = t.dim();
        float[] x1 = new float[D], x = new float[D];
        if (fromTarget) t.sampleTarget(r, x1, 0);
        double a = ip.a(tau);
        for (int i = 0; i < D; i++) x[i] = (float) (a * r.nextGaussian() + tau * x1[i]);
        return x;
    }

    static double[][] muOf(float[][] mu) {
        double[][] d = new double[mu.length][];
        for (int k = 0; k < mu.length; k++) {
            d[k] = new double[mu[k].length];
            for (int i = 0; i < d[k].length; i++) d[k][i] = mu[k][i];
        }
        return d;
    }

    static double[][] constant(int c, double v) {
        return constant(c, D, v);
    }

    static double[][] constant(int c, int dim, double v) {
        double[][] d = new double[c][dim];
        for (double[] row : d) java.util.Arrays.fill(row, v);
        return d;
    }

    // ---- tests ------------------------------------------------------------------------------------

    @Test
    void twoModeMixtureMatchesReference() {
        SplittableRandom r = new SplittableRandom(21);
        double p = 0.8, m = 1, sigma = 0.1;
        for (TwoModeMixture gm : new TwoModeMixture[] {TwoModeMixture.ones(D, p, m, sigma), TwoModeMixture.randomDirection(D, p, m, sigma, 4)}) {
            double[][] mu = new double[2][D];
            for (int i = 0; i < D; i++) {
                double u = gm.u() == null ? 1 : gm.u()[i];
                mu[0][i] = m * u;
                mu[1][i] = -m * u;
            }
            for (Interpolant ip : interpolants()) {
                for (double tau : TAUS) {
                    for (boolean fromTarget : new boolean[] {true, false}) {
                        float[] x = state(gm, ip, tau, r, fromTarget);
                        Reference ref = gmReference(new double[] {p, 1 - p}, mu, constant(2, sigma * sigma), ip, tau, x);
                        for (FlowKernels k : KERNELS) {
                            compare("two-mode GM (u " + (gm.u() == null ? "ones" : "random") + ", " + ip + ", τ = " + tau + ", "
                                    + k.name() + ")", gm.field(ip, k), ref, tau, x);
                        }
                    }
                }
            }
        }
    }

    /** Near τ = 1/√d the mode weight is undecided: the weights themselves (not only their limit) are tested. */
    @Test
    void twoModeMixtureAtTheModeChoiceWindow() {
        SplittableRandom r = new SplittableRandom(22);
        TwoModeMixture gm = TwoModeMixture.randomDirection(D, 0.8, 1, 0.3, 8);
        double[][] mu = new double[2][D];
        for (int i = 0; i < D; i++) {
            mu[0][i] = gm.u()[i];
            mu[1][i] = -gm.u()[i];
        }
        Interpolant ip = Interpolant.of(Shape.TRIG, Family.VP, D);
        int mixed = 0;
        for (int j = 0; j < 20; j++) {
            double tau = 1 / Math.sqrt(D);
            float[] x = state(gm, ip, tau, r, j % 2 == 0);
            Reference ref = gmReference(new double[] {0.8, 0.2}, mu, constant(2, 0.09), ip, tau, x);
            float[] eta = combine(gm.field(ip, Kernels.vector()), tau, x, 0, 1, 0);
            for (int i = 0; i < D; i++) check("two-mode GM at τ = 1/√d, η", i, ref.eta[i], eta[i], ref.etaTol[i]);
            double proj = 0;
            for (int i = 0; i < D; i++) proj += gm.u()[i] * x[i];
            double v = ip.a(tau) * ip.a(tau) + tau * tau * 0.09;
            double s = Math.tanh(0.5 * Math.log(4) + tau * proj / v);   // E[sign | x]
            if (Math.abs(s) < 0.9) mixed++;
        }
        assertTrue(mixed >= 5, "only " + mixed + " of 20 states had undecided weights: the window test tests nothing");
    }

    @Test
    void generalMixturesMatchReference() {
        SplittableRandom r = new SplittableRandom(23);
        // isotropic three components with unequal σ, and a diagonal three-component mixture
        float[][] mu = new float[3][D];
        float[][] sig = new float[3][D];
        for (int i = 0; i < D; i++) {
            mu[0][i] = (float) r.nextGaussian();
            mu[1][i] = (float) (0.5 * r.nextGaussian());
            mu[2][i] = (float) (0.05 * i / D);
            for (int k = 0; k < 3; k++) sig[k][i] = (float) (0.05 + 0.5 * r.nextDouble());
        }
        double[] pi = {0.5, 0.3, 0.2};
        GaussianMixture iso = GaussianMixture.isotropic(pi, mu, new double[] {0.1, 0.3, 0.2});
        GaussianMixture diag = GaussianMixture.diagonal(pi, mu, sig);
        double[][] isoVar = new double[3][D], diagVar = new double[3][D];
        double[] s = {0.1, 0.3, 0.2};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < D; i++) {
                isoVar[k][i] = (float) (s[k] * s[k]);   // the engine keeps σ² in float
                diagVar[k][i] = sig[k][i] * sig[k][i];   // float product, as the engine keeps σ²
            }
        }
        for (Interpolant ip : interpolants()) {
            for (double tau : TAUS) {
                for (boolean fromTarget : new boolean[] {true, false}) {
                    float[] x = state(iso, ip, tau, r, fromTarget);
                    Reference ref = gmReference(pi, muOf(mu), isoVar, ip, tau, x);
                    for (FlowKernels k : KERNELS) compare("isotropic 3-GM (" + ip + ", τ = " + tau + ", " + k.name() + ")", iso.field(ip, k), ref, tau, x);
                    x = state(diag, ip, tau, r, fromTarget);
                    ref = gmReference(pi, muOf(mu), diagVar, ip, tau, x);
                    for (FlowKernels k : KERNELS) compare("diagonal 3-GM (" + ip + ", τ = " + tau + ", " + k.name() + ")", diag.field(ip, k), ref, tau, x);
                }
            }
        }
    }

    /**
     * In low dimension the component weights stay undecided over most of [0, 1], so the log-sum-exp
     * weights (log π, the distances and the log-determinants of unequal σ) are tested, not only
     * their saturated limit.
     */
    @Test
    void generalMixtureWeightsInLowDimension() {
        SplittableRandom r = new SplittableRandom(27);
        for (int d : new int[] {1, 5, 17}) {
            float[][] mu = new float[3][d], sig = new float[3][d];
            for (int i = 0; i < d; i++) {
                mu[0][i] = 0.5f;
                mu[1][i] = (float) (0.3 * r.nextGaussian());
                mu[2][i] = -0.4f;
                sig[0][i] = 0.2f;
                sig[1][i] = (float) (0.3 + 0.6 * r.nextDouble());
                sig[2][i] = 1.2f;
            }
            double[] pi = {0.2, 0.5, 0.3};
            GaussianMixture diag = GaussianMixture.diagonal(pi, mu, sig);
            double[][] var = new double[3][d];
            for (int k = 0; k < 3; k++) for (int i = 0; i < d; i++) var[k][i] = sig[k][i] * sig[k][i];
            int undecided = 0;
            for (Interpolant ip : List.of(Interpolant.of(Shape.TRIG, Family.VP, d), Interpolant.of(Shape.LINEAR, Family.VE, d))) {
                for (double tau : new double[] {0.1, 0.3, 0.5, 0.7, 0.9, 0.999}) {
                    for (int rep = 0; rep < 4; rep++) {
                        float[] x = state(diag, ip, tau, r, true);
                        Reference ref = gmReference(pi, muOf(mu), var, ip, tau, x);
                        for (FlowKernels k : KERNELS) compare("diagonal 3-GM d = " + d + " (" + ip + ", τ = " + tau + ", " + k.name() + ")", diag.field(ip, k), ref, tau, x);
                        if (maxWeight(pi, muOf(mu), var, ip, tau, x) < 0.95) undecided++;
                    }
                }
            }
            assertTrue(undecided >= 10, "d = " + d + ": only " + undecided + " states with undecided weights");
        }
    }

    static double maxWeight(double[] pi, double[][] mu, double[][] var, Interpolant ip, double tau, float[] x) {
        return Arrays.stream(weights(pi, mu, var, ip, tau, x)).max().orElseThrow();
    }

    /** The posterior component weights at I(τ) = x, in double from the formula (§2.7). */
    static double[] weights(double[] pi, double[][] mu, double[][] var, Interpolant ip, double tau, float[] x) {
        double a2 = ip.a(tau) * ip.a(tau), max = Double.NEGATIVE_INFINITY, z = 0, total = Arrays.stream(pi).sum();
        double[] l = new double[pi.length];
        for (int k = 0; k < pi.length; k++) {
            l[k] = Math.log(pi[k] / total);
            for (int i = 0; i < x.length; i++) {
                double v = a2 + tau * tau * var[k][i], dl = x[i] - tau * mu[k][i];
                l[k] -= 0.5 * (dl * dl / v + Math.log(v));
            }
            max = Math.max(max, l[k]);
        }
        for (double v : l) z += Math.exp(v - max);
        for (int k = 0; k < l.length; k++) l[k] = Math.exp(l[k] - max) / z;
        return l;
    }

    /**
     * The fields' posterior weights (the optimizer's mode indicator, §5.8) are the formula's, for
     * isotropic and diagonal components, while undecided (low d) and at every τ.
     */
    @Test
    void mixtureFieldsGiveTheirPosteriorWeights() {
        SplittableRandom r = new SplittableRandom(31);
        int d = 9;
        float[][] mu = new float[3][d], sig = new float[3][d];
        for (int i = 0; i < d; i++) {
            mu[0][i] = 0.5f;
            mu[1][i] = (float) (0.3 * r.nextGaussian());
            mu[2][i] = 0.5f;
            sig[0][i] = 0.2f;
            sig[1][i] = (float) (0.3 + 0.6 * r.nextDouble());
            sig[2][i] = 0.9f;
        }
        double[] pi = {0.2, 0.5, 0.3}, s = {0.2, 0.5, 0.9};
        double[][] diagVar = new double[3][d], isoVar = new double[3][d];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < d; i++) {
                diagVar[k][i] = sig[k][i] * sig[k][i];
                isoVar[k][i] = (float) (s[k] * s[k]);
            }
        }
        GaussianMixture diag = GaussianMixture.diagonal(pi, mu, sig), iso = GaussianMixture.isotropic(pi, mu, s);
        double[] w = new double[3];
        for (Interpolant ip : List.of(Interpolant.of(Shape.TRIG, Family.VP, d), Interpolant.of(Shape.LINEAR, Family.VE, d))) {
            for (double tau : new double[] {0, 0.1, 0.5, 0.9, 1}) {
                for (GaussianMixture g : List.of(diag, iso)) {
                    float[] x = state(g, ip, Math.min(tau, 0.999), r, true);
                    double[] ref = weights(pi, muOf(mu), g == diag ? diagVar : isoVar, ip, tau, x);
                    for (FlowKernels k : KERNELS) {
                        ExactField f = g.field(ip, k);
                        f.prepare(tau, x, 0);
                        assertTrue(f.posteriorWeights(w));
                        for (int c = 0; c < 3; c++) {
                            assertEquals(ref[c], w[c], 1e-5, (g == diag ? "diagonal" : "isotropic") + " weight " + c + " (" + ip + ", τ = " + tau + ", " + k.name() + ")");
                        }
                    }
                }
            }
        }
        ExactField preset = TargetConfig.paper(ModelKind.GM).build(d, 1).field(Interpolant.of(Shape.TRIG, Family.VP, d), Kernels.scalar());
        assertFalse(preset.posteriorWeights(w), "a field that does not compute them says so");
    }

    /** Gaussian fields are finite at τ = 1 (trig: a' diverges, a·a' does not). */
    @Test
    void gaussianFieldAtTauOne() {
        SplittableRandom r = new SplittableRandom(24);
        TwoModeMixture gm = TwoModeMixture.ones(D, 0.8, 1, 0.1);
        double[][] mu = new double[2][D];
        java.util.Arrays.fill(mu[0], 1);
        java.util.Arrays.fill(mu[1], -1);
        for (Interpolant ip : interpolants()) {
            float[] x = state(gm, ip, 1, r, true);
            Reference ref = gmReference(new double[] {0.8, 0.2}, mu, constant(2, 0.01), ip, 1, x);
            compare("two-mode GM at τ = 1 (" + ip + ")", gm.field(ip, Kernels.vector()), ref, 1, x);
            compare("general GM at τ = 1 (" + ip + ")", gm.asGeneral().field(ip, Kernels.vector()), ref, 1, x);
        }
    }

    @Test
    void curieWeissMatchesReference() {
        SplittableRandom r = new SplittableRandom(25);
        for (double beta : new double[] {2, 1.1}) {
            CurieWeiss cw = new CurieWeiss(D, beta, Paper.H);
            for (Interpolant ip : interpolants()) {
                for (double tau : TAUS) {
                    for (boolean fromTarget : new boolean[] {true, false}) {
                        float[] x = state(cw, ip, tau, r, fromTarget);
                        Reference ref = cwReference(beta, Paper.H, ip, tau, x);
                        for (FlowKernels k : KERNELS) {
                            compare("CW β = " + beta + " (" + ip + ", τ = " + tau + ", " + k.name() + ")", cw.field(ip, k), ref, tau, x);
                        }
                    }
                }
            }
        }
    }

    @Test
    void curieWeissIsNeverEvaluatedAtTauOne() {
        CurieWeiss cw = new CurieWeiss(D, 2, Paper.H);
        ExactField f = cw.field(Interpolant.of(Shape.LINEAR, Family.VP, D), Kernels.vector());
        float[] x = new float[D];
        try {
            f.prepare(1.0, x, 0);
            fail("prepare at τ = 1 must refuse: the CW field is singular there");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("singular"), expected.getMessage());
        }
    }

    @Test
    void magnetisationSolvesTheMeanFieldEquation() {
        for (double beta : new double[] {1.01, 1.1, 2, 5}) {
            double m = CurieWeiss.magnetisation(beta);
            assertTrue(m > 0 && Math.abs(m - Math.tanh(beta * m)) < 1e-14, "β = " + beta + ": m = " + m);
        }
        assertTrue(Math.abs(CurieWeiss.magnetisation(2) - 0.9575040240772687) < 1e-12);
        CurieWeiss cw = new CurieWeiss(10, 2, Paper.H);
        double m = cw.m(), h = Paper.H;
        assertTrue(Math.abs(cw.targetHigh() - Math.exp(h * m) / (2 * Math.cosh(h * m))) < 1e-15);
    }

    /** The two-mode fast path and the general mixture agree, step for step, on an Euler-type combination. */
    @Test
    void twoModeFastPathEqualsGeneral() {
        SplittableRandom r = new SplittableRandom(26);
        for (TwoModeMixture gm : new TwoModeMixture[] {TwoModeMixture.ones(D, 0.8, 1, 0.1), TwoModeMixture.randomDirection(D, 0.7, 0.9, 0.3, 5)}) {
            GaussianMixture general = gm.asGeneral();
            double[][] mu = new double[2][D];
            for (int i = 0; i < D; i++) {
                double u = gm.u() == null ? 1 : gm.u()[i];
                mu[0][i] = gm.m() * u;
                mu[1][i] = -gm.m() * u;
            }
            for (Interpolant ip : interpolants()) {
                for (double tau : new double[] {0.01, 0.03, 0.5, 0.999, 1}) {
                    float[] x = state(gm, ip, tau, r, true);
                    double hStep = 0.01, ce = hStep, ck = hStep * ip.aDa(tau);
                    float[] fast = combine(gm.field(ip, Kernels.vector()), tau, x, 1, ce, ck);
                    float[] slow = combine(general.field(ip, Kernels.vector()), tau, x, 1, ce, ck);
                    Reference ref = gmReference(new double[] {gm.p(), 1 - gm.p()}, mu, constant(2, (float) (gm.sigma() * gm.sigma())), ip, tau, x);
                    for (int i = 0; i < D; i++) {
                        double tol = 2 * (ce * ref.etaTol[i] + Math.abs(ck) * ref.kappaTol[i]) + 4 * Math.ulp(Math.abs(x[i]) + 1e-30f);
                        check("fast vs general (" + ip + ", τ = " + tau + ")", i, slow[i], fast[i], tol);
                    }
                }
            }
        }
    }

    /**
     * The forms a mixture reduces to (docs/mathematics.md §2.7–2.8): isotropic with numbers for means (the
     * preset's affine step), isotropic and diagonal with numbers and vectors mixed. A step prepares the
     * next τ from the statistics its kernel accumulates; η there must match the double-precision
     * reference at (τ', out), as a freshly prepared field's does.
     */
    @Test
    void everyMixtureFormPreparesTheNextStepAsTheReference() {
        SplittableRandom r = new SplittableRandom(31);
        double[] pi = {0.45, 0.35, 0.2};
        float[][] scalarMu = new float[3][D], mixedMu = new float[3][D], sig = new float[3][D];
        for (int i = 0; i < D; i++) {
            scalarMu[0][i] = 1f;
            scalarMu[1][i] = -0.8f;
            scalarMu[2][i] = 0.1f;
            mixedMu[0][i] = 1f;
            mixedMu[1][i] = (float) (0.6 * r.nextGaussian());
            mixedMu[2][i] = -0.5f;
            for (int k = 0; k < 3; k++) sig[k][i] = (float) (0.05 + 0.4 * r.nextDouble());
        }
        double[] iso = {0.1, 0.25, 0.15};
        record Form(String name, GaussianMixture g, float[][] mu, double[][] var) {}
        double[][] isoVar = new double[3][D], diagVar = new double[3][D];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < D; i++) {
                isoVar[k][i] = (float) (iso[k] * iso[k]);
                diagVar[k][i] = sig[k][i] * sig[k][i];
            }
        }
        List<Form> forms = List.of(
                new Form("isotropic, scalar means", GaussianMixture.isotropic(pi, scalarMu, iso), scalarMu, isoVar),
                new Form("isotropic, mixed means", GaussianMixture.isotropic(pi, mixedMu, iso), mixedMu, isoVar),
                new Form("diagonal, scalar means", GaussianMixture.diagonal(pi, scalarMu, sig), scalarMu, diagVar),
                new Form("diagonal, mixed means", GaussianMixture.diagonal(pi, mixedMu, sig), mixedMu, diagVar));
        for (Form form : forms) {
            for (Interpolant ip : interpolants()) {
                for (double[] step : new double[][] {{0.01, 0.03}, {0.3, 0.32}, {0.97, 0.999}, {0.99, 1}}) {
                    double t0 = step[0], t1 = step[1], h = t1 - t0;
                    float[] x = state(form.g(), ip, t0, r, true);
                    for (FlowKernels k : KERNELS) {
                        ExactField f = form.g().field(ip, k);
                        f.prepare(t0, x, 0);
                        float[] y = new float[D], eta = new float[D];
                        double mean = f.combine(x, 0, y, 0, 1, h, h * ip.aDa(t0), t1);
                        double sum = 0;
                        for (float v : y) sum += v;
                        assertTrue(Math.abs(mean - sum / D) <= 1e-6 * (1 + Math.abs(sum / D)), form.name() + ": combine returns the mean coordinate");
                        f.combine(y, 0, eta, 0, 0, 1, 0, Double.NaN);
                        Reference ref = gmReference(pi, muOf(form.mu()), form.var(), ip, t1, y);
                        for (int i = 0; i < D; i++) {
                            check(form.name() + " η at the prepared τ' (" + ip + ", " + t0 + " → " + t1 + ", " + k.name() + ")", i,
                                    ref.eta[i], eta[i], ref.etaTol[i]);
                        }
                    }
                }
            }
        }
    }
}
