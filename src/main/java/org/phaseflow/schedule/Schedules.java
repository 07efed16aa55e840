package org.phaseflow.schedule;

import org.phaseflow.interpolant.Interpolant;

/** The schedules by name, as the command line knows them. */
public final class Schedules {
    private Schedules() {}

    /** Names accepted by {@link #create}. */
    public static final String NAMES = "uniform, dilated, cosine";

    public static Schedule create(String name, Interpolant interpolant, int dim, double k) {
        return switch (name) {
            case "uniform" -> new Uniform();
            case "dilated" -> new Dilated(interpolant, dim, k);
            case "cosine" -> new Cosine();
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "' (allowed: " + NAMES + ")");
        };
    }
}
