package org.phaseflow.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Function;
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

    /**
     * The outcomes of consecutive particle ranges of one run at the same K (shards, {@link
     * Sampler#run(RunSpec, int, int, int[], Recording, LongConsumer)}), joined in the order given,
     * which must be index order: the joined arrays are those of the whole run, bit for bit, and so is
     * every feature computed from them. Mean paths are joined when every part has them; traces and
     * final states, which are those of a run's first particles, only when a single part is given.
     * The times are the sums over the parts (the work, not the wall time of parts run side by side).
     */
    public static Samples concat(List<Samples> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no samples to join");
        Samples first = parts.get(0);
        if (parts.size() == 1) return first;
        double integration = 0, wall = 0;
        Histogram latency = first.latency() == null ? null : new Histogram(first.latency().getHighestTrackableValue(), 3);
        boolean paths = true;
        for (Samples s : parts) {
            if (s.steps() != first.steps() || !Arrays.equals(s.tau(), first.tau())) {
                throw new IllegalArgumentException("samples of K = " + s.steps() + " and K = " + first.steps() + " (or of other grids) cannot be joined");
            }
            if (s.traces().length > 0 || s.finals().length > 0) {
                throw new IllegalArgumentException("traces and final states are of a run's first particles: shards join their outcomes and mean paths only");
            }
            paths &= s.meanPaths() != null;
            integration += s.integrationSeconds();
            wall += s.wallSeconds();
            if (latency != null && s.latency() != null) latency.add(s.latency());
        }
        return new Samples(first.steps(), first.tau(), ints(parts, Samples::mode), doubles(parts, Samples::low), doubles(parts, Samples::projection),
                ints(parts, Samples::nfe), ints(parts, Samples::accepted), ints(parts, Samples::rejected), paths ? floats(parts) : null,
                first.traces(), first.finals(), latency, integration, wall);
    }

    private static int[] ints(List<Samples> parts, Function<Samples, int[]> f) {
        int[] out = new int[parts.stream().mapToInt(Samples::particles).sum()];
        int at = 0;
        for (Samples s : parts) {
            int[] v = f.apply(s);
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static double[] doubles(List<Samples> parts, Function<Samples, double[]> f) {
        double[] out = new double[parts.stream().mapToInt(Samples::particles).sum()];
        int at = 0;
        for (Samples s : parts) {
            double[] v = f.apply(s);
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static float[] floats(List<Samples> parts) {
        float[] out = new float[parts.stream().mapToInt(s -> s.meanPaths().length).sum()];
        int at = 0;
        for (Samples s : parts) {
            System.arraycopy(s.meanPaths(), 0, out, at, s.meanPaths().length);
            at += s.meanPaths().length;
        }
        return out;
    }

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
