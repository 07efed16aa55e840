package org.phaseflow.integrator;

/**
 * The tolerances of an adaptive scheme (docs/mathematics.md §6.3): a step is accepted when the RMS of
 * its error estimate is at most atol + rtol·RMS(x), the RMS of the state over its d coordinates.
 */
public record Tolerances(double rtol, double atol) {
    /** The defaults of {@code --rtol} and {@code --atol}. */
    public static final Tolerances DEFAULT = new Tolerances(1e-3, 1e-6);

    public Tolerances {
        if (!(rtol >= 0) || Double.isInfinite(rtol)) throw new IllegalArgumentException("--rtol must be a finite number ≥ 0, got " + rtol);
        if (!(atol >= 0) || Double.isInfinite(atol)) throw new IllegalArgumentException("--atol must be a finite number ≥ 0, got " + atol);
        if (rtol == 0 && atol == 0) throw new IllegalArgumentException("--rtol and --atol are both 0: at least one must be positive");
        if (rtol > 0 && rtol < 1e-7) {
            throw new IllegalArgumentException("--rtol " + rtol + " is below float precision (the state is float): take at least 1e-7");
        }
    }
}
