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
                num = t.fma(vm, one).mul(num);
                den = t.neg().fma(vm, one).mul(den);
            }
            logs = num.div(den).lanewise(VectorOperators.LOG).add(logs);
        }
        return logs.reduceLanes(VectorOperators.ADD);
    }

    /**
     * What an isotropic mixture step with k vector means must do over x[0..n) (docs/mathematics.md §2.7),
     * in the cheapest order and with no reduction order to keep: read x and the k means once, write x
     * once, and per element and mean two FMAs (the step's and the dot product's), plus the square and
     * the sum of the output. Four vectors per round with their own accumulators, so that no chain of
     * dependent FMAs is longer than the kernel's. Returns the accumulators' total (a sink).
     */
    public static double mixtureIso(float[] x, int n, float[][] mu, int k, float a, float b, float[] betas) {
        FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
        FloatVector d0 = FloatVector.zero(S), d1 = d0, d2 = d0, d3 = d0, q = d0, s = d0;
        int i = 0, body = n - n % (4 * L);
        for (; i < body; i += 4 * L) {
            FloatVector x0 = FloatVector.fromArray(S, x, i), x1 = FloatVector.fromArray(S, x, i + L);
            FloatVector x2 = FloatVector.fromArray(S, x, i + 2 * L), x3 = FloatVector.fromArray(S, x, i + 3 * L);
            FloatVector o0 = x0.fma(va, vb), o1 = x1.fma(va, vb), o2 = x2.fma(va, vb), o3 = x3.fma(va, vb);
            for (int j = 0; j < k; j++) {
                float[] m = mu[j];
                FloatVector bj = FloatVector.broadcast(S, betas[j]);
                FloatVector m0 = FloatVector.fromArray(S, m, i), m1 = FloatVector.fromArray(S, m, i + L);
                FloatVector m2 = FloatVector.fromArray(S, m, i + 2 * L), m3 = FloatVector.fromArray(S, m, i + 3 * L);
                o0 = m0.fma(bj, o0);
                o1 = m1.fma(bj, o1);
                o2 = m2.fma(bj, o2);
                o3 = m3.fma(bj, o3);
                d0 = m0.fma(x0, d0);
                d1 = m1.fma(x1, d1);
                d2 = m2.fma(x2, d2);
                d3 = m3.fma(x3, d3);
            }
            o0.intoArray(x, i);
            o1.intoArray(x, i + L);
            o2.intoArray(x, i + 2 * L);
            o3.intoArray(x, i + 3 * L);
            q = o0.fma(o0, o1.fma(o1, o2.fma(o2, o3.fma(o3, q))));
            s = o0.add(o1).add(o2.add(o3)).add(s);
        }
        double tail = 0;
        for (; i < n; i++) {
            float o = Math.fma(x[i], a, b);
            for (int j = 0; j < k; j++) o = Math.fma(mu[j][i], betas[j], o);
            x[i] = o;
            tail += o;
        }
        return d0.add(d1).add(d2.add(d3)).add(q).add(s).reduceLanes(VectorOperators.ADD) + tail;
    }

    /**
     * What a diagonal mixture step over c components must do over x[0..n) (docs/mathematics.md §2.8):
     * read x, each component's σ² and (where mu[j] is not null) its mean once, write x once, and per
     * element and component the kernel's arithmetic — two FMAs for v and v', the one division, the
     * coefficient G, the two FMAs of the step, the distance's FMA and product — with one accumulator per
     * lane vector and nothing kept for a second pass. Returns the accumulators' total (a sink).
     */
    public static double mixtureDiag(float[] x, int n, float[][] mu, float[] muScalar, float[][] var, int c, float[] w,
                                     float tau, float a2, float tauNext, float a2Next) {
        FloatVector vt2 = FloatVector.broadcast(S, tau * tau), va2 = FloatVector.broadcast(S, a2);
        FloatVector vtn2 = FloatVector.broadcast(S, tauNext * tauNext), va2n = FloatVector.broadcast(S, a2Next);
        FloatVector vct = FloatVector.broadcast(S, 0.01f * tau), vck = FloatVector.broadcast(S, -0.01f), vce = FloatVector.broadcast(S, 0.01f);
        FloatVector negTau = FloatVector.broadcast(S, -tau), negTn = FloatVector.broadcast(S, -tauNext), one = FloatVector.broadcast(S, 1f);
        FloatVector vcx = FloatVector.broadcast(S, 0.999f);
        FloatVector d0 = FloatVector.zero(S), d1 = d0, s = d0;
        int i = 0, body = n - n % (2 * L);
        for (; i < body; i += 2 * L) {
            FloatVector x0 = FloatVector.fromArray(S, x, i), x1 = FloatVector.fromArray(S, x, i + L);
            FloatVector o0 = x0.mul(vcx), o1 = x1.mul(vcx);
            for (int j = 0; j < c; j++) {
                float[] sj = var[j], m = mu[j];
                FloatVector vw = FloatVector.broadcast(S, w[j]), ms = FloatVector.broadcast(S, muScalar[j]);
                FloatVector s0 = FloatVector.fromArray(S, sj, i), s1 = FloatVector.fromArray(S, sj, i + L);
                FloatVector v0 = s0.fma(vt2, va2), v1 = s1.fma(vt2, va2), n0 = s0.fma(vtn2, va2n), n1 = s1.fma(vtn2, va2n);
                FloatVector r0 = one.div(v0.mul(n0)), r1 = one.div(v1.mul(n1));
                FloatVector g0 = s0.fma(vct, vck).mul(n0.mul(r0)), g1 = s1.fma(vct, vck).mul(n1.mul(r1));
                FloatVector m0 = m == null ? ms : FloatVector.fromArray(S, m, i), m1 = m == null ? ms : FloatVector.fromArray(S, m, i + L);
                o0 = g0.fma(negTau, vce).mul(vw).fma(m0, g0.mul(vw).fma(x0, o0));
                o1 = g1.fma(negTau, vce).mul(vw).fma(m1, g1.mul(vw).fma(x1, o1));
                FloatVector l0 = m0.fma(negTn, o0), l1 = m1.fma(negTn, o1);
                d0 = l0.mul(v0.mul(r0)).fma(l0, d0);
                d1 = l1.mul(v1.mul(r1)).fma(l1, d1);
            }
            o0.intoArray(x, i);
            o1.intoArray(x, i + L);
            s = o0.add(o1).add(s);
        }
        for (; i < n; i++) x[i] *= 0.999f;   // the tail only keeps x bounded
        return d0.add(d1).add(s).reduceLanes(VectorOperators.ADD);
    }
}
