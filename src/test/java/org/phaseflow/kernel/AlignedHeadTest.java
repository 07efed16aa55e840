package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The aligned head (scalar elements before the loop body, the same at every width) and the
 * polynomial log: vector against scalar, bit for bit, at offsets that put the head anywhere from 0
 * to 15 elements; the scalar twin's log against the vector one.
 */
class AlignedHeadTest {
    static final int[] LENGTHS = {1, 7, 16, 17, 63, 1000, 4099, 100003};
    static final int[] OFFSETS = {0, 1, 5, 12, 13};
    final FlowKernels v = new VectorKernels(), s = new ScalarKernels();

    static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    static void close(double want, double got, double rel, String what) {
        assertEquals(want, got, rel * Math.max(1, Math.abs(want)), what);
    }

    /** The same double, bit for bit (the kernels run here on FMA hardware, where both forms fuse). */
    static void same(double want, double got, String what) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), what + ": scalar " + want + ", vector " + got);
    }

    @Test
    void headReachesTheAlignment() {
        for (int xo = 0; xo < 40; xo++) {
            int h = VectorKernels.head(xo, 1000);
            assertTrue(h >= 0 && h < Lanes.V, "head " + h);
            assertEquals(h, Lanes.head(xo, 1000), "the scalar twin's head");
            if (VectorKernels.ALIGN > 0) assertEquals(0, (VectorKernels.BASE + 4 * (xo + h)) % VectorKernels.ALIGN, "xo " + xo);
        }
        assertEquals(0, VectorKernels.head(3, 0));
    }

    @Test
    void gmKernelsAgreeAtEveryOffset() {
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                float[] x = gaussian(n + off, n), u = gaussian(n, n + 1);
                for (int i = 0; i < n; i++) u[i] = u[i] > 0 ? 1 : -1;
                String at = "n " + n + " offset " + off;
                same(s.sum(x, off, n), v.sum(x, off, n), "sum " + at);
                same(s.dot(x, off, u, 0, n), v.dot(x, off, u, 0, n), "dot " + at);
                float[] o1 = new float[n + off], o2 = new float[n + off];
                same(s.affineOnes(x, off, o1, off, n, 0.9f, 0.1f), v.affineOnes(x, off, o2, off, n, 0.9f, 0.1f), "affineOnes " + at);
                assertArrayEquals(o1, o2, at);
                double[] a = new double[2], b = new double[2];
                s.affine(x, off, u, o1, off, n, 0.9f, 0.1f, a);
                v.affine(x, off, u, o2, off, n, 0.9f, 0.1f, b);
                same(a[0], b[0], "affine u·out " + at);
                same(a[1], b[1], "affine Σout " + at);
                assertArrayEquals(o1, o2, at);
            }
        }
    }

    @Test
    void cwKernelsAgreeAtEveryOffset() {
        float m = 0.9575f;
        int block = FlowKernels.logBlock(m);
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                float[] x = gaussian(n + off, n);
                float[] t1 = new float[n], t2 = new float[n];
                double[] a = new double[2], b = new double[2];
                String at = "n " + n + " offset " + off;
                s.cwLogOdds(x, off, t1, n, 0.8f, m, block, a);
                v.cwLogOdds(x, off, t2, n, 0.8f, m, block, b);
                same(a[0], b[0], "logOdds " + at);
                same(a[1], b[1], "Σx " + at);
                assertArrayEquals(t1, t2, at);
                float[] o1 = new float[n + off], o2 = new float[n + off];
                s.cwStep(x, off, t1, o1, off, n, 0.97f, 0.05f, m, 0.4f, 1.3f, block, a);
                v.cwStep(x, off, t2, o2, off, n, 0.97f, 0.05f, m, 0.4f, 1.3f, block, b);
                same(a[0], b[0], "step logOdds " + at);
                same(a[1], b[1], "step Σout " + at);
                assertArrayEquals(o1, o2, at);
                assertArrayEquals(t1, t2, at);
            }
        }
    }

    @Test
    void polynomialLogMatchesMathLog() {
        int l = VectorKernels.L;
        float[] in = new float[l], out = new float[l];
        SplittableRandom r = new SplittableRandom(7);
        for (int rep = 0; rep < 20000; rep++) {
            for (int i = 0; i < l; i++) in[i] = (float) Math.exp(r.nextDouble(-80, 80));
            VectorKernels.log(FloatVector.fromArray(VectorKernels.S, in, 0)).intoArray(out, 0);
            for (int i = 0; i < l; i++) {
                double want = Math.log(in[i]);
                assertEquals(want, out[i], 3e-7 * Math.max(1, Math.abs(want)), "log " + in[i]);
                assertEquals(Float.floatToRawIntBits(out[i]), Float.floatToRawIntBits(ScalarKernels.logf(in[i])), "scalar log " + in[i]);
            }
        }
        in[0] = 0;
        in[1] = -1;
        in[2] = Float.NaN;
        in[3] = Float.POSITIVE_INFINITY;
        VectorKernels.log(FloatVector.fromArray(VectorKernels.S, in, 0)).intoArray(out, 0);
        assertTrue(Float.isNaN(out[0]) && Float.isNaN(out[1]) && Float.isNaN(out[2]));
        assertEquals(Float.POSITIVE_INFINITY, out[3]);
        for (int i = 0; i < 4; i++) assertEquals(out[i], ScalarKernels.logf(in[i]), "scalar log " + in[i]);
    }
}
