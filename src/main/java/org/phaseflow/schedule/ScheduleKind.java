package org.phaseflow.schedule;

import java.util.Locale;
import org.phaseflow.interpolant.Interpolant;

/** The schedules τ(t) by name, as the command line and the study plan know them (docs/mathematics.md §5). */
public enum ScheduleKind implements ScheduleSpec {
    /** τ = t: the paper's constant denoising rate. */
    UNIFORM,
    /** The paper's two-phase schedule around the model's transition window (width parameter k). */
    DILATED,
    /** τ = sin(πt/2), what practitioners use, for comparison. */
    COSINE;

    /** The schedule for an interpolant in dimension d; k is the dilated schedule's width parameter. */
    @Override
    public Schedule create(Interpolant interpolant, int dim, double k) {
        return switch (this) {
            case UNIFORM -> new Uniform();
            case DILATED -> new Dilated(interpolant, dim, k);
            case COSINE -> new Cosine();
        };
    }

    /** Whether the width parameter k changes this schedule. */
    @Override
    public boolean usesK() { return this == DILATED; }

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
