package org.phaseflow.perf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.phaseflow.kernel.VectorKernels;

/**
 * The machine's limits that the kernels are measured against (issue: "the machine's limit, measured
 * beside it"). The GM step is bound by data traffic, so its ceiling is a STREAM-like in-place
 * read-modify-write sweep over the same working set (x = a·x + b, nothing else). The CW step is bound
 * by transcendental throughput, so its ceiling is the bare vector tanh per element plus one vector log
 * per {@code block} vectors (the work the CW algebra of docs/mathematics.md §3.4 cannot avoid), and no η algebra.
 */
public final class Ceilings {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Ceilings() {}

    /** x[0..n) = a·x + b in place (n a multiple of the vector length is the fast case; the tail is scalar). */
    public static void readModifyWrite(float[] x, int n, float a, float b) {
        FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
        int i = 0, h = VectorKernels.head(0, n), body = n - (n - h) % (4 * L);
        for (; i < h; i++) x[i] = Math.fma(x[i], a, b);   // to the kernels' alignment
        for (; i < body; i += 4 * L) {   // unrolled as the kernels are, so the ceiling is not loop overhead
            FloatVector.fromArray(S, x, i).fma(va, vb).intoArray(x, i);
            FloatVector.fromArray(S, x, i + L).fma(va, vb).intoArray(x, i + L);
            FloatVector.fromArray(S, x, i + 2 * L).fma(va, vb).intoArray(x, i + 2 * L);
            FloatVector.fromArray(S, x, i + 3 * L).fma(va, vb).intoArray(x, i + 3 * L);
        }
        for (; i < n; i++) x[i] = Math.fma(x[i], a, b);
    }

    /**
     * The transcendental work of a CW step over x[0..n): th = tanh(r·x) stored, one log per lane per
     * {@code block} vectors of (1 + m·th)/(1 − m·th); returns Σ of the logs.
     */
    public static double cwTranscendentals(float[] x, float[] th, int n, float r, float m, int block) {
        FloatVector vr = FloatVector.broadcast(S, r), vm = FloatVector.broadcast(S, m), one = FloatVector.broadcast(S, 1f);
        FloatVector logs = FloatVector.zero(S);
        int i = VectorKernels.head(0, n), body = n - (n - i) % L;
        while (i < body) {
            FloatVector num = one, den = one;
            for (int b = 0; b < block && i < body; b++, i += L) {
                FloatVector t = VectorKernels.tanh(FloatVector.fromArray(S, x, i).mul(vr));
                t.intoArray(th, i);
                num = num.mul(t.fma(vm, one));
                den = den.mul(t.neg().fma(vm, one));
            }
            logs = logs.add(num.div(den).lanewise(VectorOperators.LOG));
        }
        return logs.reduceLanes(VectorOperators.ADD);
    }
}
