package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every method of {@link FlowKernels}: the Vector API form against its scalar twin, on lengths below,
 * at, around and far above the vector length, at non-zero offsets and in place.
 *
 * <p>Both forms add in the order of {@link Lanes} and perform the same fused float operations, so
 * where the CPU fuses multiply-adds (always where the vector form is chosen) every result must agree
 * bit for bit. Without FMA the scalar twin rounds twice and the tolerances apply: reductions
 * |vector − scalar| ≤ 1e-6·Σ|terms|, elementwise outputs ≤ 4 float ulp of the terms' magnitude.
 */
class KernelsTest {
    static final int[] LENGTHS = {1, 7, 15, 16, 17, 1000, 4099, 100003};
    static final double REDUCTION_TOL = 1e-6;
    static final float ULPS = 4;

    final FlowKernels scalar = Kernels.scalar();
    final FlowKernels vector = Kernels.vector();

    // ---- helpers ----------------------------------------------------------------------------------

    static float[] gaussian(SplittableRandom r, int n, double mean, double sd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (mean + sd * r.nextGaussian());
        return a;
    }

    static float[] signs(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextBoolean() ? 1f : -1f;
        return a;
    }

    static float[] uniform(SplittableRandom r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return a;
    }

    static void assertReduction(double expected, double actual, double absTerms, String what) {
        if (ScalarKernels.FMA) {
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                fail(what + ": vector " + actual + " vs scalar " + expected + ": not the same bits");
            }
            return;
        }
        double tol = REDUCTION_TOL * absTerms + 1e-30;
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + ": vector " + actual + " vs scalar " + expected + " (difference " + Math.abs(expected - actual)
                    + ", allowed " + tol + " = 1e-6·Σ|terms|)");
        }
    }

    /** Elementwise: within ULPS float ulp of the magnitude {@code scale[i]} of the terms of element i. */
    static void assertElements(float[] expected, int eo, float[] actual, int ao, int n, float[] scale, String what) {
        for (int i = 0; i < n; i++) {
            float e = expected[eo + i], a = actual[ao + i];
            float tol = ScalarKernels.FMA ? 0 : ULPS * Math.ulp(Math.max(Math.abs(e), scale[i]));
            if (tol == 0 ? Float.floatToRawIntBits(e) != Float.floatToRawIntBits(a) : !(Math.abs(e - a) <= tol)) {
                fail(what + ": element " + i + " of " + n + ": vector " + a + " vs scalar " + e + " (allowed " + tol + ")");
            }
        }
    }

    static float[] copy(float[] a) { return Arrays.copyOf(a, a.length); }

    // ---- one check per kernel, for a given length and offsets ---------------------------------------

    void checkSumAndDot(SplittableRandom r, int n, int off) {
        float[] x = gaussian(r, n + off, 0.3, 1), y = gaussian(r, n + off, -0.2, 2);
        double absX = 0, absXY = 0;
        for (int i = 0; i < n; i++) {
            absX += Math.abs(x[off + i]);
            absXY += Math.abs((double) x[off + i] * y[off + i]);
        }
        assertReduction(scalar.sum(x, off, n), vector.sum(x, off, n), absX, "sum n=" + n);
        assertReduction(scalar.dot(x, off, y, off, n), vector.dot(x, off, y, off, n), absXY, "dot n=" + n);
    }

    void checkAffineOnes(SplittableRandom r, int n, int xo, int oo, boolean inPlace) {
        float[] x = gaussian(r, n + Math.max(xo, oo), 0, 1);
        float alpha = 0.93f, beta = -0.37f;
        float[] outS = inPlace ? copy(x) : new float[n + oo], outV = inPlace ? copy(x) : new float[n + oo];
        if (inPlace) oo = xo;
        double sS = scalar.affineOnes(inPlace ? outS : x, xo, outS, oo, n, alpha, beta);
        double sV = vector.affineOnes(inPlace ? outV : x, xo, outV, oo, n, alpha, beta);
        float[] scale = new float[n];
        double abs = 0;
        for (int i = 0; i < n; i++) {
            scale[i] = Math.abs(alpha * x[xo + i]) + Math.abs(beta);
            abs += Math.abs(outS[oo + i]);
        }
        assertElements(outS, oo, outV, oo, n, scale, "affineOnes n=" + n);
        assertReduction(sS, sV, abs, "affineOnes sum n=" + n);

        // written onto y (Heun's second stage and its average, here with c and γ not powers of two so that
        // a product the fma should round once is rounded twice shows): each form equals its own affineOnes,
        // axpby and sum bit for bit, and the two forms agree within the tolerances above
        float c = 0.3f, gamma = 0.7f;
        float[] y = gaussian(r, n + oo, 0.4, 1), ontoScale = new float[n];
        for (int i = 0; i < n; i++) ontoScale[i] = c * scale[i] + gamma * Math.abs(y[oo + i]);
        float[] yS = null;
        double ontoS = 0;
        for (FlowKernels k : new FlowKernels[] {scalar, vector}) {
            float[] w = new float[n + oo], y0 = copy(y), y1 = copy(y);
            double s0 = k.affineOnesOnto(x, xo, y0, oo, n, alpha, beta, c, gamma);
            k.affineOnes(x, xo, w, oo, n, alpha, beta);
            k.axpby(w, oo, y1, oo, n, c, gamma);
            double s1 = k.sum(y1, oo, n);
            assertArrayEquals(y1, y0, k.name() + " affineOnesOnto y n=" + n);
            assertEquals(s1, s0, k.name() + " affineOnesOnto Σy n=" + n);
            if (k == scalar) {
                yS = y0;
                ontoS = s0;
            } else {
                assertElements(yS, oo, y0, oo, n, ontoScale, "affineOnesOnto y n=" + n);
                assertReduction(ontoS, s0, abs + sumAbs(y, oo, n), "affineOnesOnto Σy n=" + n);
            }
        }
    }

    static double sumAbs(float[] a, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs(a[off + i]);
        return s;
    }

    void checkAffine(SplittableRandom r, int n, int xo, int oo, boolean inPlace) {
        float[] x = gaussian(r, n + Math.max(xo, oo), 0, 1), u = signs(r, n);
        float alpha = 1.07f, beta = 0.61f;
        float[] outS = inPlace ? copy(x) : new float[n + oo], outV = inPlace ? copy(x) : new float[n + oo];
        if (inPlace) oo = xo;
        double[] sumsS = new double[2], sumsV = new double[2];
        scalar.affine(inPlace ? outS : x, xo, u, outS, oo, n, alpha, beta, sumsS);
        vector.affine(inPlace ? outV : x, xo, u, outV, oo, n, alpha, beta, sumsV);
        float[] scale = new float[n];
        double abs = 0;
        for (int i = 0; i < n; i++) {
            scale[i] = Math.abs(alpha * x[xo + i]) + Math.abs(beta);
            abs += Math.abs(outS[oo + i]);
        }
        assertElements(outS, oo, outV, oo, n, scale, "affine n=" + n);
        assertReduction(sumsS[0], sumsV[0], abs, "affine u·out n=" + n);
        assertReduction(sumsS[1], sumsV[1], abs, "affine Σout n=" + n);
    }

    void checkAxpby(SplittableRandom r, int n, int xo, int yo) {
        float[] x = gaussian(r, n + xo, 0, 1), y = gaussian(r, n + yo, 1, 1);
        float alpha = 0.5f, beta = -1.25f;
        float[] yS = copy(y), yV = copy(y);
        scalar.axpby(x, xo, yS, yo, n, alpha, beta);
        vector.axpby(x, xo, yV, yo, n, alpha, beta);
        float[] scale = new float[n];
        for (int i = 0; i < n; i++) scale[i] = Math.abs(alpha * x[xo + i]) + Math.abs(beta * y[yo + i]);
        assertElements(yS, yo, yV, yo, n, scale, "axpby n=" + n);

        // linearCombination with one, two and three terms: each form equals its own copy and axpby passes bit
        // for bit (out of place, and in place on y), and the two forms agree within the tolerance above
        float[] k1 = gaussian(r, n, 0, 1), k2 = gaussian(r, n, 0.5, 2), k3 = gaussian(r, n, -1, 1);
        float a1 = 0.3f, a2 = -0.7f, a3 = 1.1f;
        for (int terms = 1; terms <= 3; terms++) {
            float[] t2 = terms > 1 ? k2 : null, t3 = terms > 2 ? k3 : null;
            float[] last = null;
            for (FlowKernels k : new FlowKernels[] {scalar, vector}) {
                float[] passes = copy(y), out = new float[n + xo], inPlace = copy(y);
                k.axpby(k1, 0, passes, yo, n, a1, beta);
                if (t2 != null) k.axpby(t2, 0, passes, yo, n, a2, 1);
                if (t3 != null) k.axpby(t3, 0, passes, yo, n, a3, 1);
                k.linearCombination(y, yo, beta, k1, a1, t2, a2, t3, a3, out, xo, n);
                k.linearCombination(inPlace, yo, beta, k1, a1, t2, a2, t3, a3, inPlace, yo, n);
                String what = k.name() + " linearCombination, " + terms + " terms, n=" + n;
                assertArrayEquals(Arrays.copyOfRange(passes, yo, yo + n), Arrays.copyOfRange(out, xo, xo + n), what);
                assertArrayEquals(passes, inPlace, what + " in place");
                if (last != null) {
                    float[] sc = new float[n];
                    for (int i = 0; i < n; i++) sc[i] = Math.abs(beta * y[yo + i]) + Math.abs(a1 * k1[i]) + Math.abs(a2 * k2[i]) + Math.abs(a3 * k3[i]);
                    assertElements(last, yo, passes, yo, n, sc, "linearCombination " + terms + " terms n=" + n);
                }
                last = passes;
            }
        }
    }

    void checkScale(SplittableRandom r, int n, int xo, int oo) {
        float[] x = gaussian(r, n + xo, 0, 3);
        float[] outS = new float[n + oo], outV = new float[n + oo];
        scalar.scale(x, xo, outS, oo, n, -0.77f);
        vector.scale(x, xo, outV, oo, n, -0.77f);
        float[] scale = new float[n];
        assertElements(outS, oo, outV, oo, n, scale, "scale n=" + n);
    }

    /** The Curie–Weiss passes at the given r, m (x at the scale a VE/VP state has). */
    void checkCurieWeiss(SplittableRandom r, int n, int xo, float rr, float m, double xsd) {
        int block = FlowKernels.logBlock(m);
        float[] x = gaussian(r, n + xo, 0.2 * xsd, xsd);
        float[] thS = new float[n], thV = new float[n];
        double[] sS = new double[2], sV = new double[2];
        scalar.cwLogOdds(x, xo, thS, n, rr, m, block, sS);
        vector.cwLogOdds(x, xo, thV, n, rr, m, block, sV);
        assertElements(thS, 0, thV, 0, n, new float[n], "cwLogOdds tanh n=" + n + " r=" + rr);
        double absLog = 0, absX = 0;
        for (int i = 0; i < n; i++) {
            absLog += Math.abs(ScalarKernels.logRatio(m, thS[i]));
            absX += Math.abs(x[xo + i]);
        }
        assertReduction(sS[0], sV[0], absLog, "cwLogOdds Σlog n=" + n + " r=" + rr);
        assertReduction(sS[1], sV[1], absX, "cwLogOdds Σx n=" + n + " r=" + rr);

        // the fused step, in place, from the same stored tanh
        float alpha = 0.98f, beta = 0.05f, s = 0.6f, rNext = rr * 1.1f;
        float[] xS = copy(x), xV = copy(x);
        thV = copy(thS);
        scalar.cwStep(xS, xo, thS, xS, xo, n, alpha, beta, m, s, rNext, block, sS);
        vector.cwStep(xV, xo, thV, xV, xo, n, alpha, beta, m, s, rNext, block, sV);
        float[] scale = new float[n];
        absLog = 0;
        absX = 0;
        for (int i = 0; i < n; i++) {
            scale[i] = Math.abs(alpha * x[xo + i]) + Math.abs(beta) * 2;   // |η| ≤ 1 up to rounding
            absLog += Math.abs(ScalarKernels.logRatio(m, thS[i]));
            absX += Math.abs(xS[xo + i]);
        }
        assertElements(xS, xo, xV, xo, n, scale, "cwStep out n=" + n + " r=" + rr);
        assertElements(thS, 0, thV, 0, n, new float[n], "cwStep tanh n=" + n + " r=" + rr);
        assertReduction(sS[0], sV[0], absLog, "cwStep Σlog n=" + n + " r=" + rr);
        assertReduction(sS[1], sV[1], absX, "cwStep Σout n=" + n + " r=" + rr);

        // written onto y (Heun's second stage and its average): each form equals its own cwStep, axpby and
        // cwLogOdds bit for bit, and the two forms agree within the tolerances above
        float c = 0.3f, gamma = 0.7f;   // not powers of two, so that a product rounded twice shows
        float[] y = gaussian(r, n + xo, 0.1 * xsd, xsd), ontoScale = new float[n];
        for (int i = 0; i < n; i++) ontoScale[i] = c * scale[i] + gamma * Math.abs(y[xo + i]);
        float[] yS = null, thOntoS = null;
        double[] ontoS = null;
        for (FlowKernels k : new FlowKernels[] {scalar, vector}) {
            float[] th0 = copy(thS), th1 = copy(thS), w = copy(x), y0 = copy(y), y1 = copy(y);
            double[] s0 = new double[2], s1 = new double[2];
            k.cwStepOnto(x, xo, th0, y0, xo, n, alpha, beta, c, gamma, m, s, rNext, block, s0);
            k.cwStep(w, xo, th1, w, xo, n, alpha, beta, m, s, rNext, block, s1);
            k.axpby(w, xo, y1, xo, n, c, gamma);
            k.cwLogOdds(y1, xo, th1, n, rNext, m, block, s1);
            assertArrayEquals(y1, y0, k.name() + " cwStepOnto y n=" + n);
            assertArrayEquals(th1, th0, k.name() + " cwStepOnto tanh n=" + n);
            assertArrayEquals(s1, s0, k.name() + " cwStepOnto sums n=" + n);
            if (k == scalar) {
                yS = y0;
                thOntoS = th0;
                ontoS = s0;
            } else {
                assertElements(yS, xo, y0, xo, n, ontoScale, "cwStepOnto y n=" + n + " r=" + rr);
                assertElements(thOntoS, 0, th0, 0, n, new float[n], "cwStepOnto tanh n=" + n + " r=" + rr);
                assertReduction(ontoS[0], s0[0], absLog * 2, "cwStepOnto Σlog n=" + n + " r=" + rr);
                assertReduction(ontoS[1], s0[1], absX * 2, "cwStepOnto Σy n=" + n + " r=" + rr);
            }
        }
    }

    void checkMixture(SplittableRandom r, int n, int xo, int oo) {
        float[] x = gaussian(r, n + xo, 0.5, 1.5), mu = gaussian(r, n, 0, 1), var = uniform(r, n, 0.01, 0.3);
        float tau = 0.7f, a2 = 0.51f;
        double ssdS = scalar.scaledSquaredDistance(x, xo, mu, var, n, tau, a2);
        double ssdV = vector.scaledSquaredDistance(x, xo, mu, var, n, tau, a2);
        assertReduction(ssdS, ssdV, Math.abs(ssdS), "scaledSquaredDistance n=" + n);   // positive terms

        float[] base = gaussian(r, n + oo, 0, 1);
        float[] outS = copy(base), outV = copy(base);
        float w = 0.3f, ceta = 0.02f, ckappa = -0.015f;
        scalar.mixtureAccumulate(x, xo, mu, var, outS, oo, n, w, tau, a2, ceta, ckappa);
        vector.mixtureAccumulate(x, xo, mu, var, outV, oo, n, w, tau, a2, ceta, ckappa);
        float[] scale = new float[n];
        for (int i = 0; i < n; i++) {
            float g = Math.abs((ceta * tau * var[i] + ckappa) / (a2 + tau * tau * var[i]));
            scale[i] = Math.abs(base[oo + i]) + w * (g * Math.abs(x[xo + i]) + (Math.abs(ceta) + tau * g) * Math.abs(mu[i]));
        }
        assertElements(outS, oo, outV, oo, n, scale, "mixtureAccumulate n=" + n);
    }

    /** The isotropic mixture step with k vector means (k = 0: the affine step with its squares). */
    void checkMixtureIso(SplittableRandom r, int n, int k, int xo, int oo, boolean inPlace) {
        float[] x = gaussian(r, n + Math.max(xo, oo), 0.2, 1.3);
        float[][] mu = new float[k][];
        float[] betas = new float[k];
        for (int j = 0; j < k; j++) {
            mu[j] = gaussian(r, n, 0.1 * j, 1);
            betas[j] = (float) (0.4 * r.nextGaussian());
        }
        float alpha = 0.91f, beta = -0.23f;
        float[] outS = inPlace ? copy(x) : new float[n + oo], outV = inPlace ? copy(x) : new float[n + oo];
        if (inPlace) oo = xo;
        double[] sS = new double[k + 2], sV = new double[k + 2];
        float[] work = new float[FlowKernels.mixtureWork(k)];
        scalar.mixtureIsoStep(inPlace ? outS : x, xo, outS, oo, n, mu, k, alpha, beta, betas, work, sS);
        vector.mixtureIsoStep(inPlace ? outV : x, xo, outV, oo, n, mu, k, alpha, beta, betas, work, sV);
        float[] scale = new float[n];
        double[] abs = new double[k + 2];
        for (int i = 0; i < n; i++) {
            float o = outS[oo + i];
            scale[i] = Math.abs(alpha * x[xo + i]) + Math.abs(beta);
            for (int j = 0; j < k; j++) {
                scale[i] += Math.abs(betas[j] * mu[j][i]);
                abs[j] += Math.abs(o * mu[j][i]);
            }
            abs[k] += o * o;
            abs[k + 1] += Math.abs(o);
        }
        String what = "mixtureIsoStep k=" + k + " n=" + n + " xo=" + xo + " oo=" + oo;
        assertElements(outS, oo, outV, oo, n, scale, what);
        for (int j = 0; j < k + 2; j++) assertReduction(sS[j], sV[j], abs[j], what + " sums[" + j + "]");

        // written onto y: each form equals its own step, axpby and reductions on y bit for bit (c and γ not
        // powers of two), and the two forms agree within the tolerances above
        float c = 0.3f, gamma = 0.7f;
        float[] y = gaussian(r, n + oo, -0.3, 1), yS = null;
        double[] ontoS = null;
        for (FlowKernels kf : new FlowKernels[] {scalar, vector}) {
            float[] w = new float[n + oo], y0 = copy(y), y1 = copy(y);
            double[] s0 = new double[k + 2], s1 = new double[k + 2];
            kf.mixtureIsoStepOnto(x, xo, y0, oo, n, mu, k, alpha, beta, betas, c, gamma, work, s0);
            kf.mixtureIsoStep(x, xo, w, oo, n, mu, k, alpha, beta, betas, work, s1);
            kf.axpby(w, oo, y1, oo, n, c, gamma);
            for (int j = 0; j < k; j++) s1[j] = kf.dot(y1, oo, mu[j], 0, n);
            s1[k] = kf.dot(y1, oo, y1, oo, n);
            s1[k + 1] = kf.sum(y1, oo, n);
            assertArrayEquals(y1, y0, kf.name() + " " + what + " onto y");
            assertArrayEquals(s1, s0, kf.name() + " " + what + " onto sums");
            if (kf == scalar) {
                yS = y0;
                ontoS = s0;
            } else {
                float[] sc = new float[n];
                for (int i = 0; i < n; i++) sc[i] = c * scale[i] + gamma * Math.abs(y[oo + i]);
                assertElements(yS, oo, y0, oo, n, sc, what + " onto");
                for (int j = 0; j < k + 2; j++) {
                    double a = 0;
                    for (int i = 0; i < n; i++) {
                        float o = y0[oo + i];
                        a += j < k ? Math.abs(o * mu[j][i]) : j == k ? o * o : Math.abs(o);
                    }
                    assertReduction(ontoS[j], s0[j], a, what + " onto sums[" + j + "]");
                }
            }
        }
    }

    /** The diagonal mixture step over three components, the second with a number for its mean. */
    void checkMixtureDiag(SplittableRandom r, int n, int xo, int oo, boolean inPlace) {
        int c = 3;
        float[] x = gaussian(r, n + Math.max(xo, oo), -0.1, 1.1);
        float[][] mu = {gaussian(r, n, 0.5, 1), null, gaussian(r, n, -0.3, 0.2)}, var = new float[c][];
        float[] muScalar = {0f, 0.7f, 0f}, w = {0.5f, 0.3f, 0.2f};
        for (int j = 0; j < c; j++) var[j] = uniform(r, n, 0.005, 0.4);
        float cx = 0.98f, tau = 0.6f, a2 = 0.64f, ceta = 0.03f, ckappa = -0.02f, tn = 0.62f, a2n = 0.6156f;
        float[] outS = inPlace ? copy(x) : new float[n + oo], outV = inPlace ? copy(x) : new float[n + oo];
        if (inPlace) oo = xo;
        double[] sS = new double[c + 1], sV = new double[c + 1];
        float[] work = new float[FlowKernels.mixtureWork(c)];
        scalar.mixtureDiagStep(inPlace ? outS : x, xo, outS, oo, n, mu, muScalar, var, c, cx, w, tau, a2, ceta, ckappa, tn, a2n, work, sS);
        vector.mixtureDiagStep(inPlace ? outV : x, xo, outV, oo, n, mu, muScalar, var, c, cx, w, tau, a2, ceta, ckappa, tn, a2n, work, sV);
        float[] scale = new float[n];
        double[] abs = new double[c + 1];
        for (int i = 0; i < n; i++) {
            float o = outS[oo + i];
            scale[i] = Math.abs(cx * x[xo + i]);
            for (int j = 0; j < c; j++) {
                float m = mu[j] == null ? muScalar[j] : mu[j][i], v = a2 + tau * tau * var[j][i], vn = a2n + tn * tn * var[j][i];
                float g = Math.abs((ceta * tau * var[j][i] + ckappa) / v);
                scale[i] += w[j] * (g * Math.abs(x[xo + i]) + (Math.abs(ceta) + tau * g) * Math.abs(m));
                abs[j] += (o - tn * m) * (o - tn * m) / vn;
            }
            abs[c] += Math.abs(o);
        }
        String what = "mixtureDiagStep n=" + n + " xo=" + xo + " oo=" + oo;
        assertElements(outS, oo, outV, oo, n, scale, what);
        for (int j = 0; j < c + 1; j++) assertReduction(sS[j], sV[j], abs[j], what + " sums[" + j + "]");
        float[] var0 = var[0];
        double lS = scalar.logSum(var0, n, tau * tau, a2), lV = vector.logSum(var0, n, tau * tau, a2), absL = 0;
        for (int i = 0; i < n; i++) absL += Math.abs(Math.log(a2 + tau * tau * var0[i]));
        assertReduction(lS, lV, absL, "logSum n=" + n);
    }

    void checkAll(SplittableRandom r, int n) {
        checkSumAndDot(r, n, 0);
        checkSumAndDot(r, n, 5);
        checkAffineOnes(r, n, 0, 0, false);
        checkAffineOnes(r, n, 3, 11, false);
        checkAffineOnes(r, n, 9, 9, true);
        checkAffine(r, n, 0, 0, false);
        checkAffine(r, n, 13, 2, false);
        checkAffine(r, n, 6, 6, true);
        checkAxpby(r, n, 0, 0);
        checkAxpby(r, n, 7, 1);
        checkScale(r, n, 4, 0);
        checkMixture(r, n, 0, 0);
        checkMixture(r, n, 3, 17);
        checkMixtureIso(r, n, 0, 0, 0, false);
        checkMixtureIso(r, n, 0, 9, 9, true);
        checkMixtureIso(r, n, 1, 3, 11, false);
        checkMixtureIso(r, n, 3, 6, 6, true);
        for (int k : new int[] {2, 4, 7, 8}) checkMixtureIso(r, n, k, k, 2 * k, false);   // the means in chunks of 4, 2 and 1
        checkMixtureDiag(r, n, 0, 0, false);
        checkMixtureDiag(r, n, 5, 14, false);
        checkMixtureDiag(r, n, 7, 7, true);
        float m = (float) 0.9575040240772687;   // the paper's β = 2 magnetisation
        checkCurieWeiss(r, n, 0, 1.0f, m, 1.0);          // VP, mid-way
        checkCurieWeiss(r, n, 5, 0.02f, m, 1.0);         // VP, early: small tanh arguments
        checkCurieWeiss(r, n, 2, 3e-3f, m, 30.0);        // VE: large x, small r
        checkCurieWeiss(r, n, 1, 50f, m, 1.0);           // late: tanh saturated
        checkCurieWeiss(r, n, 0, 2f, (float) 0.2, 1.0);  // β = 1.1-like small m (long log blocks)
    }

    // ---- tests ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 7, 15, 16, 17, 1000, 4099, 100003})
    void vectorMatchesScalar(int n) {
        checkAll(new SplittableRandom(1000 + n), n);
    }

    @Test
    void vectorMatchesScalarOnEveryOddLengthUpTo4099() {
        SplittableRandom r = new SplittableRandom(7);
        // every odd length up to 257 (every tail length for up to 16 lanes, 4-way unrolled), then every
        // 31st odd length up to 4099 (the vector form is slow until compiled: keep this cheap)
        for (int n = 1; n <= 4099; n += n < 257 ? 2 : 62) checkAll(r, n);
        checkAll(r, 4099);
    }

    /** d = 10⁵ reductions against a double-precision evaluation, to 1e-6 relative (docs/mathematics.md §4). */
    @Test
    void reductionsAtDimension1e5MatchDoubleReference() {
        reductionsMatchDoubleReference(scalar, vector);
    }

    static void reductionsMatchDoubleReference(FlowKernels... kernels) {
        int d = 100_000;
        SplittableRandom r = new SplittableRandom(11);
        float[] u = signs(r, d);
        float[] x = new float[d];
        for (int i = 0; i < d; i++) x[i] = (float) (0.9 * u[i] + 0.1 * r.nextGaussian());   // a GM sample near μ+
        float[] noise = gaussian(r, d, 0, 1);   // a VP state at τ = 0: Σ small against Σ|x|
        for (FlowKernels k : kernels) {
            double sum = 0, dot = 0, sumN = 0, absN = 0;
            for (int i = 0; i < d; i++) {
                sum += x[i];
                dot += (double) x[i] * u[i];
                sumN += noise[i];
                absN += Math.abs(noise[i]);
            }
            assertRelative(sum, k.sum(x, 0, d), Math.abs(sum), k.name() + " sum");
            assertRelative(dot, k.dot(x, 0, u, 0, d), Math.abs(dot), k.name() + " u·x");
            assertRelative(sumN, k.sum(noise, 0, d), absN, k.name() + " Σ noise (relative to Σ|x|)");

            float[] mu = new float[d], var = new float[d];
            for (int i = 0; i < d; i++) {
                mu[i] = u[i];
                var[i] = 0.01f;
            }
            double ssd = 0;
            float tau = 0.5f, a2 = 0.75f;
            for (int i = 0; i < d; i++) {
                double dl = x[i] - (double) tau * mu[i];
                ssd += dl * dl / (a2 + (double) tau * tau * var[i]);
            }
            assertRelative(ssd, k.scaledSquaredDistance(x, 0, mu, var, d, tau, a2), ssd, k.name() + " scaledSquaredDistance");

            // Curie–Weiss log-odds of a state at τ = 0.5 (VP, linear): r = τ/a² = 2
            float m = (float) 0.9575040240772687, rr = 2f;
            float[] th = new float[d];
            double[] sums = new double[2];
            k.cwLogOdds(x, 0, th, d, rr, m, FlowKernels.logBlock(m), sums);
            double lo = 0, abs = 0;
            for (int i = 0; i < d; i++) {
                double t = FastTanh.tanh(rr * x[i]);   // the kernels' own tanh, so only the reduction is measured
                double v = Math.log((1 + (double) m * t) / (1 - (double) m * t));
                lo += v;
                abs += Math.abs(v);
            }
            assertRelative(lo, sums[0], Math.abs(lo), k.name() + " CW log-odds");
            assertRelative(sum, sums[1], Math.abs(sum), k.name() + " CW Σx");
        }
    }

    static void assertRelative(double expected, double actual, double scale, String what) {
        double rel = Math.abs(actual - expected) / scale;
        assertTrue(rel <= 1e-6, what + ": " + actual + " vs double reference " + expected + ", relative error " + rel);
    }

    /**
     * Fails when the Vector API form was expected but the fallback was chosen: with the incubator
     * module loaded, C2 and FMA on and vectors of at least 128 bits, the start-up choice must be the
     * vector form (unless forced to scalar on purpose).
     */
    @Test
    void vectorFormIsSelectedWhenAvailable() {
        boolean moduleLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertTrue(moduleLoaded, "the tests run with --add-modules jdk.incubator.vector (see pom.xml)");
        int lanes = VectorKernels.L;
        boolean forcedScalar = "scalar".equals(System.getProperty("phaseflow.kernels"));
        String why = Kernels.whyNotVector();
        if (!forcedScalar && why == null && VectorKernels.S.vectorBitSize() >= 128) {
            assertTrue(Kernels.vectorized(), "preferred species has " + lanes + " lanes but kernels are " + Kernels.preferred().name());
            assertTrue(Kernels.preferred() instanceof VectorKernels);
        } else {
            assertEquals("scalar", Kernels.preferred().name(), "fallback because " + why);
        }
        assertEquals("scalar", Kernels.scalar().name());
        assertTrue(Kernels.vector().name().contains(lanes + " lanes"), Kernels.vector().name());
    }

    @Test
    void logBlockKeepsTheProductInFloatRange() {
        for (double m : new double[] {0.0, 0.2, 0.5, 0.9575, 0.999, 0.999999}) {
            int b = FlowKernels.logBlock(m);
            assertTrue(b >= 1 && b <= 16, "block " + b + " for m = " + m);
            double worst = Math.log((1 + m) / (1 - m));
            assertTrue(b * worst <= 60 || b == 1, "block " + b + " for m = " + m + " reaches e^" + b * worst);
            assertTrue(b * worst < Math.log(Float.MAX_VALUE), "product overflows float for m = " + m);
        }
        assertEquals(16, FlowKernels.logBlock(0.2));
        assertEquals(15, FlowKernels.logBlock(0.9575040240772687));   // log(1.9575/0.0425) = 3.83
    }
}
