package org.phaseflow.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API forms of {@link FlowKernels}: an aligned scalar head, a vector body, then a scalar tail.
 * Reductions follow the width-independent order of {@link Lanes} (16 virtual lanes, four
 * accumulators to hide add latency, flushed into Kahan-compensated sums every few rounds, one fixed
 * tree at the end), so that 128-, 256- and 512-bit vectors and the scalar twin give the same bits.
 *
 * <p>Every loop-carried sum or product is written with the new vector as the receiver
 * ({@code a0 = o0.add(a0)}, not {@code a0 = a0.add(o0)}; the same bits, as IEEE addition and
 * multiplication commute). A loop variable's type is a phi of its start and of the call's result,
 * so with the accumulator as receiver C2 can devirtualise the call only from the call site's type
 * profile or from class hierarchy analysis; when neither speaks (a kernel compiled at C2 before its
 * profile had the site, another FloatVector class loaded), the call stays virtual, runs the Vector
 * API's Java fallback and boxes every vector, and the kernel stays tens of times slower for the
 * rest of the run. The new vector's type is exact (it comes from an intrinsic), so the call
 * devirtualises, the result is exact, and so is the phi (native-notes/jit-receivers.md).
 */
public final class VectorKernels implements FlowKernels {
    /** Bits of the VM's preferred vectors (MaxVectorSize and the CPU decide). */
    static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    /** The preferred species, or the narrower one -Dphaseflow.vector.bits asks for. */
    static final VectorSpecies<Float> S = species();
    static final int L = S.length();
    /** Virtual lanes of every reduction ({@link Lanes}), and how many groups of L lanes hold them. */
    static final int V = Lanes.V, G = V / L;
    /** Whether the CPU has 32 vector registers: x86 has them with AVX-512, whose 512-bit vectors the VM then prefers. */
    static final boolean THIRTY_TWO_REGISTERS = PREFERRED_BITS >= 512;
    static final int FLUSH = 4;      // rounds of 16 elements per float partial of the mixture distance
    /** Byte alignment the loops start on, the same for every width (see {@link Lanes#head}). */
    static final int ALIGN = Lanes.ALIGN;
    /** Offset of element 0 from the start of a float[] object. */
    static final int BASE = Lanes.BASE;

    // rotations by 8, 4, 2 and 1 lanes: the lane tree of Lanes.tree, for the 512-bit form's one register
    private static final VectorShuffle<Float> ROT8 = rotation(8), ROT4 = rotation(4), ROT2 = rotation(2), ROT1 = rotation(1);

    /**
     * Refuses a width the VM cannot give and vectors too narrow to pay: Kernels falls back to scalar
     * on UnsupportedOperationException and passes the IllegalArgumentException (a wrong setting) on.
     */
    public VectorKernels() {
        if (V % L != 0) {   // a width that does not divide the 16 virtual lanes (none of 128, 256, 512 bits)
            throw new UnsupportedOperationException("the VM's " + S.vectorBitSize() + "-bit vectors do not divide the "
                    + V + " lanes the reductions are defined on");
        }
        if (S.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("the VM's preferred vectors are " + S.vectorBitSize()
                    + " bits wide, too narrow (below 128) to pay for the Vector API");
        }
        int bits = Kernels.requestedBits();   // throws for a malformed value
        if (bits > PREFERRED_BITS) {
            String allowed = PREFERRED_BITS >= 512 ? "128, 256 or 512" : PREFERRED_BITS >= 256 ? "128 or 256" : "128";
            throw new IllegalArgumentException("-D" + Kernels.BITS_PROPERTY + "=" + bits + " is wider than this VM's "
                    + PREFERRED_BITS + "-bit vectors; allowed here: " + allowed);
        }
    }

    // in a static initialiser a bad setting could only fail as an error: it falls back to the
    // preferred species here and is reported by the constructor, which Kernels always calls
    private static VectorSpecies<Float> species() {
        int bits;
        try {
            bits = Kernels.requestedBits();
        } catch (IllegalArgumentException e) {
            bits = 0;
        }
        if (bits == 0 || bits > PREFERRED_BITS) {
            // wider than 16 floats gains nothing over 512 bits here: the reductions have 16 lanes
            return PREFERRED_BITS > 512 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    private static VectorShuffle<Float> rotation(int w) { return w < L ? VectorShuffle.iota(S, w, 1, true) : null; }

    /**
     * Σ of the lanes by a fixed pairwise tree. reduceLanes(ADD) adds the lanes in order when
     * interpreted and as a tree once compiled, so its bits would depend on when the JIT got to a
     * kernel, and with it on the thread count; a tree of rotations is the same either way.
     */
    static float hsum(FloatVector v) {
        if (L > 8) v = v.add(v.rearrange(ROT8));
        if (L > 4) v = v.add(v.rearrange(ROT4));
        if (L > 2) v = v.add(v.rearrange(ROT2));
        if (L > 1) v = v.add(v.rearrange(ROT1));
        return v.lane(0);
    }

    @Override public String name() { return "vector(" + S.vectorBitSize() + "-bit, " + L + " lanes" + (ALIGN > 0 ? ", " + ALIGN + "-byte aligned" : "") + ")"; }

    /** Elements before the loop body so that it starts aligned: {@link Lanes#head}, the same at every width. */
    public static int head(int xo, int n) { return Lanes.head(xo, n); }

    // Every reduction below is written twice: once for a 512-bit register that holds the 16 lanes, with
    // no trace of groups, and once for narrower vectors, whose groups take turns (the *InGroups
    // methods). Both add in the order of Lanes, so they give the same bits. The 512-bit bodies of the
    // step kernels (affineOnesBody, cwLogOddsBody, cwStepBody) are methods of their own: see affineOnesBody.

    @Override
    public double sum(float[] x, int xo, int n) {
        if (G > 1) return sumInGroups(x, xo, n);
        int h = head(xo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.sum(x, xo, 0, h);
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        for (int i = h; i < body; ) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                a0 = FloatVector.fromArray(S, x, xo + i).add(a0);
                a1 = FloatVector.fromArray(S, x, xo + i + V).add(a1);
                a2 = FloatVector.fromArray(S, x, xo + i + 2 * V).add(a2);
                a3 = FloatVector.fromArray(S, x, xo + i + 3 * V).add(a3);
            }
            // compensated across flushes: the lanes are summed once, at the end
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        total += (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.sum(x, xo, body, n);
    }

    private static double sumInGroups(float[] x, int xo, int n) {
        int h = head(xo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.sum(x, xo, 0, h);
        float[] lanes = Lanes.scratch();
        for (int g = 0; g < G; g++) {
            int at = xo + g * L;
            FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
            for (int i = h; i < body; ) {
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
                for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                    a0 = FloatVector.fromArray(S, x, at + i).add(a0);
                    a1 = FloatVector.fromArray(S, x, at + i + V).add(a1);
                    a2 = FloatVector.fromArray(S, x, at + i + 2 * V).add(a2);
                    a3 = FloatVector.fromArray(S, x, at + i + 3 * V).add(a3);
                }
                FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
                comp = t.sub(acc).sub(part);
                acc = t;
            }
            acc.intoArray(lanes, g * L);
            comp.intoArray(lanes, V + g * L);
        }
        total += (double) Lanes.tree(lanes, 0) - Lanes.tree(lanes, V);
        return total + ScalarKernels.sum(x, xo, body, n);
    }

    @Override
    public double dot(float[] x, int xo, float[] y, int yo, int n) {
        if (G > 1) return dotInGroups(x, xo, y, yo, n);
        int h = head(xo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.dot(x, xo, y, yo, 0, h);
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        for (int i = h; i < body; ) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                a0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), a0);
                a1 = FloatVector.fromArray(S, x, xo + i + V).fma(FloatVector.fromArray(S, y, yo + i + V), a1);
                a2 = FloatVector.fromArray(S, x, xo + i + 2 * V).fma(FloatVector.fromArray(S, y, yo + i + 2 * V), a2);
                a3 = FloatVector.fromArray(S, x, xo + i + 3 * V).fma(FloatVector.fromArray(S, y, yo + i + 3 * V), a3);
            }
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        total += (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.dot(x, xo, y, yo, body, n);
    }

    private static double dotInGroups(float[] x, int xo, float[] y, int yo, int n) {
        int h = head(xo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.dot(x, xo, y, yo, 0, h);
        float[] lanes = Lanes.scratch();
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, ay = yo + g * L;
            FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
            for (int i = h; i < body; ) {
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
                for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                    a0 = FloatVector.fromArray(S, x, ax + i).fma(FloatVector.fromArray(S, y, ay + i), a0);
                    a1 = FloatVector.fromArray(S, x, ax + i + V).fma(FloatVector.fromArray(S, y, ay + i + V), a1);
                    a2 = FloatVector.fromArray(S, x, ax + i + 2 * V).fma(FloatVector.fromArray(S, y, ay + i + 2 * V), a2);
                    a3 = FloatVector.fromArray(S, x, ax + i + 3 * V).fma(FloatVector.fromArray(S, y, ay + i + 3 * V), a3);
                }
                FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
                comp = t.sub(acc).sub(part);
                acc = t;
            }
            acc.intoArray(lanes, g * L);
            comp.intoArray(lanes, V + g * L);
        }
        total += (double) Lanes.tree(lanes, 0) - Lanes.tree(lanes, V);
        return total + ScalarKernels.dot(x, xo, y, yo, body, n);
    }

    @Override
    public double affineOnes(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta) {
        if (G > 1) return affineOnesInGroups(x, xo, out, oo, n, alpha, beta, 1, 0, false);
        int h = head(oo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.affineOnes(x, xo, out, oo, 0, h, alpha, beta);
        total += affineOnesBody(x, xo, out, oo, h, body, alpha, beta);
        return total + ScalarKernels.affineOnes(x, xo, out, oo, body, n, alpha, beta);
    }

    /**
     * The vector body of affineOnes over [from, to): Σ out of its lanes. A method of its own, larger than
     * C2 inlines (325 bytecodes), so that it is compiled apart from the scalar head and tail. Compiled
     * together with them, the loop came out differently from one JVM to the next, in most of them with
     * α and β broadcast again every round (8 more instructions per 64 elements, about 15 % of the GM
     * step at d = 10⁴); apart, it compiled to the same 26-instruction round in every JVM tried
     * (native-notes/gm-step.md). The caller adds head, body and tail in the same order as one method would.
     */
    private static double affineOnesBody(float[] x, int xo, float[] out, int oo, int from, int to, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        for (int i = from; i < to; ) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(to, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                FloatVector o0 = FloatVector.fromArray(S, x, xo + i).fma(va, vb);
                FloatVector o1 = FloatVector.fromArray(S, x, xo + i + V).fma(va, vb);
                FloatVector o2 = FloatVector.fromArray(S, x, xo + i + 2 * V).fma(va, vb);
                FloatVector o3 = FloatVector.fromArray(S, x, xo + i + 3 * V).fma(va, vb);
                o0.intoArray(out, oo + i);
                o1.intoArray(out, oo + i + V);
                o2.intoArray(out, oo + i + 2 * V);
                o3.intoArray(out, oo + i + 3 * V);
                a0 = o0.add(a0);
                a1 = o1.add(a1);
                a2 = o2.add(a2);
                a3 = o3.add(a3);
            }
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        return (double) hsum(acc) - hsum(comp);
    }

    @Override
    public double affineOnesOnto(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta, float c, float gamma) {
        if (G > 1) return affineOnesInGroups(x, xo, y, yo, n, alpha, beta, c, gamma, true);
        int h = head(yo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.affineOnes(x, xo, y, yo, 0, h, alpha, beta, c, gamma, true);
        total += affineOnesOntoBody(x, xo, y, yo, h, body, alpha, beta, c, gamma);
        return total + ScalarKernels.affineOnes(x, xo, y, yo, body, n, alpha, beta, c, gamma, true);
    }

    /**
     * The vector body of affineOnesOnto over [from, to): affineOnesBody with y_i = fma(o_i, c, γ·y_i), summed
     * as written; a method of its own, so that the Euler step's body and its compiled code stay as they are.
     */
    private static double affineOnesOntoBody(float[] x, int xo, float[] y, int yo, int from, int to,
                                             float alpha, float beta, float c, float gamma) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vc = FloatVector.broadcast(S, c), vg = FloatVector.broadcast(S, gamma);
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        for (int i = from; i < to; ) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(to, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                FloatVector o0 = FloatVector.fromArray(S, x, xo + i).fma(va, vb).fma(vc, FloatVector.fromArray(S, y, yo + i).mul(vg));
                FloatVector o1 = FloatVector.fromArray(S, x, xo + i + V).fma(va, vb).fma(vc, FloatVector.fromArray(S, y, yo + i + V).mul(vg));
                FloatVector o2 = FloatVector.fromArray(S, x, xo + i + 2 * V).fma(va, vb).fma(vc, FloatVector.fromArray(S, y, yo + i + 2 * V).mul(vg));
                FloatVector o3 = FloatVector.fromArray(S, x, xo + i + 3 * V).fma(va, vb).fma(vc, FloatVector.fromArray(S, y, yo + i + 3 * V).mul(vg));
                o0.intoArray(y, yo + i);
                o1.intoArray(y, yo + i + V);
                o2.intoArray(y, yo + i + 2 * V);
                o3.intoArray(y, yo + i + 3 * V);
                a0 = o0.add(a0);
                a1 = o1.add(a1);
                a2 = o2.add(a2);
                a3 = o3.add(a3);
            }
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        return (double) hsum(acc) - hsum(comp);
    }

    /**
     * affineOnes below 512 bits: the groups take turns within each block of 256 elements (which stays
     * in L1) rather than in passes over the whole row, so the GM step streams its row once; each
     * group's compensated sums wait in the scratch between blocks. The same order as the one pass.
     */
    private static double affineOnesInGroups(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta,
                                             float c, float gamma, boolean onto) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vc = FloatVector.broadcast(S, c), vg = FloatVector.broadcast(S, gamma);
        int h = head(oo, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.affineOnes(x, xo, out, oo, 0, h, alpha, beta, c, gamma, onto);
        float[] lanes = Lanes.scratch();
        Arrays.fill(lanes, 0, 2 * V, 0f);
        for (int start = h; start < body; start += Lanes.BLOCK) {
            int end = Math.min(body, start + Lanes.BLOCK);
            for (int g = 0; g < G; g++) {
                int ax = xo + g * L, ao = oo + g * L;
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
                for (int i = start; i < end; i += Lanes.ROUND) {
                    FloatVector o0 = FloatVector.fromArray(S, x, ax + i).fma(va, vb);
                    if (onto) o0 = o0.fma(vc, FloatVector.fromArray(S, out, ao + i).mul(vg));
                    FloatVector o1 = FloatVector.fromArray(S, x, ax + i + V).fma(va, vb);
                    if (onto) o1 = o1.fma(vc, FloatVector.fromArray(S, out, ao + i + V).mul(vg));
                    FloatVector o2 = FloatVector.fromArray(S, x, ax + i + 2 * V).fma(va, vb);
                    if (onto) o2 = o2.fma(vc, FloatVector.fromArray(S, out, ao + i + 2 * V).mul(vg));
                    FloatVector o3 = FloatVector.fromArray(S, x, ax + i + 3 * V).fma(va, vb);
                    if (onto) o3 = o3.fma(vc, FloatVector.fromArray(S, out, ao + i + 3 * V).mul(vg));
                    o0.intoArray(out, ao + i);
                    o1.intoArray(out, ao + i + V);
                    o2.intoArray(out, ao + i + 2 * V);
                    o3.intoArray(out, ao + i + 3 * V);
                    a0 = o0.add(a0);
                    a1 = o1.add(a1);
                    a2 = o2.add(a2);
                    a3 = o3.add(a3);
                }
                FloatVector acc = FloatVector.fromArray(S, lanes, g * L), comp = FloatVector.fromArray(S, lanes, V + g * L);
                FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = part.add(acc);
                t.sub(acc).sub(part).intoArray(lanes, V + g * L);
                t.intoArray(lanes, g * L);
            }
        }
        total += (double) Lanes.tree(lanes, 0) - Lanes.tree(lanes, V);
        return total + ScalarKernels.affineOnes(x, xo, out, oo, body, n, alpha, beta, c, gamma, onto);
    }

    @Override
    public void affine(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums) {
        if (G > 1) {
            affineInGroups(x, xo, u, out, oo, n, alpha, beta, sums);
            return;
        }
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        int h = head(oo, n), body = n - (n - h) % (2 * V);
        sums[0] = 0;
        sums[1] = 0;
        ScalarKernels.affine(x, xo, u, out, oo, 0, h, alpha, beta, sums);
        FloatVector du = FloatVector.zero(S), dc = FloatVector.zero(S), ds = FloatVector.zero(S), sc = FloatVector.zero(S);
        for (int i = h; i < body; ) {
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S), s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += 2 * V) {
                FloatVector u0 = FloatVector.fromArray(S, u, i), u1 = FloatVector.fromArray(S, u, i + V);
                FloatVector o0 = u0.fma(vb, FloatVector.fromArray(S, x, xo + i).mul(va));
                FloatVector o1 = u1.fma(vb, FloatVector.fromArray(S, x, xo + i + V).mul(va));
                o0.intoArray(out, oo + i);
                o1.intoArray(out, oo + i + V);
                d0 = u0.fma(o0, d0);
                d1 = u1.fma(o1, d1);
                s0 = o0.add(s0);
                s1 = o1.add(s1);
            }
            FloatVector y = d0.add(d1).sub(dc), t = du.add(y);
            dc = t.sub(du).sub(y);
            du = t;
            y = s0.add(s1).sub(sc);
            t = ds.add(y);
            sc = t.sub(ds).sub(y);
            ds = t;
        }
        sums[0] += (double) hsum(du) - hsum(dc);
        sums[1] += (double) hsum(ds) - hsum(sc);
        ScalarKernels.affine(x, xo, u, out, oo, body, n, alpha, beta, sums);
    }

    private static void affineInGroups(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        int h = head(oo, n), body = n - (n - h) % (2 * V);
        sums[0] = 0;
        sums[1] = 0;
        ScalarKernels.affine(x, xo, u, out, oo, 0, h, alpha, beta, sums);
        float[] lanes = Lanes.scratch();
        for (int g = 0; g < G; g++) {
            int au = g * L, ax = xo + g * L, ao = oo + g * L;
            FloatVector du = FloatVector.zero(S), dc = FloatVector.zero(S), ds = FloatVector.zero(S), sc = FloatVector.zero(S);
            for (int i = h; i < body; ) {
                FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S), s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                for (int end = Math.min(body, i + Lanes.BLOCK); i < end; i += 2 * V) {
                    FloatVector u0 = FloatVector.fromArray(S, u, au + i), u1 = FloatVector.fromArray(S, u, au + i + V);
                    FloatVector o0 = u0.fma(vb, FloatVector.fromArray(S, x, ax + i).mul(va));
                    FloatVector o1 = u1.fma(vb, FloatVector.fromArray(S, x, ax + i + V).mul(va));
                    o0.intoArray(out, ao + i);
                    o1.intoArray(out, ao + i + V);
                    d0 = u0.fma(o0, d0);
                    d1 = u1.fma(o1, d1);
                    s0 = o0.add(s0);
                    s1 = o1.add(s1);
                }
                FloatVector y = d0.add(d1).sub(dc), t = du.add(y);
                dc = t.sub(du).sub(y);
                du = t;
                y = s0.add(s1).sub(sc);
                t = ds.add(y);
                sc = t.sub(ds).sub(y);
                ds = t;
            }
            du.intoArray(lanes, g * L);
            dc.intoArray(lanes, V + g * L);
            ds.intoArray(lanes, 2 * V + g * L);
            sc.intoArray(lanes, 3 * V + g * L);
        }
        sums[0] += (double) Lanes.tree(lanes, 0) - Lanes.tree(lanes, V);
        sums[1] += (double) Lanes.tree(lanes, 2 * V) - Lanes.tree(lanes, 3 * V);
        ScalarKernels.affine(x, xo, u, out, oo, body, n, alpha, beta, sums);
    }

    @Override
    public void axpby(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        int i = 0, body = S.loopBound(n);
        for (; i < body; i += L) {
            FloatVector.fromArray(S, x, xo + i)
                    .fma(va, FloatVector.fromArray(S, y, yo + i).mul(vb))
                    .intoArray(y, yo + i);
        }
        ScalarKernels.axpby(x, xo, y, yo, i, n, alpha, beta);
    }

    @Override
    public void linearCombination(float[] y, int yo, float beta, float[] k1, float a1, float[] k2, float a2,
                                  float[] k3, float a3, float[] out, int oo, int n) {
        if (k2 == null && k3 != null) throw new IllegalArgumentException("k3 without k2");
        FloatVector vb = FloatVector.broadcast(S, beta), v1 = FloatVector.broadcast(S, a1);
        FloatVector v2 = FloatVector.broadcast(S, a2), v3 = FloatVector.broadcast(S, a3);
        int i = 0, body = S.loopBound(n);
        // one loop per number of terms, so that none tests a term inside it
        if (k3 != null) {
            for (; i < body; i += L) {
                FloatVector o = FloatVector.fromArray(S, k1, i).fma(v1, FloatVector.fromArray(S, y, yo + i).mul(vb));
                o = FloatVector.fromArray(S, k2, i).fma(v2, o);
                FloatVector.fromArray(S, k3, i).fma(v3, o).intoArray(out, oo + i);
            }
        } else if (k2 != null) {
            for (; i < body; i += L) {
                FloatVector o = FloatVector.fromArray(S, k1, i).fma(v1, FloatVector.fromArray(S, y, yo + i).mul(vb));
                FloatVector.fromArray(S, k2, i).fma(v2, o).intoArray(out, oo + i);
            }
        } else {
            for (; i < body; i += L) {
                FloatVector.fromArray(S, k1, i).fma(v1, FloatVector.fromArray(S, y, yo + i).mul(vb)).intoArray(out, oo + i);
            }
        }
        ScalarKernels.linearCombination(y, yo, beta, k1, a1, k2, a2, k3, a3, out, oo, i, n);
    }

    /** -Dphaseflow.tanhClamp=maxmin selects the max/min clamp (for measuring the two; C2 folds the test away). */
    static final boolean MAX_MIN_CLAMP = "maxmin".equals(System.getProperty("phaseflow.tanhClamp"));

    /** tanh over the lanes: {@link FastTanh}'s rational form. */
    public static FloatVector tanh(FloatVector v) {
        // clamp by compare-and-blend: max()/min() carry Java's NaN and −0.0 rules and cost five
        // instructions each here (native-notes/cw-step.md); for every input, NaN included, this is the same
        FloatVector c = MAX_MIN_CLAMP ? v.max(-FastTanh.CLAMP).min(FastTanh.CLAMP)
                : v.blend(FastTanh.CLAMP, v.compare(VectorOperators.GT, FastTanh.CLAMP))
                        .blend(-FastTanh.CLAMP, v.compare(VectorOperators.LT, -FastTanh.CLAMP));
        FloatVector x2 = c.mul(c);
        FloatVector p = x2.fma(FastTanh.A13, FastTanh.A11);
        p = p.fma(x2, FloatVector.broadcast(S, FastTanh.A9));
        p = p.fma(x2, FloatVector.broadcast(S, FastTanh.A7));
        p = p.fma(x2, FloatVector.broadcast(S, FastTanh.A5));
        p = p.fma(x2, FloatVector.broadcast(S, FastTanh.A3));
        p = p.fma(x2, FloatVector.broadcast(S, FastTanh.A1));
        p = p.mul(c);
        FloatVector q = x2.fma(FastTanh.B6, FastTanh.B4);
        q = q.fma(x2, FloatVector.broadcast(S, FastTanh.B2));
        q = q.fma(x2, FloatVector.broadcast(S, FastTanh.B0));
        return p.div(q);
    }

    // the coefficients live with the scalar form, which repeats this log operation for operation
    static final float LN2_HI = ScalarKernels.LN2_HI, LN2_LO = ScalarKernels.LN2_LO, SQRT_HALF = ScalarKernels.SQRT_HALF;
    static final float P0 = ScalarKernels.P0, P1 = ScalarKernels.P1, P2 = ScalarKernels.P2, P3 = ScalarKernels.P3,
            P4 = ScalarKernels.P4, P5 = ScalarKernels.P5, P6 = ScalarKernels.P6, P7 = ScalarKernels.P7, P8 = ScalarKernels.P8;

    /**
     * Natural log over the lanes (Cephes' logf: x = 2^e·f with f in [√½, √2), log(1 + z) by a degree-9
     * polynomial), a few ulp for positive normal x; NaN for x ≤ 0 or NaN, +∞ for +∞. The CW kernels take
     * it once per block of ratios, which always lie in the normal range (FlowKernels.logBlock).
     */
    public static FloatVector log(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        // biased exponent E as a float without a conversion (a generic convert() was not intrinsified):
        // the bits of 2^23 + E, minus 2^23; then e = E − 126 so that x = f·2^e with f in [½, 1)
        FloatVector ef = bits.lanewise(VectorOperators.LSHR, 23).or(0x4B000000).reinterpretAsFloats().sub(8388608f + 126f);
        FloatVector f = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
        VectorMask<Float> small = f.compare(VectorOperators.LT, SQRT_HALF);
        ef = ef.sub(FloatVector.broadcast(S, 1f), small);   // f < √½: use 2f, e − 1
        FloatVector r = log1p(f.add(f, small).sub(1f), ef);
        r = r.blend(Float.NaN, x.compare(VectorOperators.GT, 0f).not());
        return r.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    }

    /**
     * e·ln 2 + log(1 + z) for z in [√½ − 1, √2 − 1]. A method of its own: C2 inlines hot callees only
     * below 325 bytecodes, and a log that is not inlined returns a boxed vector (10× slower).
     */
    private static FloatVector log1p(FloatVector z, FloatVector ef) {
        FloatVector z2 = z.mul(z);
        FloatVector y = z.fma(P0, P1);
        y = y.fma(z, FloatVector.broadcast(S, P2));
        y = y.fma(z, FloatVector.broadcast(S, P3));
        y = y.fma(z, FloatVector.broadcast(S, P4));
        y = y.fma(z, FloatVector.broadcast(S, P5));
        y = y.fma(z, FloatVector.broadcast(S, P6));
        y = y.fma(z, FloatVector.broadcast(S, P7));
        y = y.fma(z, FloatVector.broadcast(S, P8));
        y = y.mul(z).mul(z2);
        y = ef.fma(FloatVector.broadcast(S, LN2_LO), y);
        y = z2.fma(FloatVector.broadcast(S, -0.5f), y);
        return ef.fma(FloatVector.broadcast(S, LN2_HI), z.add(y));
    }

    @Override
    public void cwLogOdds(float[] x, int xo, float[] th, int n, float r, float m, int block, double[] sums) {
        if (G > 1) {
            cwLogOddsInGroups(x, xo, th, n, r, m, block, sums);
            return;
        }
        sums[0] = 0;
        sums[1] = 0;
        int h = head(xo, n), body = n - (n - h) % V;
        ScalarKernels.cwLogOdds(x, xo, th, 0, h, r, m, sums);
        cwLogOddsBody(x, xo, th, h, body, r, m, block, sums);
        ScalarKernels.cwLogOdds(x, xo, th, body, n, r, m, sums);
    }

    /** The vector body of cwLogOdds over [from, to), added into sums; a method of its own, as affineOnesBody. */
    private static void cwLogOddsBody(float[] x, int xo, float[] th, int from, int to, float r, float m, int block, double[] sums) {
        FloatVector vr = FloatVector.broadcast(S, r), vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        // per lane, running products of 1 ± m·t kept in [1, 2) with their exponents apart (exact bit
        // operations after each block), so the logarithm is taken once per lane per call
        // num and den cross from block to block as their bits: carried as floats straight out of
        // reinterpretAsFloats(), C2 gave each an array on the heap per block (native-notes/cw-step.md)
        FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
        IntVector exp = FloatVector.zero(S).reinterpretAsInts();
        IntVector nbits = one.reinterpretAsInts(), dbits = nbits;
        for (int i = from; i < to; ) {
            FloatVector part = FloatVector.zero(S);
            FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
            for (int b = 0; b < block && i < to; b++, i += V) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + i);
                FloatVector t = tanh(xv.mul(vr));
                t.intoArray(th, i);
                num = t.fma(vm, one).mul(num);
                den = t.fma(negM, one).mul(den);
                part = xv.add(part);
            }
            IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
            exp = nb.lanewise(VectorOperators.LSHR, 23).add(exp).sub(db.lanewise(VectorOperators.LSHR, 23));
            nbits = nb.and(MANTISSA).or(ONE_BITS);
            dbits = db.and(MANTISSA).or(ONE_BITS);
            FloatVector y = part.sub(xc), tt = y.add(xs);
            xc = tt.sub(xs).sub(y);
            xs = tt;
        }
        sums[0] += logOdds(nbits.reinterpretAsFloats(), dbits.reinterpretAsFloats(), exp);
        sums[1] += (double) hsum(xs) - hsum(xc);
    }

    private static void cwLogOddsInGroups(float[] x, int xo, float[] th, int n, float r, float m, int block, double[] sums) {
        FloatVector vr = FloatVector.broadcast(S, r), vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        sums[0] = 0;
        sums[1] = 0;
        int h = head(xo, n), body = n - (n - h) % V;
        ScalarKernels.cwLogOdds(x, xo, th, 0, h, r, m, sums);
        float[] lanes = Lanes.scratch();
        int exps = 0;
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, at = g * L;
            FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
            IntVector exp = FloatVector.zero(S).reinterpretAsInts();
            IntVector nbits = one.reinterpretAsInts(), dbits = nbits;
            for (int i = h; i < body; ) {
                FloatVector part = FloatVector.zero(S);
                FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
                for (int b = 0; b < block && i < body; b++, i += V) {
                    FloatVector xv = FloatVector.fromArray(S, x, ax + i);
                    FloatVector t = tanh(xv.mul(vr));
                    t.intoArray(th, at + i);
                    num = t.fma(vm, one).mul(num);
                    den = t.fma(negM, one).mul(den);
                    part = xv.add(part);
                }
                IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
                exp = nb.lanewise(VectorOperators.LSHR, 23).add(exp).sub(db.lanewise(VectorOperators.LSHR, 23));
                nbits = nb.and(MANTISSA).or(ONE_BITS);
                dbits = db.and(MANTISSA).or(ONE_BITS);
                FloatVector y = part.sub(xc), tt = y.add(xs);
                xc = tt.sub(xs).sub(y);
                xs = tt;
            }
            log(nbits.reinterpretAsFloats()).sub(log(dbits.reinterpretAsFloats())).intoArray(lanes, g * L);
            exps += exp.reduceLanes(VectorOperators.ADD);
            xs.intoArray(lanes, V + g * L);
            xc.intoArray(lanes, 2 * V + g * L);
        }
        sums[0] += Lanes.tree(lanes, 0) + Math.log(2) * exps;
        sums[1] += (double) Lanes.tree(lanes, V) - Lanes.tree(lanes, 2 * V);
        ScalarKernels.cwLogOdds(x, xo, th, body, n, r, m, sums);
    }

    // The block epilogue (renormalise both products, fold the partial sum) is written out in both CW
    // kernels: as a method it would return four vectors, which C2 can only hand back boxed.
    static final int MANTISSA = ScalarKernels.MANTISSA, ONE_BITS = ScalarKernels.ONE_BITS;

    /**
     * Σ_lanes log(num/den) for running products num = f_n·2^(E_n), den = f_d·2^(E_d) kept as mantissas
     * in [1, 2) and exponent differences exp = Σ(E_n − E_d): the integer sum is exact in any order.
     */
    private static double logOdds(FloatVector num, FloatVector den, IntVector exp) {
        return hsum(log(num).sub(log(den))) + Math.log(2) * exp.reduceLanes(VectorOperators.ADD);
    }


    @Override
    public void cwStep(float[] x, int xo, float[] th, float[] out, int oo, int n,
                       float alpha, float beta, float m, float s, float rNext, int block, double[] sums) {
        if (G > 1) {
            cwStepInGroups(x, xo, th, out, oo, n, alpha, beta, m, s, rNext, block, sums);
            return;
        }
        sums[0] = 0;
        sums[1] = 0;
        int h = head(oo, n), body = n - (n - h) % V;
        ScalarKernels.cwStep(x, xo, th, out, oo, 0, h, alpha, beta, m, s, rNext, sums);
        cwStepBody(x, xo, th, out, oo, h, body, alpha, beta, m, s, rNext, block, sums);
        ScalarKernels.cwStep(x, xo, th, out, oo, body, n, alpha, beta, m, s, rNext, sums);
    }

    /**
     * The vector body of cwStep over [from, to), added into sums; a method of its own, as affineOnesBody.
     * Apart from the scalar head and tail, C2 also keeps the step's constants in registers: the block
     * loop reads none of its 12 broadcasts back from the stack any more (native-notes/cw-step.md).
     */
    private static void cwStepBody(float[] x, int xo, float[] th, float[] out, int oo, int from, int to,
                                   float alpha, float beta, float m, float s, float rNext, int block, double[] sums) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m), vr = FloatVector.broadcast(S, rNext);
        FloatVector c1 = FloatVector.broadcast(S, 1 - m * m), ms = FloatVector.broadcast(S, m * s);
        FloatVector negMs = FloatVector.broadcast(S, -m * s), negM2 = FloatVector.broadcast(S, -m * m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
        IntVector exp = FloatVector.zero(S).reinterpretAsInts();
        IntVector nbits = one.reinterpretAsInts(), dbits = nbits;   // as in cwLogOdds: bits between blocks
        for (int i = from; i < to; ) {
            FloatVector part = FloatVector.zero(S);
            FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
            for (int b = 0; b < block && i < to; b++, i += V) {
                FloatVector t = FloatVector.fromArray(S, th, i);
                FloatVector t2 = t.mul(t);
                // η = [m·s·(1 − t²) + (1 − m²)·t] / (1 − m²t²), numerator as two FMAs
                FloatVector eta = t2.fma(negMs, t.fma(c1, ms)).div(t2.fma(negM2, one));
                FloatVector o = eta.fma(vb, FloatVector.fromArray(S, x, xo + i).mul(va));
                o.intoArray(out, oo + i);
                part = o.add(part);
                FloatVector tn = tanh(o.mul(vr));
                tn.intoArray(th, i);
                num = tn.fma(vm, one).mul(num);
                den = tn.fma(negM, one).mul(den);
            }
            IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
            exp = nb.lanewise(VectorOperators.LSHR, 23).add(exp).sub(db.lanewise(VectorOperators.LSHR, 23));
            nbits = nb.and(MANTISSA).or(ONE_BITS);
            dbits = db.and(MANTISSA).or(ONE_BITS);
            FloatVector y = part.sub(xc), tt = y.add(xs);
            xc = tt.sub(xs).sub(y);
            xs = tt;
        }
        sums[0] += logOdds(nbits.reinterpretAsFloats(), dbits.reinterpretAsFloats(), exp);
        sums[1] += (double) hsum(xs) - hsum(xc);
    }

    private static void cwStepInGroups(float[] x, int xo, float[] th, float[] out, int oo, int n,
                                       float alpha, float beta, float m, float s, float rNext, int block, double[] sums) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m), vr = FloatVector.broadcast(S, rNext);
        FloatVector c1 = FloatVector.broadcast(S, 1 - m * m), ms = FloatVector.broadcast(S, m * s);
        FloatVector negMs = FloatVector.broadcast(S, -m * s), negM2 = FloatVector.broadcast(S, -m * m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        sums[0] = 0;
        sums[1] = 0;
        int h = head(oo, n), body = n - (n - h) % V;
        ScalarKernels.cwStep(x, xo, th, out, oo, 0, h, alpha, beta, m, s, rNext, sums);
        float[] lanes = Lanes.scratch();
        int exps = 0;
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, at = g * L, ao = oo + g * L;
            FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
            IntVector exp = FloatVector.zero(S).reinterpretAsInts();
            IntVector nbits = one.reinterpretAsInts(), dbits = nbits;
            for (int i = h; i < body; ) {
                FloatVector part = FloatVector.zero(S);
                FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
                for (int b = 0; b < block && i < body; b++, i += V) {
                    FloatVector t = FloatVector.fromArray(S, th, at + i);
                    FloatVector t2 = t.mul(t);
                    FloatVector eta = t2.fma(negMs, t.fma(c1, ms)).div(t2.fma(negM2, one));
                    FloatVector o = eta.fma(vb, FloatVector.fromArray(S, x, ax + i).mul(va));
                    o.intoArray(out, ao + i);
                    part = o.add(part);
                    FloatVector tn = tanh(o.mul(vr));
                    tn.intoArray(th, at + i);
                    num = tn.fma(vm, one).mul(num);
                    den = tn.fma(negM, one).mul(den);
                }
                IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
                exp = nb.lanewise(VectorOperators.LSHR, 23).add(exp).sub(db.lanewise(VectorOperators.LSHR, 23));
                nbits = nb.and(MANTISSA).or(ONE_BITS);
                dbits = db.and(MANTISSA).or(ONE_BITS);
                FloatVector y = part.sub(xc), tt = y.add(xs);
                xc = tt.sub(xs).sub(y);
                xs = tt;
            }
            log(nbits.reinterpretAsFloats()).sub(log(dbits.reinterpretAsFloats())).intoArray(lanes, g * L);
            exps += exp.reduceLanes(VectorOperators.ADD);
            xs.intoArray(lanes, V + g * L);
            xc.intoArray(lanes, 2 * V + g * L);
        }
        sums[0] += Lanes.tree(lanes, 0) + Math.log(2) * exps;
        sums[1] += (double) Lanes.tree(lanes, V) - Lanes.tree(lanes, 2 * V);
        ScalarKernels.cwStep(x, xo, th, out, oo, body, n, alpha, beta, m, s, rNext, sums);
    }


    @Override
    public void cwStepOnto(float[] x, int xo, float[] th, float[] out, int oo, int n,
                           float alpha, float beta, float c, float gamma, float m, float s, float rNext, int block, double[] sums) {
        if (G > 1) {
            cwStepOntoInGroups(x, xo, th, out, oo, n, alpha, beta, c, gamma, m, s, rNext, block, sums);
            return;
        }
        sums[0] = 0;
        sums[1] = 0;
        int h = head(oo, n), body = n - (n - h) % V;
        ScalarKernels.cwStep(x, xo, th, out, oo, 0, h, alpha, beta, c, gamma, true, m, s, rNext, sums);
        cwStepOntoBody(x, xo, th, out, oo, h, body, alpha, beta, c, gamma, m, s, rNext, block, sums);
        ScalarKernels.cwStep(x, xo, th, out, oo, body, n, alpha, beta, c, gamma, true, m, s, rNext, sums);
    }

    /**
     * The vector body of cwStepOnto over [from, to): cwStepBody with out_i = fma(o_i, c, γ·out_i); a
     * method of its own, so that the Euler step's body and its compiled code stay as they are.
     */
    private static void cwStepOntoBody(float[] x, int xo, float[] th, float[] out, int oo, int from, int to,
                                       float alpha, float beta, float c, float gamma, float m, float s, float rNext, int block, double[] sums) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vc = FloatVector.broadcast(S, c), vg = FloatVector.broadcast(S, gamma);
        FloatVector vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m), vr = FloatVector.broadcast(S, rNext);
        FloatVector c1 = FloatVector.broadcast(S, 1 - m * m), ms = FloatVector.broadcast(S, m * s);
        FloatVector negMs = FloatVector.broadcast(S, -m * s), negM2 = FloatVector.broadcast(S, -m * m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
        IntVector exp = FloatVector.zero(S).reinterpretAsInts();
        IntVector nbits = one.reinterpretAsInts(), dbits = nbits;   // as in cwLogOdds: bits between blocks
        for (int i = from; i < to; ) {
            FloatVector part = FloatVector.zero(S);
            FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
            for (int b = 0; b < block && i < to; b++, i += V) {
                FloatVector t = FloatVector.fromArray(S, th, i);
                FloatVector t2 = t.mul(t);
                // η = [m·s·(1 − t²) + (1 − m²)·t] / (1 − m²t²), numerator as two FMAs
                FloatVector eta = t2.fma(negMs, t.fma(c1, ms)).div(t2.fma(negM2, one));
                FloatVector o = eta.fma(vb, FloatVector.fromArray(S, x, xo + i).mul(va)).fma(vc, FloatVector.fromArray(S, out, oo + i).mul(vg));
                o.intoArray(out, oo + i);
                part = o.add(part);
                FloatVector tn = tanh(o.mul(vr));
                tn.intoArray(th, i);
                num = tn.fma(vm, one).mul(num);
                den = tn.fma(negM, one).mul(den);
            }
            IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
            exp = nb.lanewise(VectorOperators.LSHR, 23).add(exp).sub(db.lanewise(VectorOperators.LSHR, 23));
            nbits = nb.and(MANTISSA).or(ONE_BITS);
            dbits = db.and(MANTISSA).or(ONE_BITS);
            FloatVector y = part.sub(xc), tt = y.add(xs);
            xc = tt.sub(xs).sub(y);
            xs = tt;
        }
        sums[0] += logOdds(nbits.reinterpretAsFloats(), dbits.reinterpretAsFloats(), exp);
        sums[1] += (double) hsum(xs) - hsum(xc);
    }

    private static void cwStepOntoInGroups(float[] x, int xo, float[] th, float[] out, int oo, int n,
                                           float alpha, float beta, float c, float gamma, float m, float s, float rNext, int block, double[] sums) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vc = FloatVector.broadcast(S, c), vg = FloatVector.broadcast(S, gamma);
        FloatVector vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m), vr = FloatVector.broadcast(S, rNext);
        FloatVector c1 = FloatVector.broadcast(S, 1 - m * m), ms = FloatVector.broadcast(S, m * s);
        FloatVector negMs = FloatVector.broadcast(S, -m * s), negM2 = FloatVector.broadcast(S, -m * m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        sums[0] = 0;
        sums[1] = 0;
        int h = head(oo, n), body = n - (n - h) % V;
        ScalarKernels.cwStep(x, xo, th, out, oo, 0, h, alpha, beta, c, gamma, true, m, s, rNext, sums);
        float[] lanes = Lanes.scratch();
        int exps = 0;
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, at = g * L, ao = oo + g * L;
            FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
            IntVector exp = FloatVector.zero(S).reinterpretAsInts();
            IntVector nbits = one.reinterpretAsInts(), dbits = nbits;
            for (int i = h; i < body; ) {
                FloatVector part = FloatVector.zero(S);
                FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
                for (int b = 0; b < block && i < body; b++, i += V) {
                    FloatVector t = FloatVector.fromArray(S, th, at + i);
                    FloatVector t2 = t.mul(t);
                    FloatVector eta = t2.fma(negMs, t.fma(c1, ms)).div(t2.fma(negM2, one));
                    FloatVector o = eta.fma(vb, FloatVector.fromArray(S, x, ax + i).mul(va)).fma(vc, FloatVector.fromArray(S, out, ao + i).mul(vg));
                    o.intoArray(out, ao + i);
                    part = o.add(part);
                    FloatVector tn = tanh(o.mul(vr));
                    tn.intoArray(th, at + i);
                    num = tn.fma(vm, one).mul(num);
                    den = tn.fma(negM, one).mul(den);
                }
                IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
                exp = nb.lanewise(VectorOperators.LSHR, 23).add(exp).sub(db.lanewise(VectorOperators.LSHR, 23));
                nbits = nb.and(MANTISSA).or(ONE_BITS);
                dbits = db.and(MANTISSA).or(ONE_BITS);
                FloatVector y = part.sub(xc), tt = y.add(xs);
                xc = tt.sub(xs).sub(y);
                xs = tt;
            }
            log(nbits.reinterpretAsFloats()).sub(log(dbits.reinterpretAsFloats())).intoArray(lanes, g * L);
            exps += exp.reduceLanes(VectorOperators.ADD);
            xs.intoArray(lanes, V + g * L);
            xc.intoArray(lanes, 2 * V + g * L);
        }
        sums[0] += Lanes.tree(lanes, 0) + Math.log(2) * exps;
        sums[1] += (double) Lanes.tree(lanes, V) - Lanes.tree(lanes, 2 * V);
        ScalarKernels.cwStep(x, xo, th, out, oo, body, n, alpha, beta, c, gamma, true, m, s, rNext, sums);
    }


    @Override
    public double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2) {
        if (G > 1) return scaledSquaredDistanceInGroups(x, xo, mu, var, n, tau, a2);
        FloatVector vt = FloatVector.broadcast(S, tau), vt2 = FloatVector.broadcast(S, tau * tau);
        FloatVector va2 = FloatVector.broadcast(S, a2);
        int body = n - n % V;   // no head: mu and var start at 0 and the logits are not the hot loop
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        for (int i = 0; i < body; ) {
            FloatVector part = FloatVector.zero(S);
            for (int end = Math.min(body, i + FLUSH * V); i < end; i += V) {
                FloatVector dl = FloatVector.fromArray(S, mu, i).mul(vt).neg().add(FloatVector.fromArray(S, x, xo + i));
                FloatVector v = FloatVector.fromArray(S, var, i).fma(vt2, va2);
                part = dl.mul(dl).div(v).add(part);
            }
            FloatVector y = part.sub(comp), t = y.add(acc);
            comp = t.sub(acc).sub(y);
            acc = t;
        }
        double total = (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.scaledSquaredDistance(x, xo, mu, var, body, n, tau, a2);
    }

    private static double scaledSquaredDistanceInGroups(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2) {
        FloatVector vt = FloatVector.broadcast(S, tau), vt2 = FloatVector.broadcast(S, tau * tau);
        FloatVector va2 = FloatVector.broadcast(S, a2);
        int body = n - n % V;
        float[] lanes = Lanes.scratch();
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, am = g * L;
            FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
            for (int i = 0; i < body; ) {
                FloatVector part = FloatVector.zero(S);
                for (int end = Math.min(body, i + FLUSH * V); i < end; i += V) {
                    FloatVector dl = FloatVector.fromArray(S, mu, am + i).mul(vt).neg().add(FloatVector.fromArray(S, x, ax + i));
                    FloatVector v = FloatVector.fromArray(S, var, am + i).fma(vt2, va2);
                    part = dl.mul(dl).div(v).add(part);
                }
                FloatVector y = part.sub(comp), t = y.add(acc);
                comp = t.sub(acc).sub(y);
                acc = t;
            }
            acc.intoArray(lanes, g * L);
            comp.intoArray(lanes, V + g * L);
        }
        double total = (double) Lanes.tree(lanes, 0) - Lanes.tree(lanes, V);
        return total + ScalarKernels.scaledSquaredDistance(x, xo, mu, var, body, n, tau, a2);
    }

    @Override
    public void mixtureAccumulate(float[] x, int xo, float[] mu, float[] var, float[] out, int oo, int n,
                                  float w, float tau, float a2, float ceta, float ckappa) {
        FloatVector vt = FloatVector.broadcast(S, tau), vt2 = FloatVector.broadcast(S, tau * tau);
        FloatVector va2 = FloatVector.broadcast(S, a2), vct = FloatVector.broadcast(S, ceta * tau);
        FloatVector vck = FloatVector.broadcast(S, ckappa), vce = FloatVector.broadcast(S, ceta);
        FloatVector vw = FloatVector.broadcast(S, w);
        int i = 0, body = S.loopBound(n);
        for (; i < body; i += L) {
            FloatVector vv = FloatVector.fromArray(S, var, i);
            FloatVector g = vv.fma(vct, vck).div(vv.fma(vt2, va2));
            FloatVector muv = FloatVector.fromArray(S, mu, i);
            FloatVector term = g.fma(FloatVector.fromArray(S, x, xo + i), g.mul(vt).neg().add(vce).mul(muv));
            term.fma(vw, FloatVector.fromArray(S, out, oo + i)).intoArray(out, oo + i);
        }
        ScalarKernels.mixtureAccumulate(x, xo, mu, var, out, oo, i, n, w, tau, a2, ceta, ckappa);
    }

    @Override
    public void scale(float[] x, int xo, float[] out, int oo, int n, float alpha) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0, body = S.loopBound(n);
        for (; i < body; i += L) FloatVector.fromArray(S, x, xo + i).mul(va).intoArray(out, oo + i);
        ScalarKernels.scale(x, xo, out, oo, i, n, alpha);
    }

    // ---- mixtures (docs/mathematics.md §2.7, §2.8) ----------------------------------------------------
    // Block by block (256 elements, which stay in L1): the elementwise step over the block, one
    // component at a time, then each reduction over the block in the order of Lanes (four accumulators
    // per round position, folded into Kahan-compensated lane sums kept in work between blocks; the
    // groups of narrow vectors take turns within the block). The number of components is a parameter,
    // so the loops over them cannot keep one accumulator per component in registers; per block each
    // component's stream is read once from memory and its block again from L1.

    @Override
    public void mixtureIsoStep(float[] x, int xo, float[] out, int oo, int n, float[][] mu, int k,
                               float alpha, float beta, float[] betas, float[] work, double[] sums) {
        mixtureIso(x, xo, out, oo, n, mu, k, alpha, beta, betas, 1, 0, false, work, sums);
    }

    @Override
    public void mixtureIsoStepOnto(float[] x, int xo, float[] y, int yo, int n, float[][] mu, int k,
                                   float alpha, float beta, float[] betas, float c, float gamma, float[] work, double[] sums) {
        mixtureIso(x, xo, y, yo, n, mu, k, alpha, beta, betas, c, gamma, true, work, sums);
    }

    /** mixtureIsoStep, and with {@code onto} its value averaged into out (see mixtureIsoStepOnto). */
    private static void mixtureIso(float[] x, int xo, float[] out, int oo, int n, float[][] mu, int k, float alpha, float beta,
                                   float[] betas, float c, float gamma, boolean onto, float[] work, double[] sums) {
        int h = head(oo, n), body = n - (n - h) % Lanes.ROUND;
        ScalarKernels.mixtureIsoStep(x, xo, out, oo, 0, h, mu, k, alpha, beta, betas, c, gamma, onto);
        for (int j = 0; j < k; j++) sums[j] = ScalarKernels.dot(out, oo, mu[j], 0, 0, h);
        sums[k] = ScalarKernels.dot(out, oo, out, oo, 0, h);
        sums[k + 1] = ScalarKernels.sum(out, oo, 0, h);
        Arrays.fill(work, 0, (k + 2) * 2 * V, 0f);
        if (k == 0 && G == 1 && !onto) affineMomentsBody(x, xo, out, oo, h, body, alpha, beta, work);
        else mixtureIsoBody(x, xo, out, oo, h, body, mu, k, alpha, beta, betas, c, gamma, onto, work);
        for (int r = 0; r < k + 2; r++) sums[r] += (double) Lanes.tree(work, r * 2 * V) - Lanes.tree(work, r * 2 * V + V);
        ScalarKernels.mixtureIsoStep(x, xo, out, oo, body, n, mu, k, alpha, beta, betas, c, gamma, onto);
        for (int j = 0; j < k; j++) sums[j] += ScalarKernels.dot(out, oo, mu[j], 0, body, n);
        sums[k] += ScalarKernels.dot(out, oo, out, oo, body, n);
        sums[k + 1] += ScalarKernels.sum(out, oo, body, n);
    }

    /**
     * mixtureIsoStep's body with no vector mean at 512 bits: the two-mode preset's step (affineOnesBody) with
     * Σ out² beside Σ out, in one pass with every accumulator in registers; the same order, so the same bits,
     * as the blocked body. A method of its own, as affineOnesBody, and larger than C2 inlines.
     */
    private static void affineMomentsBody(float[] x, int xo, float[] out, int oo, int from, int to, float alpha, float beta, float[] work) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector qs = FloatVector.zero(S), qc = qs, ss = qs, sc = qs;
        for (int i = from; i < to; ) {
            FloatVector q0 = FloatVector.zero(S), q1 = q0, q2 = q0, q3 = q0, s0 = q0, s1 = q0, s2 = q0, s3 = q0;
            for (int end = Math.min(to, i + Lanes.BLOCK); i < end; i += Lanes.ROUND) {
                FloatVector o0 = FloatVector.fromArray(S, x, xo + i).fma(va, vb);
                FloatVector o1 = FloatVector.fromArray(S, x, xo + i + V).fma(va, vb);
                FloatVector o2 = FloatVector.fromArray(S, x, xo + i + 2 * V).fma(va, vb);
                FloatVector o3 = FloatVector.fromArray(S, x, xo + i + 3 * V).fma(va, vb);
                o0.intoArray(out, oo + i);
                o1.intoArray(out, oo + i + V);
                o2.intoArray(out, oo + i + 2 * V);
                o3.intoArray(out, oo + i + 3 * V);
                q0 = o0.fma(o0, q0);
                q1 = o1.fma(o1, q1);
                q2 = o2.fma(o2, q2);
                q3 = o3.fma(o3, q3);
                s0 = o0.add(s0);
                s1 = o1.add(s1);
                s2 = o2.add(s2);
                s3 = o3.add(s3);
            }
            FloatVector part = q0.add(q1).add(q2.add(q3)).sub(qc), t = qs.add(part);
            qc = t.sub(qs).sub(part);
            qs = t;
            part = s0.add(s1).add(s2.add(s3)).sub(sc);
            t = ss.add(part);
            sc = t.sub(ss).sub(part);
            ss = t;
        }
        qs.intoArray(work, 0);
        qc.intoArray(work, V);
        ss.intoArray(work, 2 * V);
        sc.intoArray(work, 3 * V);
    }

    /**
     * The vector body of mixtureIsoStep over [from, to): the compensated lane sums of every reduction into
     * work. With {@code onto} each block's step goes to a block of work first (after the sums' lanes), and
     * out_i = fma(o_i, c, γ·out_i) from it, before the block's reductions.
     */
    private static void mixtureIsoBody(float[] x, int xo, float[] out, int oo, int from, int to, float[][] mu, int k,
                                       float alpha, float beta, float[] betas, float c, float gamma, boolean onto, float[] work) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vc = FloatVector.broadcast(S, c), vg = FloatVector.broadcast(S, gamma);
        int scratch = (k + 2) * 2 * V;
        float[] o = onto ? work : out;   // where the block's step is formed
        for (int start = from; start < to; start += Lanes.BLOCK) {
            int end = Math.min(to, start + Lanes.BLOCK), ob = onto ? scratch - start : oo;
            // the means four (then two, then one) at a time: out and the block's partial sums stay in registers
            // across a chunk, so out is read and written once per chunk rather than once per mean; the first
            // chunk starts from α·x + β
            int j = 0;
            boolean first = true;
            for (; j + 4 <= k; j += 4, first = false) {
                addMeans4(x, xo, first, alpha, beta, o, ob, start, end, mu[j], mu[j + 1], mu[j + 2], mu[j + 3],
                        betas[j], betas[j + 1], betas[j + 2], betas[j + 3]);
            }
            if (j + 2 <= k) {
                addMeans2(x, xo, first, alpha, beta, o, ob, start, end, mu[j], mu[j + 1], betas[j], betas[j + 1]);
                j += 2;
                first = false;
            }
            if (first && j == k - 1 || k == 0) {   // no chunk of two or four was first: α·x + β on its own
                for (int i = start; i < end; i += L) FloatVector.fromArray(S, x, xo + i).fma(va, vb).intoArray(o, ob + i);
            }
            if (j < k) addMeans1(o, ob, start, end, mu[j], betas[j]);
            if (onto) {
                for (int i = start; i < end; i += L) {
                    FloatVector.fromArray(S, work, ob + i).fma(vc, FloatVector.fromArray(S, out, oo + i).mul(vg)).intoArray(out, oo + i);
                }
            }
            j = 0;
            // four means at once need 16 accumulators beside the loads: on 16 vector registers (below
            // AVX-512) they spill, so there the means go two at a time (the same sums, in the same order)
            for (; THIRTY_TWO_REGISTERS && j + 4 <= k; j += 4) dotBlock4(out, oo, mu[j], mu[j + 1], mu[j + 2], mu[j + 3], start, end, work, j * 2 * V);
            for (; j + 2 <= k; j += 2) dotBlock2(out, oo, mu[j], mu[j + 1], start, end, work, j * 2 * V);
            if (j < k) dotBlock(out, oo, mu[j], start, end, work, j * 2 * V);
            squaresAndSumBlock(out, oo, start, end, work, k * 2 * V);
        }
    }

    /** out += β0·μ0 + β1·μ1 + β2·μ2 + β3·μ3 over [start, end), in that order; the first chunk adds to α·x + β instead. */
    private static void addMeans4(float[] x, int xo, boolean first, float alpha, float beta, float[] out, int oo, int start, int end,
                                  float[] m0, float[] m1, float[] m2, float[] m3, float b0, float b1, float b2, float b3) {
        FloatVector v0 = FloatVector.broadcast(S, b0), v1 = FloatVector.broadcast(S, b1), v2 = FloatVector.broadcast(S, b2), v3 = FloatVector.broadcast(S, b3);
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        for (int i = start; i < end; i += L) {
            FloatVector base = first ? FloatVector.fromArray(S, x, xo + i).fma(va, vb) : FloatVector.fromArray(S, out, oo + i);
            FloatVector o = FloatVector.fromArray(S, m0, i).fma(v0, base);
            o = FloatVector.fromArray(S, m1, i).fma(v1, o);
            o = FloatVector.fromArray(S, m2, i).fma(v2, o);
            FloatVector.fromArray(S, m3, i).fma(v3, o).intoArray(out, oo + i);
        }
    }

    /** out += β0·μ0 + β1·μ1 over [start, end), in that order; the first chunk adds to α·x + β instead. */
    private static void addMeans2(float[] x, int xo, boolean first, float alpha, float beta, float[] out, int oo, int start, int end,
                                  float[] m0, float[] m1, float b0, float b1) {
        FloatVector v0 = FloatVector.broadcast(S, b0), v1 = FloatVector.broadcast(S, b1);
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        for (int i = start; i < end; i += L) {
            FloatVector base = first ? FloatVector.fromArray(S, x, xo + i).fma(va, vb) : FloatVector.fromArray(S, out, oo + i);
            FloatVector o = FloatVector.fromArray(S, m0, i).fma(v0, base);
            FloatVector.fromArray(S, m1, i).fma(v1, o).intoArray(out, oo + i);
        }
    }

    /** out += β·μ over [start, end). */
    private static void addMeans1(float[] out, int oo, int start, int end, float[] m, float b) {
        FloatVector vb = FloatVector.broadcast(S, b);
        for (int i = start; i < end; i += L) FloatVector.fromArray(S, m, i).fma(vb, FloatVector.fromArray(S, out, oo + i)).intoArray(out, oo + i);
    }

    // The compensated add into work[] is written out for each mean in the dotBlock forms: as a method
    // taking vectors it is not inlined in bodies this large and would box them (native-notes/mixture-steps.md).
    /** dotBlock for two means at once (their lane sums at work[at] and [at + 32]). */
    private static void dotBlock2(float[] x, int xo, float[] m0, float[] m1, int start, int end, float[] work, int at) {
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, am = g * L;
            FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
            FloatVector a10 = FloatVector.zero(S), a11 = a10, a12 = a10, a13 = a10;
            for (int i = start; i < end; i += Lanes.ROUND) {
                FloatVector o0 = FloatVector.fromArray(S, x, ax + i);
                a00 = FloatVector.fromArray(S, m0, am + i).fma(o0, a00);
                a10 = FloatVector.fromArray(S, m1, am + i).fma(o0, a10);
                FloatVector o1 = FloatVector.fromArray(S, x, ax + i + V);
                a01 = FloatVector.fromArray(S, m0, am + i + V).fma(o1, a01);
                a11 = FloatVector.fromArray(S, m1, am + i + V).fma(o1, a11);
                FloatVector o2 = FloatVector.fromArray(S, x, ax + i + 2 * V);
                a02 = FloatVector.fromArray(S, m0, am + i + 2 * V).fma(o2, a02);
                a12 = FloatVector.fromArray(S, m1, am + i + 2 * V).fma(o2, a12);
                FloatVector o3 = FloatVector.fromArray(S, x, ax + i + 3 * V);
                a03 = FloatVector.fromArray(S, m0, am + i + 3 * V).fma(o3, a03);
                a13 = FloatVector.fromArray(S, m1, am + i + 3 * V).fma(o3, a13);
            }
            {
                FloatVector acc = FloatVector.fromArray(S, work, at + g * L), part = a00.add(a01).add(a02.add(a03)).sub(FloatVector.fromArray(S, work, at + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + g * L + V);
                t.intoArray(work, at + g * L);
            }
            {
                FloatVector acc = FloatVector.fromArray(S, work, at + 2 * V + g * L), part = a10.add(a11).add(a12.add(a13)).sub(FloatVector.fromArray(S, work, at + 2 * V + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + 2 * V + g * L + V);
                t.intoArray(work, at + 2 * V + g * L);
            }
        }
    }

    /** dotBlock for four means at once (their lane sums at work[at], [at + 32], [at + 64], [at + 96]): out is loaded once per element. */
    private static void dotBlock4(float[] x, int xo, float[] m0, float[] m1, float[] m2, float[] m3, int start, int end, float[] work, int at) {
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, am = g * L;
            FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
            FloatVector a10 = FloatVector.zero(S), a11 = a10, a12 = a10, a13 = a10;
            FloatVector a20 = FloatVector.zero(S), a21 = a20, a22 = a20, a23 = a20;
            FloatVector a30 = FloatVector.zero(S), a31 = a30, a32 = a30, a33 = a30;
            for (int i = start; i < end; i += Lanes.ROUND) {
                FloatVector o0 = FloatVector.fromArray(S, x, ax + i);
                a00 = FloatVector.fromArray(S, m0, am + i).fma(o0, a00);
                a10 = FloatVector.fromArray(S, m1, am + i).fma(o0, a10);
                a20 = FloatVector.fromArray(S, m2, am + i).fma(o0, a20);
                a30 = FloatVector.fromArray(S, m3, am + i).fma(o0, a30);
                FloatVector o1 = FloatVector.fromArray(S, x, ax + i + V);
                a01 = FloatVector.fromArray(S, m0, am + i + V).fma(o1, a01);
                a11 = FloatVector.fromArray(S, m1, am + i + V).fma(o1, a11);
                a21 = FloatVector.fromArray(S, m2, am + i + V).fma(o1, a21);
                a31 = FloatVector.fromArray(S, m3, am + i + V).fma(o1, a31);
                FloatVector o2 = FloatVector.fromArray(S, x, ax + i + 2 * V);
                a02 = FloatVector.fromArray(S, m0, am + i + 2 * V).fma(o2, a02);
                a12 = FloatVector.fromArray(S, m1, am + i + 2 * V).fma(o2, a12);
                a22 = FloatVector.fromArray(S, m2, am + i + 2 * V).fma(o2, a22);
                a32 = FloatVector.fromArray(S, m3, am + i + 2 * V).fma(o2, a32);
                FloatVector o3 = FloatVector.fromArray(S, x, ax + i + 3 * V);
                a03 = FloatVector.fromArray(S, m0, am + i + 3 * V).fma(o3, a03);
                a13 = FloatVector.fromArray(S, m1, am + i + 3 * V).fma(o3, a13);
                a23 = FloatVector.fromArray(S, m2, am + i + 3 * V).fma(o3, a23);
                a33 = FloatVector.fromArray(S, m3, am + i + 3 * V).fma(o3, a33);
            }
            {
                FloatVector acc = FloatVector.fromArray(S, work, at + g * L), part = a00.add(a01).add(a02.add(a03)).sub(FloatVector.fromArray(S, work, at + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + g * L + V);
                t.intoArray(work, at + g * L);
            }
            {
                FloatVector acc = FloatVector.fromArray(S, work, at + 2 * V + g * L), part = a10.add(a11).add(a12.add(a13)).sub(FloatVector.fromArray(S, work, at + 2 * V + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + 2 * V + g * L + V);
                t.intoArray(work, at + 2 * V + g * L);
            }
            {
                FloatVector acc = FloatVector.fromArray(S, work, at + 4 * V + g * L), part = a20.add(a21).add(a22.add(a23)).sub(FloatVector.fromArray(S, work, at + 4 * V + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + 4 * V + g * L + V);
                t.intoArray(work, at + 4 * V + g * L);
            }
            {
                FloatVector acc = FloatVector.fromArray(S, work, at + 6 * V + g * L), part = a30.add(a31).add(a32.add(a33)).sub(FloatVector.fromArray(S, work, at + 6 * V + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + 6 * V + g * L + V);
                t.intoArray(work, at + 6 * V + g * L);
            }
        }
    }

    /** One block [start, end) of dot(x, xo, y, 0, ·), folded into the lane sums at work[at..at+32). */
    private static void dotBlock(float[] x, int xo, float[] y, int start, int end, float[] work, int at) {
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L, ay = g * L;
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int i = start; i < end; i += Lanes.ROUND) {
                a0 = FloatVector.fromArray(S, x, ax + i).fma(FloatVector.fromArray(S, y, ay + i), a0);
                a1 = FloatVector.fromArray(S, x, ax + i + V).fma(FloatVector.fromArray(S, y, ay + i + V), a1);
                a2 = FloatVector.fromArray(S, x, ax + i + 2 * V).fma(FloatVector.fromArray(S, y, ay + i + 2 * V), a2);
                a3 = FloatVector.fromArray(S, x, ax + i + 3 * V).fma(FloatVector.fromArray(S, y, ay + i + 3 * V), a3);
            }
            {   // fold: the Kahan update of the pair at work[at], [at + 16]
                FloatVector acc = FloatVector.fromArray(S, work, at + g * L), part = a0.add(a1).add(a2.add(a3)).sub(FloatVector.fromArray(S, work, at + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + g * L + V);
                t.intoArray(work, at + g * L);
            }
        }
    }

    /** One block of dot(out, out) and sum(out), into the lane sums at work[at..at+32) and work[at+32..at+64). */
    private static void squaresAndSumBlock(float[] x, int xo, int start, int end, float[] work, int at) {
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L;
            FloatVector q0 = FloatVector.zero(S), q1 = FloatVector.zero(S), q2 = FloatVector.zero(S), q3 = FloatVector.zero(S);
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int i = start; i < end; i += Lanes.ROUND) {
                FloatVector o0 = FloatVector.fromArray(S, x, ax + i), o1 = FloatVector.fromArray(S, x, ax + i + V);
                FloatVector o2 = FloatVector.fromArray(S, x, ax + i + 2 * V), o3 = FloatVector.fromArray(S, x, ax + i + 3 * V);
                q0 = o0.fma(o0, q0);
                q1 = o1.fma(o1, q1);
                q2 = o2.fma(o2, q2);
                q3 = o3.fma(o3, q3);
                s0 = o0.add(s0);
                s1 = o1.add(s1);
                s2 = o2.add(s2);
                s3 = o3.add(s3);
            }
            {   // fold: the Kahan update of the pair at work[at], [at + 16]
                FloatVector acc = FloatVector.fromArray(S, work, at + g * L), part = q0.add(q1).add(q2.add(q3)).sub(FloatVector.fromArray(S, work, at + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + g * L + V);
                t.intoArray(work, at + g * L);
            }
            {   // fold: the Kahan update of the pair at work[at], [at + 16]
                FloatVector acc = FloatVector.fromArray(S, work, at + 2 * V + g * L), part = s0.add(s1).add(s2.add(s3)).sub(FloatVector.fromArray(S, work, at + 2 * V + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + 2 * V + g * L + V);
                t.intoArray(work, at + 2 * V + g * L);
            }
        }
    }

    // Each block's partial ((a0 + a1) + (a2 + a3)) goes into its Kahan pair in work written out in place, not
    // by a method taking the vector: where C2 stops inlining into a large caller (NodeCountInliningCutoff),
    // a vector passed to a call is boxed (15 kB per call of the isotropic step at d = 10⁴ and 4 means).

    @Override
    public void mixtureDiagStep(float[] x, int xo, float[] out, int oo, int n, float[][] mu, float[] muScalar, float[][] var, int c,
                                float cx, float[] w, float tau, float a2, float ceta, float ckappa, float tauNext, float a2Next,
                                float[] work, double[] sums) {
        int h = head(oo, n), body = n - (n - h) % Lanes.ROUND;
        float tau2 = tau * tau, tn2 = tauNext * tauNext;
        ScalarKernels.mixtureDiagStep(x, xo, out, oo, 0, h, mu, muScalar, var, c, cx, w, tau, a2, ceta, ckappa, tauNext, a2Next);
        for (int j = 0; j < c; j++) sums[j] = ScalarKernels.diagDistance(out, oo, mu[j], muScalar[j], var[j], 0, h, tau2, a2, tauNext, tn2, a2Next);
        sums[c] = ScalarKernels.sum(out, oo, 0, h);
        Arrays.fill(work, 0, (c + 2) * 2 * V, 0f);
        mixtureDiagBody(x, xo, out, oo, h, body, mu, muScalar, var, c, cx, w, tau, a2, ceta, ckappa, tauNext, a2Next, work);
        for (int j = 0; j < c; j++) sums[j] += (double) Lanes.tree(work, j * 2 * V) - Lanes.tree(work, j * 2 * V + V);
        sums[c] += (double) Lanes.tree(work, (c + 1) * 2 * V) - Lanes.tree(work, (c + 1) * 2 * V + V);
        ScalarKernels.mixtureDiagStep(x, xo, out, oo, body, n, mu, muScalar, var, c, cx, w, tau, a2, ceta, ckappa, tauNext, a2Next);
        for (int j = 0; j < c; j++) sums[j] += ScalarKernels.diagDistance(out, oo, mu[j], muScalar[j], var[j], body, n, tau2, a2, tauNext, tn2, a2Next);
        sums[c] += ScalarKernels.sum(out, oo, body, n);
    }

    /**
     * The vector body of mixtureDiagStep over [from, to). Per block: x copied to work (out may be x),
     * out = cx·x, each component's share added with its 1/v' kept in work for the distance pass.
     * work: [0, (c + 2)·32) the lane sums (component j at j·32, Σ out at (c + 1)·32), then x's block,
     * one block of 1/v' per component, and one block per component holding its mean where that is a
     * number: every component is then read from an array, and no vector is chosen between a
     * broadcast and a load (C2 boxed such a choice: 25 bytes per element at 4 components).
     */
    private static void mixtureDiagBody(float[] x, int xo, float[] out, int oo, int from, int to, float[][] mu, float[] muScalar,
                                        float[][] var, int c, float cx, float[] w, float tau, float a2, float ceta, float ckappa,
                                        float tauNext, float a2Next, float[] work) {
        int xb = (c + 2) * 2 * V, nb = xb + (c + 1) * Lanes.BLOCK;
        for (int j = 0; j < c; j++) if (mu[j] == null) Arrays.fill(work, nb + j * Lanes.BLOCK, nb + (j + 1) * Lanes.BLOCK, muScalar[j]);
        for (int start = from; start < to; start += Lanes.BLOCK) {
            int end = Math.min(to, start + Lanes.BLOCK);
            copyScaled(x, xo, out, oo, start, end, cx, work, xb - start);
            int j = 0;
            for (; j + 2 <= c; j += 2) {   // two components at a time: out and x are read once per pair
                float[] m0 = mu[j] == null ? work : mu[j], m1 = mu[j + 1] == null ? work : mu[j + 1];
                int mb0 = mu[j] == null ? nb + j * Lanes.BLOCK - start : 0, mb1 = mu[j + 1] == null ? nb + (j + 1) * Lanes.BLOCK - start : 0;
                diagShare2(work, xb - start, out, oo, start, end, m0, mb0, var[j], w[j], m1, mb1, var[j + 1], w[j + 1],
                        tau, a2, ceta, ckappa, tauNext, a2Next, work, xb + (j + 1) * Lanes.BLOCK - start);
            }
            if (j < c) {
                float[] m = mu[j] == null ? work : mu[j];
                int mb = mu[j] == null ? nb + j * Lanes.BLOCK - start : 0, rb = xb + (j + 1) * Lanes.BLOCK - start;
                diagShare(work, xb - start, out, oo, start, end, m, mb, var[j], w[j], tau, a2, ceta, ckappa, tauNext, a2Next, work, rb);
            }
            for (j = 0; j < c; j++) {
                float[] m = mu[j] == null ? work : mu[j];
                int mb = mu[j] == null ? nb + j * Lanes.BLOCK - start : 0, rb = xb + (j + 1) * Lanes.BLOCK - start;
                diagDistanceBlock(out, oo, start, end, m, mb, work, rb, tauNext, j * 2 * V);
            }
            sumBlock(out, oo, start, end, work, (c + 1) * 2 * V);
        }
    }

    // The pieces of a diagonal block take and return no vectors: the body calling them is too large for
    // C2 to inline them all (NodeCountInliningCutoff), and a vector passed to a call it did not inline is boxed.

    /** work[xw + i] = x[xo + i] and out[oo + i] = cx·x[xo + i] over [start, end). */
    private static void copyScaled(float[] x, int xo, float[] out, int oo, int start, int end, float cx, float[] work, int xw) {
        FloatVector vcx = FloatVector.broadcast(S, cx);
        for (int i = start; i < end; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xo + i);
            xv.intoArray(work, xw + i);
            xv.mul(vcx).intoArray(out, oo + i);
        }
    }

    /** One component's share of a block, out += (w·G)·x + ((cη − τG)·w)·μ, its 1/v' into rn[rb + i]. */
    private static void diagShare(float[] xs, int xw, float[] out, int oo, int start, int end, float[] m, int mb, float[] s, float w,
                                  float tau, float a2, float ceta, float ckappa, float tauNext, float a2Next, float[] rn, int rb) {
        FloatVector vt2 = FloatVector.broadcast(S, tau * tau), va2 = FloatVector.broadcast(S, a2);
        FloatVector vtn2 = FloatVector.broadcast(S, tauNext * tauNext), va2n = FloatVector.broadcast(S, a2Next);
        FloatVector vct = FloatVector.broadcast(S, ceta * tau), vck = FloatVector.broadcast(S, ckappa);
        FloatVector vce = FloatVector.broadcast(S, ceta), negTau = FloatVector.broadcast(S, -tau), one = FloatVector.broadcast(S, 1f);
        FloatVector vw = FloatVector.broadcast(S, w);
        for (int i = start; i < end; i += L) {
            FloatVector sv = FloatVector.fromArray(S, s, i);
            FloatVector v = sv.fma(vt2, va2), vn = sv.fma(vtn2, va2n), r = one.div(v.mul(vn));
            v.mul(r).intoArray(rn, rb + i);
            FloatVector g = sv.fma(vct, vck).mul(vn.mul(r));
            FloatVector o = g.mul(vw).fma(FloatVector.fromArray(S, xs, xw + i), FloatVector.fromArray(S, out, oo + i));
            g.fma(negTau, vce).mul(vw).fma(FloatVector.fromArray(S, m, mb + i), o).intoArray(out, oo + i);
        }
    }

    /** diagShare for components j and j + 1 in that order (1/v' of the second at rb + BLOCK). */
    private static void diagShare2(float[] xs, int xw, float[] out, int oo, int start, int end, float[] m0, int mb0, float[] s0, float w0,
                                   float[] m1, int mb1, float[] s1, float w1, float tau, float a2, float ceta, float ckappa,
                                   float tauNext, float a2Next, float[] rn, int rb) {
        FloatVector vt2 = FloatVector.broadcast(S, tau * tau), va2 = FloatVector.broadcast(S, a2);
        FloatVector vtn2 = FloatVector.broadcast(S, tauNext * tauNext), va2n = FloatVector.broadcast(S, a2Next);
        FloatVector vct = FloatVector.broadcast(S, ceta * tau), vck = FloatVector.broadcast(S, ckappa);
        FloatVector vce = FloatVector.broadcast(S, ceta), negTau = FloatVector.broadcast(S, -tau), one = FloatVector.broadcast(S, 1f);
        FloatVector vw0 = FloatVector.broadcast(S, w0), vw1 = FloatVector.broadcast(S, w1);
        int rb1 = rb + Lanes.BLOCK;
        for (int i = start; i < end; i += L) {
            FloatVector xv = FloatVector.fromArray(S, xs, xw + i);
            FloatVector sv = FloatVector.fromArray(S, s0, i);
            FloatVector v = sv.fma(vt2, va2), vn = sv.fma(vtn2, va2n), r = one.div(v.mul(vn));
            v.mul(r).intoArray(rn, rb + i);
            FloatVector g = sv.fma(vct, vck).mul(vn.mul(r));
            FloatVector o = g.mul(vw0).fma(xv, FloatVector.fromArray(S, out, oo + i));
            o = g.fma(negTau, vce).mul(vw0).fma(FloatVector.fromArray(S, m0, mb0 + i), o);
            sv = FloatVector.fromArray(S, s1, i);
            v = sv.fma(vt2, va2);
            vn = sv.fma(vtn2, va2n);
            r = one.div(v.mul(vn));
            v.mul(r).intoArray(rn, rb1 + i);
            g = sv.fma(vct, vck).mul(vn.mul(r));
            o = g.mul(vw1).fma(xv, o);
            g.fma(negTau, vce).mul(vw1).fma(FloatVector.fromArray(S, m1, mb1 + i), o).intoArray(out, oo + i);
        }
    }

    /** One block of a component's Σ (out − τ'μ)²·(1/v'), into the lane sums at work[at..at+32). */
    private static void diagDistanceBlock(float[] out, int oo, int start, int end, float[] m, int mb, float[] rn, int rb,
                                          float tauNext, int at) {
        FloatVector negTn = FloatVector.broadcast(S, -tauNext);
        for (int g = 0; g < G; g++) {
            int ao = oo + g * L, am = mb + g * L, ar = rb + g * L;
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int i = start; i < end; i += Lanes.ROUND) {
                FloatVector l0 = FloatVector.fromArray(S, m, am + i).fma(negTn, FloatVector.fromArray(S, out, ao + i));
                FloatVector l1 = FloatVector.fromArray(S, m, am + i + V).fma(negTn, FloatVector.fromArray(S, out, ao + i + V));
                FloatVector l2 = FloatVector.fromArray(S, m, am + i + 2 * V).fma(negTn, FloatVector.fromArray(S, out, ao + i + 2 * V));
                FloatVector l3 = FloatVector.fromArray(S, m, am + i + 3 * V).fma(negTn, FloatVector.fromArray(S, out, ao + i + 3 * V));
                a0 = l0.mul(FloatVector.fromArray(S, rn, ar + i)).fma(l0, a0);
                a1 = l1.mul(FloatVector.fromArray(S, rn, ar + i + V)).fma(l1, a1);
                a2 = l2.mul(FloatVector.fromArray(S, rn, ar + i + 2 * V)).fma(l2, a2);
                a3 = l3.mul(FloatVector.fromArray(S, rn, ar + i + 3 * V)).fma(l3, a3);
            }
            {   // fold: the Kahan update of the pair at rn[at], [at + 16]
                FloatVector acc = FloatVector.fromArray(S, rn, at + g * L), part = a0.add(a1).add(a2.add(a3)).sub(FloatVector.fromArray(S, rn, at + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(rn, at + g * L + V);
                t.intoArray(rn, at + g * L);
            }
        }
    }

    /** One block of sum(x, xo, ·) into the lane sums at work[at..at+32). */
    private static void sumBlock(float[] x, int xo, int start, int end, float[] work, int at) {
        for (int g = 0; g < G; g++) {
            int ax = xo + g * L;
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int i = start; i < end; i += Lanes.ROUND) {
                a0 = FloatVector.fromArray(S, x, ax + i).add(a0);
                a1 = FloatVector.fromArray(S, x, ax + i + V).add(a1);
                a2 = FloatVector.fromArray(S, x, ax + i + 2 * V).add(a2);
                a3 = FloatVector.fromArray(S, x, ax + i + 3 * V).add(a3);
            }
            {   // fold: the Kahan update of the pair at work[at], [at + 16]
                FloatVector acc = FloatVector.fromArray(S, work, at + g * L), part = a0.add(a1).add(a2.add(a3)).sub(FloatVector.fromArray(S, work, at + g * L + V));
                FloatVector t = part.add(acc);
                t.sub(acc).sub(part).intoArray(work, at + g * L + V);
                t.intoArray(work, at + g * L);
            }
        }
    }

    @Override
    public double logSum(float[] var, int n, float tau2, float a2) {
        int h = head(0, n), body = n - (n - h) % Lanes.ROUND;
        double total = ScalarKernels.logSum(var, 0, h, tau2, a2);
        FloatVector vt2 = FloatVector.broadcast(S, tau2), va2 = FloatVector.broadcast(S, a2);
        float[] work = Lanes.scratch();
        Arrays.fill(work, 0, 2 * V, 0f);
        for (int start = h; start < body; start += Lanes.BLOCK) {
            int end = Math.min(body, start + Lanes.BLOCK);
            for (int g = 0; g < G; g++) {
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2v = FloatVector.zero(S), a3 = FloatVector.zero(S);
                for (int i = start + g * L; i < end; i += Lanes.ROUND) {
                    a0 = log(FloatVector.fromArray(S, var, i).fma(vt2, va2)).add(a0);
                    a1 = log(FloatVector.fromArray(S, var, i + V).fma(vt2, va2)).add(a1);
                    a2v = log(FloatVector.fromArray(S, var, i + 2 * V).fma(vt2, va2)).add(a2v);
                    a3 = log(FloatVector.fromArray(S, var, i + 3 * V).fma(vt2, va2)).add(a3);
                }
                {   // fold: the Kahan update of the pair at work[at], [at + 16]
                    FloatVector acc = FloatVector.fromArray(S, work, g * L), part = a0.add(a1).add(a2v.add(a3)).sub(FloatVector.fromArray(S, work, g * L + V));
                    FloatVector t = part.add(acc);
                    t.sub(acc).sub(part).intoArray(work, g * L + V);
                    t.intoArray(work, g * L);
                }
            }
        }
        total += (double) Lanes.tree(work, 0) - Lanes.tree(work, V);
        return total + ScalarKernels.logSum(var, body, n, tau2, a2);
    }
}
