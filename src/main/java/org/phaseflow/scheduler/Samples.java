package org.phaseflow.scheduler;

import org.HdrHistogram.Histogram;

/**
 * The result of running every particle through one grid of {@code steps} steps: per particle, the
 * mode it fell in, its low-level value and its projection (indexed by particle), and what the
 * {@link Recording} asked for. {@code integrationSeconds} is the wall time of the integration alone
 * (the slowest worker's), without drawing noise or measuring outcomes.
 */
public record Samples(int steps, double[] tau, boolean[] plus, double[] low, double[] projection,
                      float[] meanPaths, float[][][] traces, Histogram latency,
                      double integrationSeconds, double wallSeconds) {

    public int particles() { return plus.length; }
}
