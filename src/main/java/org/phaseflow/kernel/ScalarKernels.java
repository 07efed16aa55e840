package org.phaseflow.kernel;

import java.util.Arrays;

/**
 * Plain loops, one element at a time: the reading of each kernel, the oracle its vector form is
 * tested against, and the fallback where the Vector API is unavailable. A reduction adds in the
 * order {@link Lanes} defines, which the vector forms follow at every width, so both give the same
 * bits: the aligned head and the tail element by element in double (the range loops below, which
 * also serve the vector forms' heads and tails), the body in 16 float lanes kept in a float[].
 */
public final class ScalarKernels implements FlowKernels {

    /** True when the CPU has fused multiply-add instructions (HotSpot's UseFMA, set by its CPU probe). */
    static final boolean FMA = HotSpotOptions.flag("UseFMA").orElse(false);

    /**
     * a·b + c, fused where the hardware fuses it. Without the instruction Math.fma is computed exactly
     * in BigDecimal, some 500 times slower; a·b + c rounds twice, within the kernels' stated tolerances.
     * FMA is a constant, so the JIT keeps one branch.
     */
    static float fma(float a, float b, float c) { return FMA ? Math.fma(a, b, c) : a * b + c; }

    @Override public String name() { return "scalar"; }

    @Override
    public double sum(float[] x, int xo, int n) {
        int h = Lanes.head(xo, n), body = n - (n - h) % Lanes.ROUND;
        float[] a = Lanes.scratch();   // [0, 64): four accumulators of 16 lanes; [64, 80) the sums, [80, 96) their compensation
        Arrays.fill(a, ROUND, ROUND + 2 * V, 0f);
        for (int i = h; i < body; ) {
            Arrays.fill(a, 0, ROUND, 0f);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += ROUND) {
                for (int k = 0; k < ROUND; k++) a[k] += x[xo + i + k];   // a round: element i + k to accumulator k
            }
            flush4(a);
        }
        return sum(x, xo, 0, h) + ((double) Lanes.tree(a, ROUND) - Lanes.tree(a, ROUND + V)) + sum(x, xo, body, n);
    }

    static final int V = Lanes.V, ROUND = Lanes.ROUND;

    /** One block's four accumulators a[0..64) into the compensated lane sums a[64..80), a[80..96), as the vector forms fold them. */
    private static void flush4(float[] a) {
        for (int j = 0; j < V; j++) {
            float part = ((a[j] + a[V + j]) + (a[2 * V + j] + a[3 * V + j])) - a[ROUND + V + j];
            kahan(a, ROUND + j, part);
        }
    }

    /** acc = a[k], comp = a[k + 16]: acc += y with y already compensated, Kahan's update. */
    private static void kahan(float[] a, int k, float y) {
        float acc = a[k], t = acc + y;
        a[k + V] = (t - acc) - y;
        a[k] = t;
    }

    static double sum(float[] x, int xo, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[xo + i];
        return s;
    }

    @Override
    public double dot(float[] x, int xo, float[] y, int yo, int n) {
        int h = Lanes.head(xo, n), body = n - (n - h) % ROUND;
        float[] a = Lanes.scratch();
        Arrays.fill(a, ROUND, ROUND + 2 * V, 0f);
        for (int i = h; i < body; ) {
            Arrays.fill(a, 0, ROUND, 0f);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += ROUND) {
                for (int k = 0; k < ROUND; k++) a[k] = fma(x[xo + i + k], y[yo + i + k], a[k]);
            }
            flush4(a);
        }
        return dot(x, xo, y, yo, 0, h) + ((double) Lanes.tree(a, ROUND) - Lanes.tree(a, ROUND + V)) + dot(x, xo, y, yo, body, n);
    }

    static double dot(float[] x, int xo, float[] y, int yo, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[xo + i] * y[yo + i];
        return s;
    }

    @Override
    public double affineOnes(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta) {
        return affineOnesWhole(x, xo, out, oo, n, alpha, beta, 1, 0, false);
    }

    @Override
    public double affineOnesOnto(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta, float c, float gamma) {
        return affineOnesWhole(x, xo, y, yo, n, alpha, beta, c, gamma, true);
    }

    /** affineOnes, and with {@code onto} its value averaged into out: out_i = fma(o_i, c, γ·out_i), summed as written. */
    private static double affineOnesWhole(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta,
                                          float c, float gamma, boolean onto) {
        int h = Lanes.head(oo, n), body = n - (n - h) % ROUND;
        double head = affineOnes(x, xo, out, oo, 0, h, alpha, beta, c, gamma, onto);
        float[] a = Lanes.scratch();
        Arrays.fill(a, ROUND, ROUND + 2 * V, 0f);
        for (int i = h; i < body; ) {
            Arrays.fill(a, 0, ROUND, 0f);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += ROUND) {
                for (int k = 0; k < ROUND; k++) {
                    float o = fma(x[xo + i + k], alpha, beta);
                    if (onto) o = fma(o, c, out[oo + i + k] * gamma);
                    out[oo + i + k] = o;
                    a[k] += o;
                }
            }
            flush4(a);
        }
        return head + ((double) Lanes.tree(a, ROUND) - Lanes.tree(a, ROUND + V)) + affineOnes(x, xo, out, oo, body, n, alpha, beta, c, gamma, onto);
    }

    static double affineOnes(float[] x, int xo, float[] out, int oo, int from, int to, float alpha, float beta) {
        return affineOnes(x, xo, out, oo, from, to, alpha, beta, 1, 0, false);
    }

    /** affineOnes over [from, to), with {@code onto} averaged into out (see affineOnesOnto). */
    static double affineOnes(float[] x, int xo, float[] out, int oo, int from, int to, float alpha, float beta,
                             float c, float gamma, boolean onto) {
        double s = 0;
        for (int i = from; i < to; i++) {
            float o = fma(x[xo + i], alpha, beta);
            if (onto) o = fma(o, c, out[oo + i] * gamma);
            out[oo + i] = o;
            s += o;
        }
        return s;
    }

    @Override
    public void affine(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums) {
        int h = Lanes.head(oo, n), body = n - (n - h) % (2 * V);
        sums[0] = 0;
        sums[1] = 0;
        affine(x, xo, u, out, oo, 0, h, alpha, beta, sums);
        // [0, 32) two accumulators of u·out, [32, 64) two of Σ out; [64, 128) the compensated sums of both
        float[] a = Lanes.scratch();
        Arrays.fill(a, 4 * V, 8 * V, 0f);
        for (int i = h; i < body; ) {
            Arrays.fill(a, 0, 4 * V, 0f);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += 2 * V) {
                for (int k = 0; k < 2 * V; k++) {
                    float uk = u[i + k], o = fma(uk, beta, x[xo + i + k] * alpha);
                    out[oo + i + k] = o;
                    a[k] = fma(uk, o, a[k]);
                    a[2 * V + k] += o;
                }
            }
            for (int j = 0; j < V; j++) {
                kahan(a, 4 * V + j, (a[j] + a[V + j]) - a[5 * V + j]);
                kahan(a, 6 * V + j, (a[2 * V + j] + a[3 * V + j]) - a[7 * V + j]);
            }
        }
        sums[0] += (double) Lanes.tree(a, 4 * V) - Lanes.tree(a, 5 * V);
        sums[1] += (double) Lanes.tree(a, 6 * V) - Lanes.tree(a, 7 * V);
        affine(x, xo, u, out, oo, body, n, alpha, beta, sums);
    }

    /** Adds u·out and Σ out over [from, to) into sums, in double (a head or a tail). */
    static void affine(float[] x, int xo, float[] u, float[] out, int oo, int from, int to, float alpha, float beta, double[] sums) {
        double su = 0, s = 0;
        for (int i = from; i < to; i++) {
            float o = fma(u[i], beta, x[xo + i] * alpha);
            out[oo + i] = o;
            su += (double) u[i] * o;
            s += o;
        }
        sums[0] += su;
        sums[1] += s;
    }

    @Override
    public void axpby(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta) {
        axpby(x, xo, y, yo, 0, n, alpha, beta);
    }

    static void axpby(float[] x, int xo, float[] y, int yo, int from, int to, float alpha, float beta) {
        for (int i = from; i < to; i++) y[yo + i] = fma(x[xo + i], alpha, y[yo + i] * beta);
    }

    @Override
    public void linearCombination(float[] y, int yo, float beta, float[] k1, float a1, float[] k2, float a2,
                                  float[] k3, float a3, float[] out, int oo, int n) {
        if (k2 == null && k3 != null) throw new IllegalArgumentException("k3 without k2");
        linearCombination(y, yo, beta, k1, a1, k2, a2, k3, a3, out, oo, 0, n);
    }

    static void linearCombination(float[] y, int yo, float beta, float[] k1, float a1, float[] k2, float a2,
                                  float[] k3, float a3, float[] out, int oo, int from, int to) {
        for (int i = from; i < to; i++) {
            float o = fma(k1[i], a1, y[yo + i] * beta);
            if (k2 != null) o = fma(k2[i], a2, o);
            if (k3 != null) o = fma(k3[i], a3, o);
            out[oo + i] = o;
        }
    }

    @Override
    public void cwLogOdds(float[] x, int xo, float[] th, int n, float r, float m, int block, double[] sums) {
        int h = Lanes.head(xo, n), body = n - (n - h) % V;
        sums[0] = 0;
        sums[1] = 0;
        cwLogOdds(x, xo, th, 0, h, r, m, sums);
        // per lane: the products of 1 ± m·t at [0, 16) and [16, 32), renormalised after each block of
        // rounds (their exponents counted apart), the block's Σ x at [32, 48) and its compensated sum at [48, 80)
        float[] a = Lanes.scratch();
        startProducts(a);
        int exp = 0;
        for (int i = h; i < body; ) {
            Arrays.fill(a, 2 * V, 3 * V, 0f);
            for (int b = 0; b < block && i < body; b++) {
                for (int j = 0; j < V; j++, i++) {
                    float xi = x[xo + i], t = FastTanh.tanh(r * xi);
                    th[i] = t;
                    a[j] *= fma(t, m, 1f);
                    a[V + j] *= fma(t, -m, 1f);
                    a[2 * V + j] += xi;
                }
            }
            exp += endBlock(a);
        }
        endProducts(a, exp, sums);
        cwLogOdds(x, xo, th, body, n, r, m, sums);
    }

    private static void startProducts(float[] a) {
        Arrays.fill(a, 0, 2 * V, 1f);
        Arrays.fill(a, 3 * V, 5 * V, 0f);
    }

    /** After a block: the products' exponents moved out (returned) and mantissas reset to [1, 2), exact; the block's Σ folded in. */
    private static int endBlock(float[] a) {
        int exp = 0;
        for (int j = 0; j < V; j++) {
            int nb = Float.floatToRawIntBits(a[j]), db = Float.floatToRawIntBits(a[V + j]);
            exp += (nb >>> 23) - (db >>> 23);
            a[j] = Float.intBitsToFloat(nb & MANTISSA | ONE_BITS);
            a[V + j] = Float.intBitsToFloat(db & MANTISSA | ONE_BITS);
            kahan(a, 3 * V + j, a[2 * V + j] - a[4 * V + j]);
        }
        return exp;
    }

    /** Σ_lanes log(num/den) by the lane tree, the exponents' ln 2 apart, and the compensated Σ, into sums. */
    private static void endProducts(float[] a, int exp, double[] sums) {
        for (int j = 0; j < V; j++) a[2 * V + j] = logf(a[j]) - logf(a[V + j]);
        sums[0] += Lanes.tree(a, 2 * V) + Math.log(2) * exp;
        sums[1] += (double) Lanes.tree(a, 3 * V) - Lanes.tree(a, 4 * V);
    }

    static final int MANTISSA = 0x007fffff, ONE_BITS = 0x3f800000;

    /** Adds Σ log-ratio and Σ x over [from, to) into sums. */
    static void cwLogOdds(float[] x, int xo, float[] th, int from, int to, float r, float m, double[] sums) {
        double lo = 0, s = 0;
        for (int i = from; i < to; i++) {
            float xi = x[xo + i];
            float t = FastTanh.tanh(r * xi);
            th[i] = t;
            lo += logRatio(m, t);
            s += xi;
        }
        sums[0] += lo;
        sums[1] += s;
    }

    @Override
    public void cwStep(float[] x, int xo, float[] th, float[] out, int oo, int n,
                       float alpha, float beta, float m, float s, float rNext, int block, double[] sums) {
        cwStepWhole(x, xo, th, out, oo, n, alpha, beta, 1, 0, false, m, s, rNext, block, sums);
    }

    @Override
    public void cwStepOnto(float[] x, int xo, float[] th, float[] y, int yo, int n,
                           float alpha, float beta, float c, float gamma, float m, float s, float rNext, int block, double[] sums) {
        cwStepWhole(x, xo, th, y, yo, n, alpha, beta, c, gamma, true, m, s, rNext, block, sums);
    }

    /** cwStep, and with {@code onto} its value averaged into out: out_i = fma(o_i, c, γ·out_i). */
    private static void cwStepWhole(float[] x, int xo, float[] th, float[] out, int oo, int n, float alpha, float beta,
                                    float c, float gamma, boolean onto, float m, float s, float rNext, int block, double[] sums) {
        int h = Lanes.head(oo, n), body = n - (n - h) % V;
        sums[0] = 0;
        sums[1] = 0;
        cwStep(x, xo, th, out, oo, 0, h, alpha, beta, c, gamma, onto, m, s, rNext, sums);
        float c1 = 1 - m * m, ms = m * s, m2 = m * m;
        float[] a = Lanes.scratch();   // laid out as in cwLogOdds
        startProducts(a);
        int exp = 0;
        for (int i = h; i < body; ) {
            Arrays.fill(a, 2 * V, 3 * V, 0f);
            for (int b = 0; b < block && i < body; b++) {
                for (int j = 0; j < V; j++, i++) {
                    float t = th[i], t2 = t * t;
                    float eta = fma(t2, -ms, fma(t, c1, ms)) / fma(-m2, t2, 1f);
                    float o = fma(eta, beta, x[xo + i] * alpha);
                    if (onto) o = fma(o, c, out[oo + i] * gamma);
                    out[oo + i] = o;
                    a[2 * V + j] += o;
                    float tn = FastTanh.tanh(rNext * o);
                    th[i] = tn;
                    a[j] *= fma(tn, m, 1f);
                    a[V + j] *= fma(tn, -m, 1f);
                }
            }
            exp += endBlock(a);
        }
        endProducts(a, exp, sums);
        cwStep(x, xo, th, out, oo, body, n, alpha, beta, c, gamma, onto, m, s, rNext, sums);
    }

    /** The CW step over [from, to), adding the next statistic into sums. */
    static void cwStep(float[] x, int xo, float[] th, float[] out, int oo, int from, int to,
                       float alpha, float beta, float m, float s, float rNext, double[] sums) {
        cwStep(x, xo, th, out, oo, from, to, alpha, beta, 1, 0, false, m, s, rNext, sums);
    }

    /** The CW step over [from, to), with {@code onto} averaged into out (see cwStepOnto), adding the next statistic into sums. */
    static void cwStep(float[] x, int xo, float[] th, float[] out, int oo, int from, int to, float alpha, float beta,
                       float c, float gamma, boolean onto, float m, float s, float rNext, double[] sums) {
        float c1 = 1 - m * m, ms = m * s, m2 = m * m;
        double lo = 0, sx = 0;
        for (int i = from; i < to; i++) {
            float t = th[i];
            float t2 = t * t;
            // η = P·tanh(atanh m + r x) + (1 − P)·tanh(r x − atanh m) over one denominator, s = 2P − 1;
            // the numerator m·s·(1 − t²) + (1 − m²)·t as two FMAs, in the vector form's order
            float eta = fma(t2, -ms, fma(t, c1, ms)) / fma(-m2, t2, 1f);
            float o = fma(eta, beta, x[xo + i] * alpha);
            if (onto) o = fma(o, c, out[oo + i] * gamma);
            out[oo + i] = o;
            float tn = FastTanh.tanh(rNext * o);
            th[i] = tn;
            lo += logRatio(m, tn);
            sx += o;
        }
        sums[0] += lo;
        sums[1] += sx;
    }

    static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f, SQRT_HALF = 0.707106781186547524f;
    static final float P0 = 7.0376836292e-2f, P1 = -1.1514610310e-1f, P2 = 1.1676998740e-1f, P3 = -1.2420140846e-1f,
            P4 = 1.4249322787e-1f, P5 = -1.6668057665e-1f, P6 = 2.0000714765e-1f, P7 = -2.4999993993e-1f,
            P8 = 3.3333331174e-1f;

    /** The vector kernels' polynomial log (Cephes' logf, {@code VectorKernels.log}), operation for operation. */
    static float logf(float x) {
        int bits = Float.floatToRawIntBits(x);
        float ef = Float.intBitsToFloat((bits >>> 23) | 0x4B000000) - (8388608f + 126f);
        float f = Float.intBitsToFloat(bits & 0x007fffff | 0x3f000000);
        boolean small = f < SQRT_HALF;
        if (small) ef = ef - 1f;
        float z = (small ? f + f : f) - 1f;
        float z2 = z * z;
        float y = fma(z, P0, P1);
        y = fma(y, z, P2);
        y = fma(y, z, P3);
        y = fma(y, z, P4);
        y = fma(y, z, P5);
        y = fma(y, z, P6);
        y = fma(y, z, P7);
        y = fma(y, z, P8);
        y = y * z * z2;
        y = fma(ef, LN2_LO, y);
        y = fma(z2, -0.5f, y);
        float r = fma(ef, LN2_HI, z + y);
        if (!(x > 0)) return Float.NaN;
        return x == Float.POSITIVE_INFINITY ? Float.POSITIVE_INFINITY : r;
    }

    /** log[(1 + m·t)/(1 − m·t)] in double. */
    static double logRatio(float m, float t) {
        double mt = (double) m * t;
        return Math.log((1 + mt) / (1 - mt));
    }

    @Override
    public double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2) {
        int body = n - n % V;   // no head, as in the vector form
        float tau2 = tau * tau;
        float[] a = Lanes.scratch();   // [0, 16) a block's lanes, [16, 48) their compensated sums
        Arrays.fill(a, V, 3 * V, 0f);
        for (int i = 0; i < body; ) {
            Arrays.fill(a, 0, V, 0f);
            for (int end = Math.min(body, i + 4 * V); i < end; i += V) {
                for (int k = 0; k < V; k++) {
                    float dlt = x[xo + i + k] - tau * mu[i + k];
                    a[k] += dlt * dlt / fma(tau2, var[i + k], a2);   // in float, as the lanes divide
                }
            }
            for (int j = 0; j < V; j++) kahan(a, V + j, a[j] - a[2 * V + j]);
        }
        double total = 0;
        total += (double) Lanes.tree(a, V) - Lanes.tree(a, 2 * V);
        return total + scaledSquaredDistance(x, xo, mu, var, body, n, tau, a2);
    }

    static double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int from, int to, float tau, float a2) {
        double s = 0;
        float tau2 = tau * tau;
        for (int i = from; i < to; i++) {
            float dlt = x[xo + i] - tau * mu[i];
            s += (double) (dlt * dlt) / fma(tau2, var[i], a2);
        }
        return s;
    }

    @Override
    public void mixtureAccumulate(float[] x, int xo, float[] mu, float[] var, float[] out, int oo, int n,
                                  float w, float tau, float a2, float ceta, float ckappa) {
        mixtureAccumulate(x, xo, mu, var, out, oo, 0, n, w, tau, a2, ceta, ckappa);
    }

    static void mixtureAccumulate(float[] x, int xo, float[] mu, float[] var, float[] out, int oo, int from, int to,
                                  float w, float tau, float a2, float ceta, float ckappa) {
        float tau2 = tau * tau, ct = ceta * tau;
        for (int i = from; i < to; i++) {
            float g = fma(ct, var[i], ckappa) / fma(tau2, var[i], a2);
            float term = fma(g, x[xo + i], (ceta - tau * g) * mu[i]);
            out[oo + i] = fma(w, term, out[oo + i]);
        }
    }

    @Override public void scale(float[] x, int xo, float[] out, int oo, int n, float alpha) { scale(x, xo, out, oo, 0, n, alpha); }

    static void scale(float[] x, int xo, float[] out, int oo, int from, int to, float alpha) {
        for (int i = from; i < to; i++) out[oo + i] = x[xo + i] * alpha;
    }

    // ---- mixtures (docs/mathematics.md §2.7, §2.8) ----------------------------------------------------

    /** The step, then the reductions of what it wrote: the reading of the vector form, which fuses them per block. */
    @Override
    public void mixtureIsoStep(float[] x, int xo, float[] out, int oo, int n, float[][] mu, int k,
                               float alpha, float beta, float[] betas, float[] work, double[] sums) {
        mixtureIsoStep(x, xo, out, oo, 0, n, mu, k, alpha, beta, betas, 1, 0, false);
        isoSums(out, oo, n, mu, k, sums);
    }

    @Override
    public void mixtureIsoStepOnto(float[] x, int xo, float[] y, int yo, int n, float[][] mu, int k,
                                   float alpha, float beta, float[] betas, float c, float gamma, float[] work, double[] sums) {
        mixtureIsoStep(x, xo, y, yo, 0, n, mu, k, alpha, beta, betas, c, gamma, true);
        isoSums(y, yo, n, mu, k, sums);
    }

    /** The statistics of an isotropic step's output: μ_j·out, Σ out², Σ out. */
    private void isoSums(float[] out, int oo, int n, float[][] mu, int k, double[] sums) {
        for (int j = 0; j < k; j++) sums[j] = dot(out, oo, mu[j], 0, n);
        sums[k] = dot(out, oo, out, oo, n);
        sums[k + 1] = sum(out, oo, n);
    }

    /**
     * The isotropic step over [from, to): o = α·x + β, then o += β_j·μ_j in component order; with
     * {@code onto}, averaged into out: out_i = fma(o_i, c, γ·out_i).
     */
    static void mixtureIsoStep(float[] x, int xo, float[] out, int oo, int from, int to, float[][] mu, int k,
                               float alpha, float beta, float[] betas, float c, float gamma, boolean onto) {
        for (int i = from; i < to; i++) {
            float o = fma(x[xo + i], alpha, beta);
            for (int j = 0; j < k; j++) o = fma(mu[j][i], betas[j], o);
            if (onto) o = fma(o, c, out[oo + i] * gamma);
            out[oo + i] = o;
        }
    }

    /** The step over the whole row, then each component's distance in the order of {@link #sum}, then Σ out. */
    @Override
    public void mixtureDiagStep(float[] x, int xo, float[] out, int oo, int n, float[][] mu, float[] muScalar, float[][] var, int c,
                                float cx, float[] w, float tau, float a2, float ceta, float ckappa, float tauNext, float a2Next,
                                float[] work, double[] sums) {
        mixtureDiagStep(x, xo, out, oo, 0, n, mu, muScalar, var, c, cx, w, tau, a2, ceta, ckappa, tauNext, a2Next);
        int h = Lanes.head(oo, n), body = n - (n - h) % ROUND;
        float tau2 = tau * tau, tn2 = tauNext * tauNext;
        for (int j = 0; j < c; j++) {
            double s = diagDistance(out, oo, mu[j], muScalar[j], var[j], 0, h, tau2, a2, tauNext, tn2, a2Next);
            float[] a = Lanes.scratch();   // laid out as in sum
            Arrays.fill(a, ROUND, ROUND + 2 * V, 0f);
            for (int i = h; i < body; ) {
                Arrays.fill(a, 0, ROUND, 0f);
                for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += ROUND) {
                    for (int k = 0; k < ROUND; k++) {
                        int e = i + k;
                        float m = mu[j] == null ? muScalar[j] : mu[j][e];
                        float rn = nextReciprocal(var[j][e], tau2, a2, tn2, a2Next);
                        float dl = fma(-tauNext, m, out[oo + e]), q = dl * rn;
                        a[k] = fma(q, dl, a[k]);
                    }
                }
                flush4(a);
            }
            s += (double) Lanes.tree(a, ROUND) - Lanes.tree(a, ROUND + V);
            s += diagDistance(out, oo, mu[j], muScalar[j], var[j], body, n, tau2, a2, tauNext, tn2, a2Next);
            sums[j] = s;
        }
        sums[c] = sum(out, oo, n);
    }

    /**
     * The diagonal step over [from, to), element by element: v = a² + τ²·var, v' = a'² + τ'²·var,
     * r = 1/(v·v') (the one division), G = (cη·τ·var + cκ)·v'·r, o = cx·x, then per component
     * o += (w·G)·x and o += ((cη − τ·G)·w)·μ.
     */
    static void mixtureDiagStep(float[] x, int xo, float[] out, int oo, int from, int to, float[][] mu, float[] muScalar, float[][] var,
                                int c, float cx, float[] w, float tau, float a2, float ceta, float ckappa, float tauNext, float a2Next) {
        float tau2 = tau * tau, tn2 = tauNext * tauNext, ct = ceta * tau;
        for (int i = from; i < to; i++) {
            float xi = x[xo + i], o = xi * cx;
            for (int j = 0; j < c; j++) {
                float s = var[j][i], v = fma(s, tau2, a2), vn = fma(s, tn2, a2Next), r = 1f / (v * vn);
                float g = fma(s, ct, ckappa) * (vn * r);
                o = fma(g * w[j], xi, o);
                o = fma(fma(g, -tau, ceta) * w[j], mu[j] == null ? muScalar[j] : mu[j][i], o);
            }
            out[oo + i] = o;
        }
    }

    /** 1/v' as the step forms it: v·(1/(v·v')). */
    static float nextReciprocal(float s, float tau2, float a2, float tn2, float a2Next) {
        float v = fma(s, tau2, a2), vn = fma(s, tn2, a2Next);
        return v * (1f / (v * vn));
    }

    /** Σ (out − τ'·μ)²/v' over [from, to) in double, each term q·dl with dl = out − τ'μ, q = dl/v' in float. */
    static double diagDistance(float[] out, int oo, float[] mu, float muScalar, float[] var, int from, int to,
                               float tau2, float a2, float tauNext, float tn2, float a2Next) {
        double s = 0;
        for (int i = from; i < to; i++) {
            float m = mu == null ? muScalar : mu[i];
            float rn = nextReciprocal(var[i], tau2, a2, tn2, a2Next);
            float dl = fma(-tauNext, m, out[oo + i]), q = dl * rn;
            s += (double) q * dl;
        }
        return s;
    }

    @Override
    public double logSum(float[] var, int n, float tau2, float a2) {
        int h = Lanes.head(0, n), body = n - (n - h) % ROUND;
        float[] a = Lanes.scratch();
        Arrays.fill(a, ROUND, ROUND + 2 * V, 0f);
        for (int i = h; i < body; ) {
            Arrays.fill(a, 0, ROUND, 0f);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += ROUND) {
                for (int k = 0; k < ROUND; k++) a[k] += logf(fma(var[i + k], tau2, a2));
            }
            flush4(a);
        }
        return logSum(var, 0, h, tau2, a2) + ((double) Lanes.tree(a, ROUND) - Lanes.tree(a, ROUND + V)) + logSum(var, body, n, tau2, a2);
    }

    static double logSum(float[] var, int from, int to, float tau2, float a2) {
        double s = 0;
        for (int i = from; i < to; i++) s += logf(fma(var[i], tau2, a2));
        return s;
    }
}
