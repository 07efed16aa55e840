package org.phaseflow.interpolant;

/**
 * I(τ) = a(τ)·z + τ·x1 with a(1) = 0 (docs/mathematics.md §1.1). Besides a and a', it offers the product a·a',
 * which stays finite at τ = 1 for both shapes (a' alone diverges there for {@code trig}) and lets
 * Gaussian-target fields be evaluated up to τ = 1.
 */
public record Interpolant(Shape shape, Family family, double s0) {

    public Interpolant {
        if (!(s0 > 0) || Double.isInfinite(s0)) throw new IllegalArgumentException("s0 must be positive and finite, got " + s0);
    }

    /** The family's own s0 in dimension d. */
    public static Interpolant of(Shape shape, Family family, int dim) {
        return new Interpolant(shape, family, family.s0(dim));
    }

    /** a(τ). */
    public double a(double tau) {
        return switch (shape) {
            case TRIG -> s0 * Math.sqrt(Math.max(0, 1 - tau * tau));
            case LINEAR -> s0 * (1 - tau);
        };
    }

    /** a'(τ) (−∞ at τ = 1 for trig). */
    public double da(double tau) {
        return switch (shape) {
            case TRIG -> -s0 * tau / Math.sqrt(Math.max(0, 1 - tau * tau));
            case LINEAR -> -s0;
        };
    }

    /** a(τ)·a'(τ), finite on [0, 1]. */
    public double aDa(double tau) {
        return switch (shape) {
            case TRIG -> -s0 * s0 * tau;
            case LINEAR -> -s0 * s0 * (1 - tau);
        };
    }

    /**
     * The τ at which the noise-to-signal ratio a(τ)/τ equals σ ≥ 0 (docs/mathematics.md §5.7): it falls
     * from +∞ at τ = 0 to 0 at τ = 1, so the solution is unique; linear τ = 1/(1 + σ/s0), trig
     * τ = 1/√(1 + (σ/s0)²).
     */
    public double tauAtNoiseRatio(double sigma) {
        double q = sigma / s0;
        return switch (shape) {
            case TRIG -> 1 / Math.hypot(1, q);
            case LINEAR -> 1 / (1 + q);
        };
    }

    /** The τ at which a(τ) = level, for 0 ≤ level ≤ s0. */
    public double tauAtLevel(double level) {
        double q = level / s0;
        return switch (shape) {
            case TRIG -> Math.sqrt(Math.max(0, 1 - q * q));
            case LINEAR -> 1 - q;
        };
    }
}
