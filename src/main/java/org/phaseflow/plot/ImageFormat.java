package org.phaseflow.plot;

import java.util.Locale;

/** The picture formats a figure is written in. */
public enum ImageFormat {
    PNG, SVG;

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
