package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.kernel.FlowKernels;

/**
 * The GM fused field-and-step kernel (docs/mathematics.md §2.6): out = αx + βu in place, with the next step's
 * reduction(s) accumulated in the same pass. α is 1 − 1e-7 and β = 0 so x stays put over billions of calls.
 */
public class GmStep extends Suite {
    @Param({"scalar", "vector"}) String kernels;
    /** Start of the row inside its array, in floats (alignment experiments: native-notes/alignment.md). */
    @Param("0") int offset;

    FlowKernels k;
    float[] x, u;
    final double[] sums = new double[2];
    float alpha = 1 - 1e-7f, beta = 0f;

    @Setup(Level.Trial)
    public void setUp() {
        k = Data.kernels(kernels);
        x = Data.gaussian(dim + offset, 1, 1);
        u = Data.signs(dim, 2);
    }

    /** u = ones: one read, one write and one sum per element. */
    @Benchmark
    public double affineOnes(ElementCounter c) {
        c.elementSteps += dim;
        return k.affineOnes(x, offset, x, offset, dim, alpha, beta);
    }

    /** u random ±1: two reads, one write, two sums per element. */
    @Benchmark
    public double[] affine(ElementCounter c) {
        c.elementSteps += dim;
        k.affine(x, offset, u, x, offset, dim, alpha, beta, sums);
        return sums;
    }
}
