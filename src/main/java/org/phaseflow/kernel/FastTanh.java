package org.phaseflow.kernel;

/**
 * A rational approximation of tanh in float: odd degree-13 numerator over even degree-6
 * denominator, clamped where float tanh rounds to ±1 (the coefficients are Eigen's
 * {@code generic_fast_tanh_float}). One division, no exponential: the CW kernels use it in both the
 * scalar and the vector forms so the two agree to rounding. Accuracy against Math.tanh: a few ulp
 * (see FastTanhTest). Its multiply-adds are fused where the CPU has FMA ({@link ScalarKernels#fma}).
 */
public final class FastTanh {
    private FastTanh() {}

    static final float CLAMP = 7.90531110763549805f;
    static final float A1 = 4.89352455891786e-03f;
    static final float A3 = 6.37261928875436e-04f;
    static final float A5 = 1.48572235717979e-05f;
    static final float A7 = 5.12229709037114e-08f;
    static final float A9 = -8.60467152213735e-11f;
    static final float A11 = 2.00018790482477e-13f;
    static final float A13 = -2.76076847742355e-16f;
    static final float B0 = 4.89352518554385e-03f;
    static final float B2 = 2.26843463243900e-03f;
    static final float B4 = 1.18534705686654e-04f;
    static final float B6 = 1.19825839466702e-06f;

    /** tanh(x) to a few ulp. */
    public static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float x2 = c * c;
        float p = ScalarKernels.fma(x2, A13, A11);
        p = ScalarKernels.fma(p, x2, A9);
        p = ScalarKernels.fma(p, x2, A7);
        p = ScalarKernels.fma(p, x2, A5);
        p = ScalarKernels.fma(p, x2, A3);
        p = ScalarKernels.fma(p, x2, A1);
        p = p * c;
        float q = ScalarKernels.fma(x2, B6, B4);
        q = ScalarKernels.fma(q, x2, B2);
        q = ScalarKernels.fma(q, x2, B0);
        return p / q;
    }
}
