package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.CurieWeiss;

/**
 * The CW kernels (docs/mathematics.md §3.4): the statistic pass (one tanh per element, one log per block of
 * ratios) and the fused step (η from the stored tanh, the update, the next tanh and log-odds). The step
 * writes out to a second array so the state does not drift between calls.
 */
public class CwStep extends Suite {
    @Param({"scalar", "vector"}) String kernels;

    FlowKernels k;
    float[] x, th, out;
    final double[] sums = new double[2];
    final float m = (float) CurieWeiss.magnetisation(2);
    final int block = FlowKernels.logBlock(m);

    @Setup(Level.Trial)
    public void setUp() {
        k = Data.kernels(kernels);
        x = Data.gaussian(dim, 1, 1);
        th = new float[dim];
        out = new float[dim];
        k.cwLogOdds(x, 0, th, dim, 0.5f, m, block, sums);
    }

    @Benchmark
    public double[] logOdds(ElementCounter c) {
        c.elementSteps += dim;
        k.cwLogOdds(x, 0, th, dim, 0.5f, m, block, sums);
        return sums;
    }

    /** x is left alone (out is a second array), so every call starts from a similar state. */
    @Benchmark
    public double[] step(ElementCounter c) {
        c.elementSteps += dim;
        k.cwStep(x, 0, th, out, 0, dim, 0.99f, 0.01f, m, 0.3f, 0.5f, block, sums);
        return sums;
    }
}
