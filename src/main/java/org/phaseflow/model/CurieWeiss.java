package org.phaseflow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/**
 * The Curie–Weiss target in its two-mode product form (docs/mathematics.md §3): spins ±1 with mean ±m per
 * spin in mode ±, m the largest root of m = tanh(β·m), mode weights W± = e^{±hm}/(2·cosh(hm)).
 * With r = τ/a² and th_i = tanh(r·x_i): L = 2hm + Σ_i log[(1 + m·th_i)/(1 − m·th_i)], P = 1/(1 + e^{−L}),
 * η_i = [th_i(1 − m²) + m(2P − 1)(1 − th_i²)]/(1 − m²th_i²) and κ = (x − τη)/a². The field is singular
 * at τ = 1.
 */
public record CurieWeiss(int dim, double beta, double h) implements Target {

    public CurieWeiss {
        Check.dim(dim);
        if (!(beta > 1) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("--beta must be above 1 (below it the Curie–Weiss measure has one mode), got " + beta);
        }
        if (Double.isNaN(h) || Double.isInfinite(h)) throw new IllegalArgumentException("--h must be finite, got " + h);
    }

    /** Largest root of m = tanh(β·m), by Newton's method from m = 1. */
    public static double magnetisation(double beta) {
        double m = 1;
        for (int i = 0; i < 200; i++) {
            double t = Math.tanh(beta * m);
            double f = m - t, df = 1 - beta * (1 - t * t);
            double next = m - f / df;
            if (Math.abs(next - m) < 1e-16) return next;
            m = next;
        }
        return m;
    }

    public double m() { return magnetisation(beta); }

    /** W+ = e^{hm}/(2·cosh(hm)). */
    double wPlus() { return 1 / (1 + Math.exp(-2 * h * m())); }

    @Override public ModelKind model() { return ModelKind.CW; }
    @Override public boolean singularAtOne() { return true; }

    @Override
    public String describe() { return "CW (β = " + Format.num(beta) + ", h = " + Format.num(h) + ")"; }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("beta", beta);
        out.put("h", h);
        out.put("m", m());
        return out;
    }

    /** Mode 0 is + (spins of mean m, weight W+), mode 1 is −. */
    @Override
    public List<Mode> modes() {
        double m = m(), w = wPlus();
        return List.of(new Mode("+", w, m), new Mode("−", 1 - w, -m));
    }

    @Override
    public List<Feature> lowFeatures() {
        return List.of(new Feature("m", "m", Feature.ALL, Feature.Kind.MAGNETISATION, m(), dim, 1.0));
    }

    @Override
    public ProjectionLaw projectionLaw() { return new ProjectionLaw.BinomialPair(dim, m(), wPlus()); }

    @Override
    public String projectionLabel() { return "(1/d)·Σ_i sign x_i"; }

    /** Assigned to + when Σ x_i > 0; the low value is |mean_i sign x_i|, the projection mean_i sign x_i. */
    @Override
    public Outcome outcome(float[] x, int off) {
        double sum = 0;
        long spins = 0;
        for (int i = 0; i < dim; i++) {
            sum += x[off + i];
            spins += x[off + i] > 0 ? 1 : -1;
        }
        double mag = (double) spins / dim;
        return new Outcome(sum > 0 ? 0 : 1, Math.abs(mag), mag);
    }

    @Override
    public void sampleTarget(SplittableRandom random, float[] x, int off) {
        double m = m();
        double mean = random.nextDouble() < wPlus() ? m : -m;
        for (int i = 0; i < dim; i++) x[off + i] = random.nextDouble() < (1 + mean) / 2 ? 1f : -1f;
    }

    @Override
    public ExactField field(Interpolant ip, FlowKernels k) {
        return new Field(ip, k);
    }

    private final class Field extends KernelField {
        private final double m = m(), prior = 2 * h * m();
        private final int block = FlowKernels.logBlock(m());
        private final float[] th = new float[dim];   // tanh(r·x_i) of the prepared state
        private final double[] sums = new double[2];
        private double tau, logOdds;

        Field(Interpolant ip, FlowKernels k) {
            super(ip, k);
        }

        private double r(double tau) {
            if (!(tau < 1)) throw new IllegalStateException("the Curie–Weiss field is singular at τ = 1 and must not be evaluated there");
            return tau / a2(tau);
        }

        @Override
        public double prepare(double tau, float[] x, int off) {
            this.tau = tau;
            k.cwLogOdds(x, off, th, dim, (float) r(tau), (float) m, block, sums);
            logOdds = prior + sums[0];
            return sums[1] / dim;
        }

        @Override
        public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
            double a2 = a2(tau);
            double s = Math.tanh(0.5 * logOdds);   // 2P − 1
            double alpha = cx + cKappa / a2, betaC = cEta - cKappa * tau / a2;
            boolean next = !Double.isNaN(tauNext) && tauNext < 1;
            double rNext = next ? r(tauNext) : 0;
            k.cwStep(x, xo, th, out, oo, dim, (float) alpha, (float) betaC, (float) m, (float) s, (float) rNext, block, sums);
            logOdds = prior + sums[0];
            tau = next ? tauNext : Double.NaN;
            return sums[1] / dim;
        }

        /** Heun's second stage, its average and the next statistic in one pass (FlowKernels.cwStepOnto; §3.4). */
        @Override
        public double combineOnto(FlowKernels caller, float[] x, int xo, float[] y, int yo, int n,
                                  double c, double gamma, double cx, double cEta, double cKappa, double tauNext) {
            if (!(tauNext < 1)) return ExactField.combineOntoInPasses(this, caller, x, xo, y, yo, n, c, gamma, cx, cEta, cKappa, tauNext);
            double a2 = a2(tau);
            double s = Math.tanh(0.5 * logOdds);
            double alpha = cx + cKappa / a2, betaC = cEta - cKappa * tau / a2;
            k.cwStepOnto(x, xo, th, y, yo, dim, (float) alpha, (float) betaC, (float) c, (float) gamma, (float) m, (float) s,
                    (float) r(tauNext), block, sums);
            logOdds = prior + sums[0];
            tau = tauNext;
            return sums[1] / dim;
        }
    }
}
