package org.phaseflow.integrator;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.ExactField;

/**
 * A stepping scheme for dX/dτ = η + a·a'·κ on a τ grid (docs/mathematics.md §6). It advances
 * one particle in place through every step of the grid and reports each step to an observer.
 */
public interface Integrator {

    /** Name on the command line. */
    String id();

    /**
     * Field evaluations ({@link ExactField#combine} calls) spent on a grid of {@code steps} steps: the
     * same for every particle, and what {@link #integrate} returns; −1 for an adaptive scheme, whose
     * count depends on the particle.
     */
    int evaluations(int steps, boolean singularAtOne);

    /**
     * Advances x[off..off+d) from τ_0 = 0 to τ_K = 1 along {@code tau}. {@code work} is a scratch
     * array of length ≥ d. A field singular at τ = 1 is never evaluated there. Returns the number of
     * field evaluations spent on this particle.
     */
    int integrate(ExactField field, Interpolant ip, double[] tau, boolean singularAtOne,
                   float[] x, int off, float[] work, StepObserver observer);

    /** Steps the last {@link #integrate} took (a fixed-step scheme: every step of the grid, −1 here). */
    default int accepted() { return -1; }

    /** Steps the last {@link #integrate} attempted and rejected (0 for a fixed-step scheme). */
    default int rejected() { return 0; }
}
