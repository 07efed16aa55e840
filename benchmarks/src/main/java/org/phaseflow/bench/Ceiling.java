package org.phaseflow.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.*;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.VectorKernels;
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
        tanhLoop(x, y, dim, 0.7f);
        return y[0];
    }

    @Benchmark
    public float logApi(ElementCounter c) {
        c.elementSteps += dim;
        logApiLoop(ratios, y, dim);
        return y[0];
    }

    @Benchmark
    public float logPoly(ElementCounter c) {
        c.elementSteps += dim;
        logPolyLoop(ratios, y, dim);
        return y[0];
    }

    @Benchmark
    public double cwTranscendentals(ElementCounter c) {
        c.elementSteps += dim;
        return Ceilings.cwTranscendentals(x, y, dim, 0.7f, m, block);
    }

    // the bare tanh and log loops (the bench command measures only the two ceilings of perf.Ceilings)
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** y = tanh(r·x) over the vector body (the kernels' rational tanh). */
    static void tanhLoop(float[] x, float[] y, int n, float r) {
        FloatVector vr = FloatVector.broadcast(S, r);
        for (int i = 0, body = S.loopBound(n); i < body; i += L) {
            VectorKernels.tanh(FloatVector.fromArray(S, x, i).mul(vr)).intoArray(y, i);
        }
    }

    /** y = log(x) over the vector body with the Vector API's LOG (an intrinsic stub where the JDK has one). */
    static void logApiLoop(float[] x, float[] y, int n) {
        for (int i = 0, body = S.loopBound(n); i < body; i += L) {
            FloatVector.fromArray(S, x, i).lanewise(VectorOperators.LOG).intoArray(y, i);
        }
    }

    /** y = log(x) over the vector body with the kernels' own polynomial log. */
    static void logPolyLoop(float[] x, float[] y, int n) {
        for (int i = 0, body = S.loopBound(n); i < body; i += L) {
            VectorKernels.log(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
    }
}
