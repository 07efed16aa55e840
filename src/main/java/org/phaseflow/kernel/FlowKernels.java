package org.phaseflow.kernel;

/**
 * The O(d) loops of the engine. Kernels know only arrays and coefficients; the mathematics that
 * produces the coefficients lives in the model classes (docs/mathematics.md §2–§3). Every method has a plain
 * scalar form ({@link ScalarKernels}, the test oracle and fallback) and a Vector API form
 * ({@link VectorKernels}), chosen once by {@link Kernels}.
 *
 * <p>Reductions return doubles: float partial sums are kept short and combined in double so that a
 * d = 10⁵ sum matches a double-precision evaluation to ~1e-6 relative (docs/mathematics.md §4), in
 * the one order {@link Lanes} defines, so every form and vector width returns the same bits.
 * Arrays written by a kernel may alias its input at the same offset (in-place steps).
 */
public interface FlowKernels {

    /** Implementation name, for logs and benchmark reports. */
    String name();

    /** Σ x[xo..xo+n). */
    double sum(float[] x, int xo, int n);

    /** Σ x_i·y_i. */
    double dot(float[] x, int xo, float[] y, int yo, int n);

    /** out = α·x + β (a two-mode GM step with u = 1); returns Σ out. */
    double affineOnes(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta);

    /** out = α·x + β·u (a two-mode GM step); sums[0] = u·out, sums[1] = Σ out. */
    void affine(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums);

    /** y = α·x + β·y. */
    void axpby(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta);

    /**
     * Curie–Weiss statistic pass: th_i = tanh(r·x_i) is stored, sums[0] = Σ log[(1 + m·th)/(1 − m·th)],
     * sums[1] = Σ x. The logarithm may be taken once per {@code block} vectors of ratios (their product
     * must stay inside float range: see {@link #logBlock}).
     */
    void cwLogOdds(float[] x, int xo, float[] th, int n, float r, float m, int block, double[] sums);

    /**
     * Curie–Weiss fused step (docs/mathematics.md §3.4): with th the tanh stored by the previous pass,
     * η_i = [th(1 − m²) + m·s·(1 − th²)] / (1 − m²·th²), out = α·x + β·η; then the statistic of out at
     * the next time, as in {@link #cwLogOdds} with rNext, is accumulated in the same pass.
     */
    void cwStep(float[] x, int xo, float[] th, float[] out, int oo, int n,
                float alpha, float beta, float m, float s, float rNext, int block, double[] sums);

    /** Σ (x_i − τ·μ_i)² / (a² + τ²·var_i): a general-mixture logit term. */
    double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2);

    /**
     * out_i += w·[g_i·x_i + (cη − τ·g_i)·μ_i] with g_i = (cη·τ·var_i + cκ)/(a² + τ²·var_i):
     * one component's share of a general-mixture step (docs/mathematics.md §2.5).
     */
    void mixtureAccumulate(float[] x, int xo, float[] mu, float[] var, float[] out, int oo, int n,
                           float w, float tau, float a2, float ceta, float ckappa);

    /** out = α·x. */
    void scale(float[] x, int xo, float[] out, int oo, int n, float alpha);

    /**
     * How many ratios (1 + m·th)/(1 − m·th) per lane may be multiplied before one logarithm without
     * leaving float range: each ratio lies within ((1 − m)/(1 + m), (1 + m)/(1 − m)).
     */
    static int logBlock(double m) {
        double worst = Math.log((1 + Math.abs(m)) / (1 - Math.abs(m)));
        if (!(worst > 0)) return 16;
        return (int) Math.max(1, Math.min(16, Math.floor(60.0 / worst)));
    }
}
