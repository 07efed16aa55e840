package org.phaseflow.scheduler;

/**
 * What to keep besides each particle's outcome: M_t for every particle and step (N×(K+1) floats),
 * X_t^i for a few coordinates of the first {@code traceParticles} particles, step latencies, and the
 * final state of the first {@code finalStates} particles (finalStates×d floats, for histograms of
 * single coordinates). Never the full trajectory of the ensemble.
 */
public record Recording(boolean meanPaths, int traceParticles, int[] traceCoordinates, boolean latency, int finalStates) {
    public static final Recording OUTCOMES = new Recording(false, 0, new int[0], false);
    public static final Recording PATHS = new Recording(true, 0, new int[0], false);

    public Recording {
        if (traceParticles < 0) throw new IllegalArgumentException("trace particles must not be negative, got " + traceParticles);
        if (finalStates < 0) throw new IllegalArgumentException("final states must not be negative, got " + finalStates);
    }

    /** Without final states. */
    public Recording(boolean meanPaths, int traceParticles, int[] traceCoordinates, boolean latency) {
        this(meanPaths, traceParticles, traceCoordinates, latency, 0);
    }
}
