package org.phaseflow.interpolant;

import java.util.Locale;

/** Noise-level shape a(τ)/s0 of docs/mathematics.md §1.1. */
public enum Shape {
    /** a(τ) = s0·√(1 − τ²). */
    TRIG,
    /** a(τ) = s0·(1 − τ). */
    LINEAR;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return id(); }
}
