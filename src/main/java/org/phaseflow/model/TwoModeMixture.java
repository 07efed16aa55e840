package org.phaseflow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/**
 * The paper's Gaussian mixture: μ± = ±m·u with |u|² = d, isotropic σ, weight p of the + mode
 * (docs/mathematics.md §2). Its field only needs the projection u·x: with v = a² + τ²σ² and
 * s = E[sign | x] = tanh(h + τ·m·(u·x)/v), h = ½·log(p/(1 − p)),
 * η = (a²/v)·s·m·u + (τσ²/v)·x and κ = (x − τ·s·m·u)/v, so every step is out = α·x + β·u,
 * one fused pass that also accumulates the next u·x.
 *
 * @param u the direction, or null for u = all ones (the faster kernel)
 */
public record TwoModeMixture(int dim, double p, double m, double sigma, float[] u) implements Target {

    public TwoModeMixture {
        Check.dim(dim);
        Check.open01("--p", p);
        Check.positive("--m", m);
        Check.positive("--sigma", sigma);
        if (u != null && u.length != dim) throw new IllegalArgumentException("u has length " + u.length + ", not " + dim);
    }

    /** u = all ones. */
    public static TwoModeMixture ones(int dim, double p, double m, double sigma) {
        return new TwoModeMixture(dim, p, m, sigma, null);
    }

    /** u a fixed random ±1 vector drawn from {@code directionSeed}. */
    public static TwoModeMixture randomDirection(int dim, double p, double m, double sigma, long directionSeed) {
        SplittableRandom r = new SplittableRandom(directionSeed);
        float[] u = new float[dim];
        for (int i = 0; i < dim; i++) u[i] = r.nextBoolean() ? 1f : -1f;
        return new TwoModeMixture(dim, p, m, sigma, u);
    }

    /** The same target as a general {@link GaussianMixture} (the slow path; used to cross-check). */
    public GaussianMixture asGeneral() {
        float[] mp = new float[dim], mm = new float[dim];
        for (int i = 0; i < dim; i++) {
            float ui = u == null ? 1f : u[i];
            mp[i] = (float) (m * ui);
            mm[i] = (float) (-m * ui);
        }
        return GaussianMixture.isotropic(new double[] {p, 1 - p}, new float[][] {mp, mm}, new double[] {sigma, sigma});
    }

    /** The mode direction u/√d. */
    @Override
    public List<float[]> featureDirections() { return Directions.orthonormal(List.of(u == null ? Directions.ones(dim) : u)); }

    @Override public ModelKind model() { return ModelKind.GM; }
    @Override public boolean singularAtOne() { return false; }

    @Override
    public String describe() {
        return "GM (p = " + Format.num(p) + ", m = " + Format.num(m) + ", σ = " + Format.num(sigma) + (u == null ? "" : ", random u") + ")";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p", p);
        out.put("m", m);
        out.put("sigma", sigma);
        out.put("direction", u == null ? "ones" : "random");
        return out;
    }

    /** Mode 0 is + (μ = m·u, weight p), mode 1 is −. */
    @Override
    public List<Mode> modes() {
        double mean = 1;
        if (u != null) {
            double s = 0;
            for (float v : u) s += v;
            mean = s / dim;
        }
        return List.of(new Mode("+", p, m * mean), new Mode("−", 1 - p, -m * mean));
    }

    /** Both modes share σ, so the spread pools every sample. */
    @Override
    public List<Feature> lowFeatures() {
        return List.of(new Feature("sigma", "σ", Feature.ALL, Feature.Kind.SPREAD, sigma, dim, 1.0));
    }

    /** u·x/d = c·m + (σ/√d)·ξ with |u|² = d: p·N(m, σ²/d) + (1 − p)·N(−m, σ²/d). */
    @Override
    public ProjectionLaw projectionLaw() {
        double sd = sigma / Math.sqrt(dim);
        return new ProjectionLaw.Gaussians(new double[] {p, 1 - p}, new double[] {m, -m}, new double[] {sd, sd});
    }

    @Override
    public String projectionLabel() { return u == null ? "u·x/d = (1/d)·Σ_i x_i" : "u·x/d"; }

    private float u(int i) { return u == null ? 1f : u[i]; }

    /** Assigned to + when u·x > 0; the low value is the mean squared deviation from that mode's mean. */
    @Override
    public Outcome outcome(float[] x, int off) {
        double proj = 0;
        for (int i = 0; i < dim; i++) proj += (double) u(i) * x[off + i];
        boolean plus = proj > 0;
        double c = plus ? m : -m, msd = 0;
        for (int i = 0; i < dim; i++) {
            double dev = x[off + i] - c * u(i);
            msd += dev * dev;
        }
        return new Outcome(plus ? 0 : 1, msd / dim, proj / dim);
    }

    @Override
    public boolean standardisedDeviations(float[] x, int off, int mode, double[] out) {
        double c = mode == 0 ? m : -m;
        for (int i = 0; i < dim; i++) out[i] = (x[off + i] - c * u(i)) / sigma;
        return true;
    }

    @Override
    public void sampleTarget(SplittableRandom random, float[] x, int off) {
        double c = random.nextDouble() < p ? m : -m;
        for (int i = 0; i < dim; i++) x[off + i] = (float) (c * u(i) + sigma * random.nextGaussian());
    }

    @Override
    public ExactField field(Interpolant ip, FlowKernels k) {
        return new Field(ip, k);
    }

    private final class Field extends KernelField {
        private final double h = 0.5 * Math.log(p / (1 - p)), s2 = sigma * sigma;
        private final double[] sums = new double[2];
        private double tau, proj;   // τ and u·x of the prepared state
        private double alpha, beta; // the step's coefficients, set by coefficients()

        Field(Interpolant ip, FlowKernels k) {
            super(ip, k);
        }

        @Override
        public double prepare(double tau, float[] x, int off) {
            this.tau = tau;
            double sum = k.sum(x, off, dim);
            proj = u == null ? sum : k.dot(x, off, u, 0, dim);
            return sum / dim;
        }

        @Override
        public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
            coefficients(cx, cEta, cKappa);
            double sum;
            if (u == null) {
                sum = k.affineOnes(x, xo, out, oo, dim, (float) alpha, (float) beta);
                proj = sum;
            } else {
                k.affine(x, xo, u, out, oo, dim, (float) alpha, (float) beta, sums);
                proj = sums[0];
                sum = sums[1];
            }
            tau = tauNext;
            return sum / dim;
        }

        /** Heun's second stage, its average and the next statistic in one pass (FlowKernels.affineOnesOnto; §6, "Cost"). */
        @Override
        public double combineOnto(FlowKernels caller, float[] x, int xo, float[] y, int yo, int n,
                                  double c, double gamma, double cx, double cEta, double cKappa, double tauNext) {
            if (u != null) return ExactField.combineOntoInPasses(this, caller, x, xo, y, yo, n, c, gamma, cx, cEta, cKappa, tauNext);
            coefficients(cx, cEta, cKappa);
            proj = k.affineOnesOnto(x, xo, y, yo, dim, (float) alpha, (float) beta, (float) c, (float) gamma);
            tau = tauNext;
            return proj / dim;
        }

        /** out = α·x + β·u at the prepared (τ, u·x), into alpha and beta (docs/mathematics.md §2.6). */
        private void coefficients(double cx, double cEta, double cKappa) {
            double a2 = a2(tau), v = a2 + tau * tau * s2;
            double s = Math.tanh(h + tau * m * proj / v);
            alpha = cx + (cEta * tau * s2 + cKappa) / v;
            beta = s * m * (cEta * a2 - cKappa * tau) / v;
        }
    }
}
