package org.phaseflow.bench;

import java.util.SplittableRandom;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;

/** Inputs shared by the benchmarks: one particle's worth of floats, drawn once per trial. */
final class Data {
    private Data() {}

    /** The kernel form named by a {@code kernels} parameter. */
    static FlowKernels kernels(String name) {
        return switch (name) {
            case "scalar" -> Kernels.scalar();
            case "vector" -> Kernels.vector();
            default -> throw new IllegalArgumentException("kernels must be scalar or vector, got " + name);
        };
    }

    /** d draws of N(0, s²) from a fixed seed. */
    static float[] gaussian(int d, double s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[d];
        for (int i = 0; i < d; i++) x[i] = (float) (s * r.nextGaussian());
        return x;
    }

    /** d random signs. */
    static float[] signs(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] u = new float[d];
        for (int i = 0; i < d; i++) u[i] = r.nextBoolean() ? 1f : -1f;
        return u;
    }
}
