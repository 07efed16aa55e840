package org.phaseflow.config;

import java.util.Locale;

/** The two-mode GM's direction u: all ones, or a fixed random ±1 vector drawn from the run's seed. */
public enum Direction {
    ONES, RANDOM;

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
