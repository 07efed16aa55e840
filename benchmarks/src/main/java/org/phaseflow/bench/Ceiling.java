package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.perf.Ceilings;

/**
 * The machine's limits beside the kernels: a STREAM-like in-place read-modify-write sweep over the same
 * working sets (the GM step's ceiling), the bare vector tanh and log (the Vector API's LOG and the
 * kernels' polynomial), and the CW step's transcendental work alone (its ceiling). Counted per element.
 */
public class Ceiling extends Suite {

    float[] x, y, ratios;
    final float m = (float) CurieWeiss.magnetisation(2);
    final int block = FlowKernels.logBlock(m);

    @Setup(Level.Trial)
    public void setUp() {
        x = Data.gaussian(dim, 1, 1);
        y = new float[dim];
        ratios = new float[dim];
        for (int i = 0; i < dim; i++) ratios[i] = 0.05f + Math.abs(x[i]);
    }

    /** x = a·x + b in place; a, b keep x bounded over any number of calls. */
    @Benchmark
    public float readModifyWrite(ElementCounter c) {
        c.elementSteps += dim;
        Ceilings.readModifyWrite(x, dim, 0.5f, 0.25f);
        return x[0];
    }

    @Benchmark
    public float tanh(ElementCounter c) {
        c.elementSteps += dim;
        Ceilings.tanh(x, y, dim, 0.7f);
        return y[0];
    }

    @Benchmark
    public float logApi(ElementCounter c) {
        c.elementSteps += dim;
        Ceilings.logApi(ratios, y, dim);
        return y[0];
    }

    @Benchmark
    public float logPoly(ElementCounter c) {
        c.elementSteps += dim;
        Ceilings.logPoly(ratios, y, dim);
        return y[0];
    }

    @Benchmark
    public double cwTranscendentals(ElementCounter c) {
        c.elementSteps += dim;
        return Ceilings.cwTranscendentals(x, y, dim, 0.7f, m, block);
    }
}
