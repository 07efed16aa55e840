package org.phaseflow.model;

import java.util.Locale;

/** The two model families of the paper (docs/mathematics.md §2, §3). */
public enum ModelKind {
    /** Gaussian mixture: the paper's two-mode preset, or a general mixture read from a file. */
    GM,
    /** Curie–Weiss, in its two-mode product form. */
    CW;

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
