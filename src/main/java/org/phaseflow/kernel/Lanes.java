package org.phaseflow.kernel;

import java.util.Optional;

/**
 * The width-independent order of every reduction (docs/mathematics.md §4): 16 virtual float lanes
 * whatever the hardware's, an aligned head of the same length for every width, fixed rounds and
 * blocks, and one fixed tree for the lanes. Element k of the body (counted from the end of the head)
 * belongs to virtual lane k mod 16. A 512-bit vector is one set of the 16 lanes; 256-bit vectors hold
 * them in two groups of 8, 128-bit ones in four groups of 4; the scalar twin keeps them in a float[].
 * This class names no incubator type, so the scalar twin can use it without the Vector API.
 */
final class Lanes {
    private Lanes() {}

    /** Virtual lanes of every reduction. */
    static final int V = 16;
    /** Elements per flush block of the GM reductions: four rounds of four sets of lanes (64 elements). */
    static final int ROUND = 4 * V, BLOCK = 4 * ROUND;
    /** Byte alignment the loops start on (see {@link #head}); 0 when it cannot be known. */
    static final int ALIGN = alignment();
    /** Offset of element 0 from the start of a float[] object. */
    static final int BASE = floatArrayBase();

    /**
     * Elements to handle one by one from x[xo] so that the loop body starts on an {@link #ALIGN}-byte
     * boundary. A 64-byte load that straddles two cache lines costs about a third of the GM step's speed
     * here (native-notes/alignment.md), but Java only aligns objects to 8 bytes: with
     * -XX:ObjectAlignmentInBytes=64 (the launcher sets it) every array starts at a known offset from a
     * 64-byte boundary and the head can be computed; otherwise it is 0. The head is the same for every
     * vector width (a 64-byte boundary is also a 32- and a 16-byte one), so it never moves an element
     * to another virtual lane. -Dphaseflow.align=false turns it off.
     */
    static int head(int xo, int n) {
        return ALIGN == 0 ? 0 : Math.min(n, ((-(BASE + 4 * xo)) & (ALIGN - 1)) >>> 2);
    }

    private static int alignment() {
        if ("false".equals(System.getProperty("phaseflow.align"))) return 0;   // for measuring what alignment buys
        Optional<Integer> objects = HotSpotOptions.number("ObjectAlignmentInBytes");
        if (objects.isEmpty()) return 0;   // not HotSpot: alignment unknown
        int want = Math.min(objects.get(), 64);
        return want >= 16 ? want : 0;
    }

    private static int floatArrayBase() {
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 16;   // HotSpot's with compressed class pointers
        }
    }

    /**
     * Σ of the 16 lanes a[o..o+16) by the fixed tree: lane j + lane j+8, then j+4, j+2, j+1 (what
     * {@code VectorKernels.hsum} does with rotations on 16 lanes). Overwrites a[o..o+8).
     */
    static float tree(float[] a, int o) {
        for (int s = V / 2; s >= 1; s >>= 1) {
            for (int j = 0; j < s; j++) a[o + j] += a[o + j + s];
        }
        return a[o];
    }

    /** Per-thread room for lanes (the scalar twin's accumulators, the narrow vectors' groups): no allocation per call. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[8 * V]);

    /** This thread's 128 floats of scratch, contents undefined. */
    static float[] scratch() { return SCRATCH.get(); }
}
