package org.phaseflow.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.*;
import org.phaseflow.kernel.VectorKernels;

/**
 * The vector tanh with its input clamped two ways (native-notes/cw-step.md): {@code max/min}, which
 * C2 compiles with Java's NaN and −0.0 rules (five instructions per bound), against the kernels'
 * compare-and-blend (two). Same polynomial, same values.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:ObjectAlignmentInBytes=64"})
@State(Scope.Thread)
public class TanhClamp {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final float CLAMP = 7.90531110763549805f;
    // FastTanh's coefficients (Eigen's generic_fast_tanh_float)
    static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
            A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f,
            A13 = -2.76076847742355e-16f, B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f,
            B4 = 1.18534705686654e-04f, B6 = 1.19825839466702e-06f;

    @Param("10000") int dim;
    float[] x, y;

    @Setup(Level.Trial)
    public void setUp() {
        x = Data.gaussian(dim, 3, 1);
        y = new float[dim];
    }

    static FloatVector tanhMaxMin(FloatVector v) {
        FloatVector c = v.max(-CLAMP).min(CLAMP);
        FloatVector x2 = c.mul(c);
        FloatVector p = x2.fma(A13, A11);
        p = p.fma(x2, FloatVector.broadcast(S, A9));
        p = p.fma(x2, FloatVector.broadcast(S, A7));
        p = p.fma(x2, FloatVector.broadcast(S, A5));
        p = p.fma(x2, FloatVector.broadcast(S, A3));
        p = p.fma(x2, FloatVector.broadcast(S, A1));
        p = p.mul(c);
        FloatVector q = x2.fma(B6, B4);
        q = q.fma(x2, FloatVector.broadcast(S, B2));
        q = q.fma(x2, FloatVector.broadcast(S, B0));
        return p.div(q);
    }

    @Benchmark
    public float maxMin(ElementCounter c) {
        c.elementSteps += dim;
        for (int i = 0, n = S.loopBound(dim); i < n; i += S.length()) tanhMaxMin(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        return y[0];
    }

    @Benchmark
    public float compareBlend(ElementCounter c) {
        c.elementSteps += dim;
        for (int i = 0, n = S.loopBound(dim); i < n; i += S.length()) VectorKernels.tanh(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        return y[0];
    }
}
