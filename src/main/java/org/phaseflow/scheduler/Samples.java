package org.phaseflow.scheduler;

import org.HdrHistogram.Histogram;

/**
 * The result of running every particle through one grid of {@code steps} steps: per particle, the
 * mode it fell in, its low-level value and its projection (indexed by particle), and what the
 * {@link Recording} asked for ({@code finals[p]} is the final state of particle p). {@code
 * integrationSeconds} is the wall time of the integration alone (the slowest worker's), without
 * drawing noise or measuring outcomes.
 */
public record Samples(int steps, double[] tau, int[] mode, double[] low, double[] projection,
                      float[] meanPaths, float[][][] traces, float[][] finals, Histogram latency,
                      double integrationSeconds, double wallSeconds) {

    /** Without final states. */
    public Samples(int steps, double[] tau, int[] mode, double[] low, double[] projection,
                   float[] meanPaths, float[][][] traces, Histogram latency,
                   double integrationSeconds, double wallSeconds) {
        this(steps, tau, mode, low, projection, meanPaths, traces, new float[0][], latency, integrationSeconds, wallSeconds);
    }

    public int particles() { return mode.length; }
}
