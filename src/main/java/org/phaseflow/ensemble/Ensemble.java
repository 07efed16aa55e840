package org.phaseflow.ensemble;

import java.util.SplittableRandom;

/**
 * A batch of particles in one flat, particle-major float array: particle j of the batch owns
 * x[j·d .. (j+1)·d). Its initial state X(0) ~ N(0, s0²·I) is drawn from the particle's own random
 * stream, derived from (seed, particle index) alone, so a particle's numbers never depend on which
 * worker or batch carries it.
 */
public final class Ensemble {
    private final int dim;
    private final float[] x;
    private int first, count;

    public Ensemble(int dim, int capacity) {
        this.dim = dim;
        this.x = new float[Math.multiplyExact(dim, capacity)];
    }

    public int dim() { return dim; }
    public float[] data() { return x; }
    public int first() { return first; }
    public int count() { return count; }
    public int capacity() { return x.length / dim; }

    /** Offset of batch particle j. */
    public int offset(int j) { return j * dim; }

    /** Loads particles first..first+count−1 at their initial noise. */
    public void initialise(long seed, int first, int count, double s0) {
        if (count > capacity()) throw new IllegalArgumentException("batch of " + count + " exceeds capacity " + capacity());
        this.first = first;
        this.count = count;
        for (int j = 0; j < count; j++) noise(seed, first + j, s0, x, j * dim, dim);
    }

    /** The particle's stream: a SplittableRandom seeded by a mix of (seed, index). */
    public static SplittableRandom stream(long seed, long particle) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + mix(particle + 0x632BE59BD9B4E019L)));
    }

    /** Fills out[off..off+d) with N(0, s0²) from the particle's stream. */
    public static void noise(long seed, long particle, double s0, float[] out, int off, int d) {
        SplittableRandom r = stream(seed, particle);
        for (int i = 0; i < d; i++) out[off + i] = (float) (s0 * r.nextGaussian());
    }

    /** Stafford's variant 13 of the 64-bit finaliser (as in SplitMix64). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
