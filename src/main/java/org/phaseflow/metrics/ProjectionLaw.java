package org.phaseflow.metrics;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;

/**
 * The exact law of the scalar projection of a target sample ({@link Target.Outcome#projection()}):
 * two modes, sign −1 and +1, each with its weight, centre and spread.
 */
public sealed interface ProjectionLaw {

    /** Weight of the mode of the given sign (±1). */
    double weight(int sign);

    /** Mean of the projection within the mode. */
    double centre(int sign);

    /** Standard deviation of the projection within the mode. */
    double sd(int sign);

    /** P(a ≤ projection < b). */
    double mass(double a, double b);

    /** Distance between the values a discrete law can take, 0 for a continuous law. */
    double spacing();

    /** One value a discrete law can take (the others are origin + j·spacing); 0 for a continuous law. */
    double origin();

    /** Probability density at x (continuous laws; NaN for a lattice law). */
    double density(double x);

    static ProjectionLaw of(Target target) {
        if (target instanceof TwoModeMixture gm) return new GaussianPair(gm.p(), gm.m(), gm.sigma() / Math.sqrt(gm.dim()));
        if (target instanceof CurieWeiss cw) return new BinomialPair(cw.dim(), cw.m(), cw.targetHigh());
        throw new IllegalArgumentException("no exact projection law for model " + target.model());
    }

    /**
     * GM: u·x/d = c·m + (σ/√d)·ξ with |u|² = d, so the law is p·N(m, σ²/d) + (1 − p)·N(−m, σ²/d).
     */
    record GaussianPair(double p, double m, double sd) implements ProjectionLaw {
        private NormalDistribution mode(int sign) { return NormalDistribution.of(sign * m, sd); }
        @Override public double weight(int sign) { return sign > 0 ? p : 1 - p; }
        @Override public double centre(int sign) { return sign * m; }
        @Override public double sd(int sign) { return sd; }
        @Override public double spacing() { return 0; }
        @Override public double origin() { return 0; }

        @Override
        public double mass(double a, double b) {
            double s = 0;
            for (int c = -1; c <= 1; c += 2) s += weight(c) * mode(c).probability(a, b);
            return s;
        }

        @Override
        public double density(double x) {
            return p * mode(1).density(x) + (1 - p) * mode(-1).density(x);
        }
    }

    /**
     * CW: in mode ± the d spins are independent with mean ±m, so (1/d)·Σ sign x_i =
     * (2·Binomial(d, (1 ± m)/2) − d)/d, on the lattice {−1, −1 + 2/d, …, 1}; modes weighted W±.
     */
    record BinomialPair(int dim, double m, double wPlus) implements ProjectionLaw {
        private BinomialDistribution mode(int sign) { return BinomialDistribution.of(dim, (1 + sign * m) / 2); }
        @Override public double weight(int sign) { return sign > 0 ? wPlus : 1 - wPlus; }
        @Override public double centre(int sign) { return sign * m; }
        @Override public double sd(int sign) { return Math.sqrt((1 - m * m) / dim); }
        @Override public double spacing() { return 2.0 / dim; }
        @Override public double origin() { return -1; }
        @Override public double density(double x) { return Double.NaN; }

        @Override
        public double mass(double a, double b) {
            // value (2j − d)/d lies in [a, b) for j in [jLo, jHi]
            long jLo = Math.max(0, (long) Math.ceil(dim * (a + 1) / 2 - 1e-9));
            long jHi = Math.min(dim, (long) Math.ceil(dim * (b + 1) / 2 - 1e-9) - 1);
            if (jHi < jLo) return 0;
            double s = 0;
            for (int c = -1; c <= 1; c += 2) {
                BinomialDistribution bin = mode(c);
                s += weight(c) * (bin.cumulativeProbability((int) jHi) - (jLo > 0 ? bin.cumulativeProbability((int) jLo - 1) : 0));
            }
            return s;
        }
    }
}
