package org.phaseflow.model;

/**
 * A low-level feature of a target, as the target itself defines it (docs/mathematics.md §7): which
 * samples it pools (those assigned to one mode, or all), how it is estimated from their per-sample
 * low values ({@link Target.Outcome#low()}), its exact value, and the standard error of its error
 * measure for exact samples (the noise floor of a tolerance).
 *
 * @param name   key in results files, e.g. "sigma", "sigma_1", "m"
 * @param symbol for people, e.g. "σ", "σ₁", "m"
 * @param mode   the mode whose samples it pools, or {@link #ALL}
 * @param share  the fraction of samples expected in that mode (1 for {@link #ALL})
 */
public record Feature(String name, String symbol, int mode, Kind kind, double exact, int dim, double share) {
    /** Pools every sample. */
    public static final int ALL = -1;

    /** How a feature is estimated and how its error is measured. */
    public enum Kind {
        /**
         * A spread: the low value is a sample's mean squared deviation from its mode's mean per
         * coordinate, the estimate is √(mean), the error |σ̂/σ − 1|; for exact samples msd/σ² ~ χ²_d/d,
         * so the error's standard error is 1/√(2dN).
         */
        SPREAD,
        /**
         * A magnetisation: the low value is |mean_i sign x_i|, the estimate its mean, the error
         * |m̂ − m|; for exact samples each of the d spins has variance 1 − m², so √((1 − m²)/(dN)).
         */
        MAGNETISATION
    }

    public Feature {
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must lie in (0, 1], got " + share);
    }

    /** Whether a sample assigned to {@code sampleMode} enters this feature. */
    public boolean pools(int sampleMode) { return mode == ALL || mode == sampleMode; }

    /** The estimate from the mean of the pooled low values. */
    public double estimate(double meanLow) {
        return kind == Kind.SPREAD ? Math.sqrt(meanLow) : meanLow;
    }

    /** Standard error of the estimate from n pooled values with this mean and standard deviation (delta method for a spread). */
    public double standardError(double meanLow, double sdLow, int n) {
        if (kind == Kind.MAGNETISATION) return sdLow / Math.sqrt(n);
        return meanLow > 0 ? sdLow / Math.sqrt(n) / (2 * Math.sqrt(meanLow)) : 0;
    }

    /** The error measure of an estimate. */
    public double error(double estimate) {
        return kind == Kind.SPREAD ? Math.abs(estimate / exact - 1) : Math.abs(estimate - exact);
    }

    /** Standard error of {@link #error} for N exact samples. */
    public double noiseStandardError(int particles) {
        double dn = (double) dim * particles * share;
        return kind == Kind.SPREAD ? 1 / Math.sqrt(2 * dn) : Math.sqrt((1 - exact * exact) / dn);
    }
}
