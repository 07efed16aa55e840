package org.phaseflow.scheduler;

/**
 * What to keep besides each particle's outcome: M_t for every particle and step (N×(K+1) floats),
 * X_t^i for a few coordinates of the first {@code traceParticles} particles, step latencies.
 */
public record Recording(boolean meanPaths, int traceParticles, int[] traceCoordinates, boolean latency) {
    public static final Recording OUTCOMES = new Recording(false, 0, new int[0], false);
    public static final Recording PATHS = new Recording(true, 0, new int[0], false);
}
