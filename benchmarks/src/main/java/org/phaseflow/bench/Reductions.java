package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
import org.phaseflow.kernel.FlowKernels;

/** The reductions alone (the GM logits' Σx and u·x): one call reads d (or 2d) floats. */
public class Reductions extends Suite {
    @Param({"scalar", "vector"}) String kernels;

    FlowKernels k;
    float[] x, u;

    @Setup(Level.Trial)
    public void setUp() {
        k = Data.kernels(kernels);
        x = Data.gaussian(dim, 1, 1);
        u = Data.signs(dim, 2);
    }

    @Benchmark
    public double sum(ElementCounter c) {
        c.elementSteps += dim;
        return k.sum(x, 0, dim);
    }

    @Benchmark
    public double dot(ElementCounter c) {
        c.elementSteps += dim;
        return k.dot(x, 0, u, 0, dim);
    }
}
