package org.phaseflow.interpolant;

import java.util.Locale;

/** Interpolant family: which initial noise scale s0 (docs/mathematics.md §1.1). */
public enum Family {
    /** Variance preserving: s0 = 1. */
    VP,
    /** Variance exploding: s0 = √d. */
    VE;

    /** The family's initial noise scale in dimension d. */
    public double s0(int dim) { return this == VP ? 1.0 : Math.sqrt(dim); }

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return id(); }
}
