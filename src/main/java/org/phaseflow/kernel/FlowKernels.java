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

    /**
     * {@link #affineOnes} written onto y (Heun's second stage and its average in one pass, as
     * {@link #cwStepOnto}): with o_i = fma(x_i, α, β), y_i = fma(o_i, c, γ·y_i), so that it equals affineOnes
     * followed by {@link #axpby}(out, y, c, γ) bit for bit; returns Σ y as {@link #sum} would take it on y.
     */
    double affineOnesOnto(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta, float c, float gamma);

    /** out = α·x + β·u (a two-mode GM step); sums[0] = u·out, sums[1] = Σ out. */
    void affine(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums);

    /** y = α·x + β·y. */
    void axpby(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta);

    /**
     * out = β·y + a1·k1 + a2·k2 + a3·k3, formed as fma(k3, a3, fma(k2, a2, fma(k1, a1, β·y))): bit for bit
     * {@link #axpby}(k1, y, a1, β) followed by axpby(k2, ·, a2, 1) and axpby(k3, ·, a3, 1), in one pass (a
     * Runge–Kutta stage, an error estimate, a multistep update). k3, or k2 and k3, may be null (fewer
     * terms); the k are read from offset 0; out may be y, or a k when oo = 0.
     */
    void linearCombination(float[] y, int yo, float beta, float[] k1, float a1, float[] k2, float a2,
                           float[] k3, float a3, float[] out, int oo, int n);

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

    /**
     * {@link #cwStep} written onto y (Heun's second stage and its average in one pass): with o the
     * value cwStep would write, y_i = c·o_i + γ·y_i, formed as fma(o, c, γ·y) so that it equals cwStep
     * followed by {@link #axpby}(out, y, c, γ) bit for bit; then the statistic of y at the next time,
     * as {@link #cwLogOdds} would take it on y.
     */
    void cwStepOnto(float[] x, int xo, float[] th, float[] y, int yo, int n,
                    float alpha, float beta, float c, float gamma, float m, float s, float rNext, int block, double[] sums);

    /** Σ (x_i − τ·μ_i)² / (a² + τ²·var_i): a general-mixture logit term. */
    double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2);

    /**
     * out_i += w·[g_i·x_i + (cη − τ·g_i)·μ_i] with g_i = (cη·τ·var_i + cκ)/(a² + τ²·var_i):
     * one component's share of a general-mixture step (docs/mathematics.md §2.5).
     */
    void mixtureAccumulate(float[] x, int xo, float[] mu, float[] var, float[] out, int oo, int n,
                           float w, float tau, float a2, float ceta, float ckappa);

    /**
     * An isotropic mixture's step (docs/mathematics.md §2.7): out = α·x + β + Σ_{j<k} β_j·μ_j over the k
     * components with a vector mean; then the statistics of out that the next step's logits need,
     * sums[j] = μ_j·out (j < k), sums[k] = Σ out², sums[k + 1] = Σ out. Each sum is the one
     * {@link #dot} or {@link #sum} would return on the written out (the same head, blocks and lane
     * tree), so the scalar twin is the step followed by those reductions. {@code work} holds at
     * least {@link #mixtureWork}(k) floats; its contents are undefined.
     */
    void mixtureIsoStep(float[] x, int xo, float[] out, int oo, int n, float[][] mu, int k,
                        float alpha, float beta, float[] betas, float[] work, double[] sums);

    /**
     * {@link #mixtureIsoStep} written onto y (Heun's second stage and its average in one pass, as
     * {@link #affineOnesOnto}): with o the value mixtureIsoStep would write, y_i = fma(o_i, c, γ·y_i); then the
     * statistics of y in sums, each the one {@link #dot} or {@link #sum} would return on the written y.
     */
    void mixtureIsoStepOnto(float[] x, int xo, float[] y, int yo, int n, float[][] mu, int k,
                            float alpha, float beta, float[] betas, float c, float gamma, float[] work, double[] sums);

    /**
     * A diagonal mixture's step (docs/mathematics.md §2.8) over c components with σ² = var[j] and mean
     * mu[j], or the number muScalar[j] in every coordinate where mu[j] is null: with
     * v = a²·1 + τ²·var, v' = a'² + τ'²·var (a'², τ' of the next evaluation) and
     * G = (cη·τ·var + cκ)/v, out = cx·x + Σ_j w_j·[G_j ⊙ x + (cη − τ·G_j) ⊙ μ_j]; then
     * sums[j] = Σ_i (out_i − τ'·μ_{j,i})²/v'_{j,i}, sums[c] = Σ out. One division per element and
     * component gives both reciprocals: 1/(v·v'). {@code work} holds at least {@link #mixtureWork}(c) floats.
     */
    void mixtureDiagStep(float[] x, int xo, float[] out, int oo, int n, float[][] mu, float[] muScalar, float[][] var, int c,
                         float cx, float[] w, float tau, float a2, float ceta, float ckappa, float tauNext, float a2Next,
                         float[] work, double[] sums);

    /**
     * Σ log(a² + τ²·var_i) in the order of {@link #sum}, each logarithm the polynomial one of the CW kernels
     * (a few float ulp): a diagonal component's log-determinant (docs/mathematics.md §2.8).
     */
    double logSum(float[] var, int n, float tau2, float a2);

    /** Floats of work space {@link #mixtureIsoStep} and {@link #mixtureDiagStep} need for {@code c} components. */
    static int mixtureWork(int c) { return (c + 2) * 2 * Lanes.V + (2 * c + 1) * Lanes.BLOCK; }

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
