package org.phaseflow.model;

import java.util.SplittableRandom;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/**
 * The paper's Gaussian mixture: μ± = ±m·u with |u|² = d, isotropic σ, weight p of the + mode
 * (DESIGN.md §1, GM). Its field only needs the projection u·x: with v = a² + τ²σ² and
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

    @Override public String model() { return "gm"; }
    @Override public boolean singularAtOne() { return false; }
    @Override public double targetHigh() { return p; }
    @Override public double targetLow() { return sigma; }
    @Override public String lowName() { return "sigma"; }
    @Override public double[] projectionModes() { return new double[] {-m, m}; }

    private float u(int i) { return u == null ? 1f : u[i]; }

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
        return new Outcome(plus, msd / dim, proj / dim);
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
            double a2 = a2(tau), v = a2 + tau * tau * s2;
            double s = Math.tanh(h + tau * m * proj / v);
            double alpha = cx + (cEta * tau * s2 + cKappa) / v;
            double beta = s * m * (cEta * a2 - cKappa * tau) / v;
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
    }
}
