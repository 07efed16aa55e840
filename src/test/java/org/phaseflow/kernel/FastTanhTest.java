package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link FastTanh} against Math.tanh (rounded to float): within 4 float ulp of the correctly rounded
 * value at the points tried, for |x| from 1e-30 to the largest float (every float in (1e-30, 8.5]:
 * at most 5), odd, within [−1, 1], and its lane form equal to the scalar form to 1 ulp. Without
 * hardware FMA the scalar form multiplies and adds unfused: within 7 ulp (6 at the points tried,
 * 7 over every float in (1e-30, 8.5]).
 */
class FastTanhTest {
    static final int MAX_ULPS = ScalarKernels.FMA ? 4 : 7;

    static void check(float x) {
        float expected = (float) Math.tanh(x), actual = FastTanh.tanh(x);
        float err = Math.abs(actual - expected) / Math.ulp(expected);
        assertTrue(err <= MAX_ULPS, "tanh(" + x + "): fast " + actual + " vs " + expected + " (" + err + " ulp)");
    }

    @Test
    void withinFourUlpOnADenseGrid() {
        for (float x = -12f; x <= 12f; x += 1.0f / 4096) check(x);
    }

    @Test
    void withinFourUlpAcrossMagnitudes() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            // |x| log-uniform over [1e-30, 1e4]. Below about 1e-36 the numerator A1·x underflows to a
            // subnormal float and the relative accuracy is lost; no CW argument r·x_i comes near that.
            float x = (float) (Math.exp(r.nextDouble(Math.log(1e-30), Math.log(1e4))) * (r.nextBoolean() ? 1 : -1));
            check(x);
        }
        for (float x : new float[] {0f, -0f, 1e-30f, 1e-20f, 1e-8f, 4e-4f, 0.5f, 1f, 7.9f, 7.90531110763549805f, 7.91f,
                9f, 9.1f, 20f, 88f, 1e10f, Float.MAX_VALUE}) {
            check(x);
            check(-x);
        }
    }

    /** Odd, bounded by 1, and near ±1 for large |x| (within the ulp bound: the clamp holds the value just below 1). */
    @Test
    void boundedAndOdd() {
        assertEquals(0f, FastTanh.tanh(0f));
        for (float x : new float[] {10f, 100f, Float.POSITIVE_INFINITY}) {
            assertTrue(Math.abs(FastTanh.tanh(x) - 1f) <= MAX_ULPS * Math.ulp(1f), "tanh(" + x + ") = " + FastTanh.tanh(x));
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x));
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            float x = (float) r.nextDouble(-10, 10);
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x), "odd at " + x);
            float t = FastTanh.tanh(x);
            assertTrue(t >= -1f && t <= 1f, "tanh(" + x + ") = " + t + " outside [-1, 1]");
        }
    }

    /**
     * The lane form (used by the CW kernels) is the same rational function with the same fused
     * operations: bit for bit where the CPU fuses (as the vector form requires), else to 1 ulp.
     * NaN, ±0, ±∞ and the clamp's edges included.
     */
    @Test
    void laneFormMatchesScalarForm() {
        int lanes = VectorKernels.L;
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[lanes], out = new float[lanes];
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < lanes; i++) x[i] = (float) (r.nextGaussian() * (round % 3 == 0 ? 0.01 : round % 3 == 1 ? 1 : 20));
            if (round == 0) {
                float[] edge = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, FastTanh.CLAMP, -FastTanh.CLAMP,
                        Math.nextUp(FastTanh.CLAMP), Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f};
                System.arraycopy(edge, 0, x, 0, Math.min(lanes, edge.length));
            }
            VectorKernels.tanh(FloatVector.fromArray(VectorKernels.S, x, 0)).intoArray(out, 0);
            for (int i = 0; i < lanes; i++) {
                float s = FastTanh.tanh(x[i]);
                if (ScalarKernels.FMA) assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(out[i]), "lane tanh(" + x[i] + ") = " + out[i] + ", scalar " + s);
                else assertTrue(Math.abs(out[i] - s) <= Math.ulp(s), "lane tanh(" + x[i] + ") = " + out[i] + ", scalar " + s);
            }
        }
    }
}
