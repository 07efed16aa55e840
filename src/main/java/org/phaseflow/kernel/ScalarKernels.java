package org.phaseflow.kernel;

/**
 * Plain loops, one element at a time, accumulating in double: the reading of each kernel, the oracle
 * its vector form is tested against, and the fallback where the Vector API is unavailable. Each
 * loop is written once, over a range [from, to), and also serves the vector forms' heads and tails.
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

    @Override public double sum(float[] x, int xo, int n) { return sum(x, xo, 0, n); }

    static double sum(float[] x, int xo, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[xo + i];
        return s;
    }

    @Override public double dot(float[] x, int xo, float[] y, int yo, int n) { return dot(x, xo, y, yo, 0, n); }

    static double dot(float[] x, int xo, float[] y, int yo, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[xo + i] * y[yo + i];
        return s;
    }

    @Override
    public double affineOnes(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta) {
        return affineOnes(x, xo, out, oo, 0, n, alpha, beta);
    }

    static double affineOnes(float[] x, int xo, float[] out, int oo, int from, int to, float alpha, float beta) {
        double s = 0;
        for (int i = from; i < to; i++) {
            float o = fma(x[xo + i], alpha, beta);
            out[oo + i] = o;
            s += o;
        }
        return s;
    }

    @Override
    public void affine(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums) {
        sums[0] = 0;
        sums[1] = 0;
        affine(x, xo, u, out, oo, 0, n, alpha, beta, sums);
    }

    /** Adds u·out and Σ out over [from, to) into sums. */
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
    public void cwLogOdds(float[] x, int xo, float[] th, int n, float r, float m, int block, double[] sums) {
        sums[0] = 0;
        sums[1] = 0;
        cwLogOdds(x, xo, th, 0, n, r, m, sums);
    }

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
        sums[0] = 0;
        sums[1] = 0;
        cwStep(x, xo, th, out, oo, 0, n, alpha, beta, m, s, rNext, sums);
    }

    /** The CW step over [from, to), adding the next statistic into sums. */
    static void cwStep(float[] x, int xo, float[] th, float[] out, int oo, int from, int to,
                       float alpha, float beta, float m, float s, float rNext, double[] sums) {
        float c1 = 1 - m * m, ms = m * s, m2 = m * m;
        double lo = 0, sx = 0;
        for (int i = from; i < to; i++) {
            float t = th[i];
            float t2 = t * t;
            // η = P·tanh(atanh m + r x) + (1 − P)·tanh(r x − atanh m) over one denominator, s = 2P − 1;
            // the numerator m·s·(1 − t²) + (1 − m²)·t as two FMAs, in the vector form's order
            float eta = fma(t2, -ms, fma(t, c1, ms)) / fma(-m2, t2, 1f);
            float o = fma(eta, beta, x[xo + i] * alpha);
            out[oo + i] = o;
            float tn = FastTanh.tanh(rNext * o);
            th[i] = tn;
            lo += logRatio(m, tn);
            sx += o;
        }
        sums[0] += lo;
        sums[1] += sx;
    }

    /** log[(1 + m·t)/(1 − m·t)] in double. */
    static double logRatio(float m, float t) {
        double mt = (double) m * t;
        return Math.log((1 + mt) / (1 - mt));
    }

    @Override
    public double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2) {
        return scaledSquaredDistance(x, xo, mu, var, 0, n, tau, a2);
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
}
