package org.phaseflow.integrator;

/**
 * The tolerances of an adaptive scheme (docs/mathematics.md §6.3): a step is accepted when its error
 * estimate, measured by {@code norm}, is at most atol + rtol·(the same norm of the state).
 */
public record Tolerances(double rtol, double atol, ErrorNorm norm) {
    /** The defaults of {@code --rtol}, {@code --atol} and {@code --error-norm}. */
    public static final Tolerances DEFAULT = new Tolerances(1e-3, 1e-6, ErrorNorm.RMS);

    /** With the RMS norm. */
    public Tolerances(double rtol, double atol) { this(rtol, atol, ErrorNorm.RMS); }

    public Tolerances {
        if (!(rtol >= 0) || Double.isInfinite(rtol)) throw new IllegalArgumentException("--rtol must be a finite number ≥ 0, got " + rtol);
        if (!(atol >= 0) || Double.isInfinite(atol)) throw new IllegalArgumentException("--atol must be a finite number ≥ 0, got " + atol);
        if (rtol == 0 && atol == 0) throw new IllegalArgumentException("--rtol and --atol are both 0: at least one must be positive");
        if (rtol > 0 && rtol < 1e-7) {
            throw new IllegalArgumentException("--rtol " + rtol + " is below float precision (the state is float): take at least 1e-7");
        }
        if (norm == null) norm = ErrorNorm.RMS;
    }
}
