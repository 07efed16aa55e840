package org.phaseflow.model;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The exact law of the scalar projection of a target sample ({@link Target.Outcome#projection()}),
 * mode by mode in the target's mode order: each mode's weight, centre and spread.
 */
public sealed interface ProjectionLaw {

    /** Number of modes. */
    int modes();

    /** Weight of mode c. */
    double weight(int c);

    /** Mean of the projection within mode c. */
    double centre(int c);

    /** Standard deviation of the projection within mode c. */
    double sd(int c);

    /** P(a ≤ projection < b). */
    double mass(double a, double b);

    /** Distance between the values a discrete law can take, 0 for a continuous law. */
    double spacing();

    /** One value a discrete law can take (the others are origin + j·spacing); 0 for a continuous law. */
    double origin();

    /** Probability density at x (continuous laws; NaN for a lattice law). */
    double density(double x);

    /** A mixture of normals: mode c is N(centre[c], sd[c]²) with weight weight[c]. */
    record Gaussians(double[] weights, double[] centres, double[] sds) implements ProjectionLaw {
        private NormalDistribution mode(int c) { return NormalDistribution.of(centres[c], sds[c]); }
        @Override public int modes() { return weights.length; }
        @Override public double weight(int c) { return weights[c]; }
        @Override public double centre(int c) { return centres[c]; }
        @Override public double sd(int c) { return sds[c]; }
        @Override public double spacing() { return 0; }
        @Override public double origin() { return 0; }

        @Override
        public double mass(double a, double b) {
            double s = 0;
            for (int c = 0; c < weights.length; c++) s += weights[c] * mode(c).probability(a, b);
            return s;
        }

        @Override
        public double density(double x) {
            double s = 0;
            for (int c = 0; c < weights.length; c++) s += weights[c] * mode(c).density(x);
            return s;
        }
    }

    /**
     * CW: in mode ± the d spins are independent with mean ±m, so (1/d)·Σ sign x_i =
     * (2·Binomial(d, (1 ± m)/2) − d)/d, on the lattice {−1, −1 + 2/d, …, 1}; mode 0 is + (weight W+),
     * mode 1 is −.
     */
    record BinomialPair(int dim, double m, double wPlus) implements ProjectionLaw {
        private static int sign(int c) { return c == 0 ? 1 : -1; }
        private BinomialDistribution mode(int c) { return BinomialDistribution.of(dim, (1 + sign(c) * m) / 2); }
        @Override public int modes() { return 2; }
        @Override public double weight(int c) { return c == 0 ? wPlus : 1 - wPlus; }
        @Override public double centre(int c) { return sign(c) * m; }
        @Override public double sd(int c) { return Math.sqrt((1 - m * m) / dim); }
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
            for (int c = 0; c < 2; c++) {
                BinomialDistribution bin = mode(c);
                s += weight(c) * (bin.cumulativeProbability((int) jHi) - (jLo > 0 ? bin.cumulativeProbability((int) jLo - 1) : 0));
            }
            return s;
        }
    }
}
