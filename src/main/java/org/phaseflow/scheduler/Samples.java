package org.phaseflow.scheduler;

import org.HdrHistogram.Histogram;

/**
 * The result of running every particle through one grid of {@code steps} steps: per particle, the
 * mode it fell in, its low-level value, its projection and the field evaluations its integration
 * spent ({@code nfe}, docs/mathematics.md §6; the same for every particle with a fixed-step scheme)
 * with the steps it took and rejected (an adaptive scheme; a fixed-step one takes the K steps of the
 * grid and rejects none), indexed by particle, and what the
 * {@link Recording} asked for ({@code finals[p]} is the final state of particle p). {@code
 * integrationSeconds} is the wall time of the integration alone (the slowest worker's), without
 * drawing noise or measuring outcomes.
 */
public record Samples(int steps, double[] tau, int[] mode, double[] low, double[] projection, int[] nfe,
                      int[] accepted, int[] rejected,
                      float[] meanPaths, float[][][] traces, float[][] finals, Histogram latency,
                      double integrationSeconds, double wallSeconds) {

    /** Without final states, and without evaluation counts (every nfe is 0). */
    public Samples(int steps, double[] tau, int[] mode, double[] low, double[] projection,
                   float[] meanPaths, float[][][] traces, Histogram latency,
                   double integrationSeconds, double wallSeconds) {
        this(steps, tau, mode, low, projection, new int[mode.length], new int[mode.length], new int[mode.length], meanPaths, traces, new float[0][], latency,
                integrationSeconds, wallSeconds);
    }

    public int particles() { return mode.length; }

    /** Field evaluations per particle, averaged over the particles (exact for a fixed-step scheme). */
    public double meanNfe() {
        long s = 0;
        for (int v : nfe) s += v;
        return nfe.length == 0 ? 0 : (double) s / nfe.length;
    }

    /** Steps taken per particle, averaged over the particles. */
    public double meanAccepted() { return mean(accepted); }

    /** Rejected steps per particle, averaged over the particles. */
    public double meanRejected() { return mean(rejected); }

    private static double mean(int[] v) {
        long s = 0;
        for (int a : v) s += a;
        return v.length == 0 ? 0 : (double) s / v.length;
    }

    /** Field evaluations of every particle together. */
    public long totalNfe() {
        long s = 0;
        for (int v : nfe) s += v;
        return s;
    }

    /** The evaluation count when every particle spent the same (a fixed-step scheme), else −1. */
    public int commonNfe() {
        if (nfe.length == 0) return 0;
        for (int v : nfe) if (v != nfe[0]) return -1;
        return nfe[0];
    }
}
