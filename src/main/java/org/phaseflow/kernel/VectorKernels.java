package org.phaseflow.kernel;

import java.util.Optional;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API forms of {@link FlowKernels}: a vector body, then a scalar tail. Reductions keep four
 * float accumulators (to hide add latency) over at most {@link #FLUSH} unrolled rounds, then fold them
 * into a double: every float partial sums few terms, which keeps a d = 10⁵ reduction within ~1e-7 of
 * a double evaluation.
 */
public final class VectorKernels implements FlowKernels {
    /** Bits of the VM's preferred vectors (MaxVectorSize and the CPU decide). */
    static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    /** The preferred species, or the narrower one -Dphaseflow.vector.bits asks for. */
    static final VectorSpecies<Float> S = species();
    static final int L = S.length();
    static final int U = 4 * L;      // elements per unrolled round
    static final int FLUSH = 4;      // unrolled rounds per float partial
    /** Byte alignment the vector loops start on (see {@link #head}); 0 when it cannot be known. */
    static final int ALIGN = alignment();
    /** Offset of element 0 from the start of a float[] object. */
    static final int BASE = floatArrayBase();

    // rotations by L/2, L/4, …, 1 lanes: a fixed pairwise tree for the horizontal sum
    private static final VectorShuffle<Float> ROT32 = rotation(32), ROT16 = rotation(16), ROT8 = rotation(8),
            ROT4 = rotation(4), ROT2 = rotation(2), ROT1 = rotation(1);

    /**
     * Refuses a width the VM cannot give and vectors too narrow to pay: Kernels falls back to scalar
     * on UnsupportedOperationException and passes the IllegalArgumentException (a wrong setting) on.
     */
    public VectorKernels() {
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
        return bits == 0 || bits > PREFERRED_BITS ? FloatVector.SPECIES_PREFERRED
                : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    private static VectorShuffle<Float> rotation(int w) { return w < L ? VectorShuffle.iota(S, w, 1, true) : null; }

    /**
     * Σ of the lanes by a fixed pairwise tree. reduceLanes(ADD) adds the lanes in order when
     * interpreted and as a tree once compiled, so its bits would depend on when the JIT got to a
     * kernel, and with it on the thread count; a tree of rotations is the same either way.
     */
    static float hsum(FloatVector v) {
        if (L > 32) v = v.add(v.rearrange(ROT32));
        if (L > 16) v = v.add(v.rearrange(ROT16));
        if (L > 8) v = v.add(v.rearrange(ROT8));
        if (L > 4) v = v.add(v.rearrange(ROT4));
        if (L > 2) v = v.add(v.rearrange(ROT2));
        if (L > 1) v = v.add(v.rearrange(ROT1));
        return v.lane(0);
    }

    @Override public String name() { return "vector(" + S.vectorBitSize() + "-bit, " + L + " lanes" + (ALIGN > 0 ? ", " + ALIGN + "-byte aligned" : "") + ")"; }

    /**
     * Elements to handle one by one from x[xo] so that the vector loop starts on an {@link #ALIGN}-byte
     * boundary. A 64-byte load that straddles two cache lines costs about a third of the GM step's speed
     * here (native-notes/alignment.md), but Java only aligns objects to 8 bytes: with
     * -XX:ObjectAlignmentInBytes=64 (the launcher sets it) every array starts at a known offset from a
     * 64-byte boundary and the head can be computed; otherwise it is 0 and nothing changes.
     * -Dphaseflow.align=false turns it off.
     */
    public static int head(int xo, int n) {
        return ALIGN == 0 ? 0 : Math.min(n, ((-(BASE + 4 * xo)) & (ALIGN - 1)) >>> 2);
    }

    private static int alignment() {
        if ("false".equals(System.getProperty("phaseflow.align"))) return 0;   // for measuring what alignment buys
        Optional<Integer> objects = HotSpotOptions.number("ObjectAlignmentInBytes");
        if (objects.isEmpty()) return 0;   // not HotSpot: alignment unknown
        int want = Math.min(objects.get(), S.vectorByteSize());
        return want >= 16 ? want : 0;
    }

    private static int floatArrayBase() {
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 16;   // HotSpot's with compressed class pointers
        }
    }

    @Override
    public double sum(float[] x, int xo, int n) {
        int i = 0, h = head(xo, n), body = n - (n - h) % U;
        double total = ScalarKernels.sum(x, xo, 0, h);
        i = h;
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        while (i < body) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(body, i + FLUSH * U); i < end; i += U) {
                a0 = a0.add(FloatVector.fromArray(S, x, xo + i));
                a1 = a1.add(FloatVector.fromArray(S, x, xo + i + L));
                a2 = a2.add(FloatVector.fromArray(S, x, xo + i + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, x, xo + i + 3 * L));
            }
            // compensated across flushes: the lanes are summed once, at the end
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = acc.add(part);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        total += (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.sum(x, xo, i, n);
    }

    @Override
    public double dot(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0, h = head(xo, n), body = n - (n - h) % U;
        double total = ScalarKernels.dot(x, xo, y, yo, 0, h);
        i = h;
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        while (i < body) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(body, i + FLUSH * U); i < end; i += U) {
                a0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), a0);
                a1 = FloatVector.fromArray(S, x, xo + i + L).fma(FloatVector.fromArray(S, y, yo + i + L), a1);
                a2 = FloatVector.fromArray(S, x, xo + i + 2 * L).fma(FloatVector.fromArray(S, y, yo + i + 2 * L), a2);
                a3 = FloatVector.fromArray(S, x, xo + i + 3 * L).fma(FloatVector.fromArray(S, y, yo + i + 3 * L), a3);
            }
            // compensated across flushes: the lanes are summed once, at the end
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = acc.add(part);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        total += (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.dot(x, xo, y, yo, i, n);
    }

    @Override
    public double affineOnes(float[] x, int xo, float[] out, int oo, int n, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        int i = 0, h = head(oo, n), body = n - (n - h) % U;
        double total = ScalarKernels.affineOnes(x, xo, out, oo, 0, h, alpha, beta);
        i = h;
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        while (i < body) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int end = Math.min(body, i + FLUSH * U); i < end; i += U) {
                FloatVector o0 = FloatVector.fromArray(S, x, xo + i).fma(va, vb);
                FloatVector o1 = FloatVector.fromArray(S, x, xo + i + L).fma(va, vb);
                FloatVector o2 = FloatVector.fromArray(S, x, xo + i + 2 * L).fma(va, vb);
                FloatVector o3 = FloatVector.fromArray(S, x, xo + i + 3 * L).fma(va, vb);
                o0.intoArray(out, oo + i);
                o1.intoArray(out, oo + i + L);
                o2.intoArray(out, oo + i + 2 * L);
                o3.intoArray(out, oo + i + 3 * L);
                a0 = a0.add(o0);
                a1 = a1.add(o1);
                a2 = a2.add(o2);
                a3 = a3.add(o3);
            }
            // compensated across flushes: the lanes are summed once, at the end
            FloatVector part = a0.add(a1).add(a2.add(a3)).sub(comp), t = acc.add(part);
            comp = t.sub(acc).sub(part);
            acc = t;
        }
        total += (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.affineOnes(x, xo, out, oo, i, n, alpha, beta);
    }

    @Override
    public void affine(float[] x, int xo, float[] u, float[] out, int oo, int n, float alpha, float beta, double[] sums) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        int i = 0, h = head(oo, n), body = n - (n - h) % (2 * L);
        sums[0] = 0;
        sums[1] = 0;
        ScalarKernels.affine(x, xo, u, out, oo, 0, h, alpha, beta, sums);
        i = h;
        FloatVector du = FloatVector.zero(S), dc = FloatVector.zero(S), ds = FloatVector.zero(S), sc = FloatVector.zero(S);
        while (i < body) {
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S), s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            for (int end = Math.min(body, i + 2 * FLUSH * 2 * L); i < end; i += 2 * L) {
                FloatVector u0 = FloatVector.fromArray(S, u, i), u1 = FloatVector.fromArray(S, u, i + L);
                FloatVector o0 = u0.fma(vb, FloatVector.fromArray(S, x, xo + i).mul(va));
                FloatVector o1 = u1.fma(vb, FloatVector.fromArray(S, x, xo + i + L).mul(va));
                o0.intoArray(out, oo + i);
                o1.intoArray(out, oo + i + L);
                d0 = u0.fma(o0, d0);
                d1 = u1.fma(o1, d1);
                s0 = s0.add(o0);
                s1 = s1.add(o1);
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
        ScalarKernels.affine(x, xo, u, out, oo, i, n, alpha, beta, sums);
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

    static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f, SQRT_HALF = 0.707106781186547524f;
    static final float P0 = 7.0376836292e-2f, P1 = -1.1514610310e-1f, P2 = 1.1676998740e-1f, P3 = -1.2420140846e-1f,
            P4 = 1.4249322787e-1f, P5 = -1.6668057665e-1f, P6 = 2.0000714765e-1f, P7 = -2.4999993993e-1f,
            P8 = 3.3333331174e-1f;

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
        FloatVector vr = FloatVector.broadcast(S, r), vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        sums[0] = 0;
        sums[1] = 0;
        int h = head(xo, n), i = h, body = n - (n - h) % L;
        ScalarKernels.cwLogOdds(x, xo, th, 0, h, r, m, sums);
        // per lane, running products of 1 ± m·t kept in [1, 2) with their exponents apart (exact bit
        // operations after each block), so the logarithm is taken once per lane per call
        // num and den cross from block to block as their bits: carried as floats straight out of
        // reinterpretAsFloats(), C2 gave each an array on the heap per block (native-notes/cw-step.md)
        FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
        IntVector exp = FloatVector.zero(S).reinterpretAsInts();
        IntVector nbits = one.reinterpretAsInts(), dbits = nbits;
        while (i < body) {
            FloatVector part = FloatVector.zero(S);
            FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
            for (int b = 0; b < block && i < body; b++, i += L) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + i);
                FloatVector t = tanh(xv.mul(vr));
                t.intoArray(th, i);
                num = num.mul(t.fma(vm, one));
                den = den.mul(t.fma(negM, one));
                part = part.add(xv);
            }
            IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
            exp = exp.add(nb.lanewise(VectorOperators.LSHR, 23)).sub(db.lanewise(VectorOperators.LSHR, 23));
            nbits = nb.and(MANTISSA).or(ONE_BITS);
            dbits = db.and(MANTISSA).or(ONE_BITS);
            FloatVector y = part.sub(xc), tt = xs.add(y);
            xc = tt.sub(xs).sub(y);
            xs = tt;
        }
        sums[0] += logOdds(nbits.reinterpretAsFloats(), dbits.reinterpretAsFloats(), exp);
        sums[1] += (double) hsum(xs) - hsum(xc);
        ScalarKernels.cwLogOdds(x, xo, th, i, n, r, m, sums);
    }

    // The block epilogue (renormalise both products, fold the partial sum) is written out in both CW
    // kernels: as a method it would return four vectors, which C2 can only hand back boxed.
    static final int MANTISSA = 0x007fffff, ONE_BITS = 0x3f800000;

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
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        FloatVector vm = FloatVector.broadcast(S, m), negM = FloatVector.broadcast(S, -m), vr = FloatVector.broadcast(S, rNext);
        FloatVector c1 = FloatVector.broadcast(S, 1 - m * m), ms = FloatVector.broadcast(S, m * s);
        FloatVector negMs = FloatVector.broadcast(S, -m * s), negM2 = FloatVector.broadcast(S, -m * m);
        FloatVector one = FloatVector.broadcast(S, 1f);
        sums[0] = 0;
        sums[1] = 0;
        int h = head(oo, n), i = h, body = n - (n - h) % L;
        ScalarKernels.cwStep(x, xo, th, out, oo, 0, h, alpha, beta, m, s, rNext, sums);
        FloatVector xs = FloatVector.zero(S), xc = FloatVector.zero(S);
        IntVector exp = FloatVector.zero(S).reinterpretAsInts();
        IntVector nbits = one.reinterpretAsInts(), dbits = nbits;   // as in cwLogOdds: bits between blocks
        while (i < body) {
            FloatVector part = FloatVector.zero(S);
            FloatVector num = nbits.reinterpretAsFloats(), den = dbits.reinterpretAsFloats();
            {
                for (int b = 0; b < block && i < body; b++, i += L) {
                    FloatVector t = FloatVector.fromArray(S, th, i);
                    FloatVector t2 = t.mul(t);
                    // η = [m·s·(1 − t²) + (1 − m²)·t] / (1 − m²t²), numerator as two FMAs
                    FloatVector eta = t2.fma(negMs, t.fma(c1, ms)).div(t2.fma(negM2, one));
                    FloatVector o = eta.fma(vb, FloatVector.fromArray(S, x, xo + i).mul(va));
                    o.intoArray(out, oo + i);
                    part = part.add(o);
                    FloatVector tn = tanh(o.mul(vr));
                    tn.intoArray(th, i);
                    num = num.mul(tn.fma(vm, one));
                    den = den.mul(tn.fma(negM, one));
                }
            }
            IntVector nb = num.reinterpretAsInts(), db = den.reinterpretAsInts();
            exp = exp.add(nb.lanewise(VectorOperators.LSHR, 23)).sub(db.lanewise(VectorOperators.LSHR, 23));
            nbits = nb.and(MANTISSA).or(ONE_BITS);
            dbits = db.and(MANTISSA).or(ONE_BITS);
            FloatVector y = part.sub(xc), tt = xs.add(y);
            xc = tt.sub(xs).sub(y);
            xs = tt;
        }
        sums[0] += logOdds(nbits.reinterpretAsFloats(), dbits.reinterpretAsFloats(), exp);
        sums[1] += (double) hsum(xs) - hsum(xc);
        ScalarKernels.cwStep(x, xo, th, out, oo, i, n, alpha, beta, m, s, rNext, sums);
    }


    @Override
    public double scaledSquaredDistance(float[] x, int xo, float[] mu, float[] var, int n, float tau, float a2) {
        FloatVector vt = FloatVector.broadcast(S, tau), vt2 = FloatVector.broadcast(S, tau * tau);
        FloatVector va2 = FloatVector.broadcast(S, a2);
        double total = 0;
        int i = 0, body = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S), comp = FloatVector.zero(S);
        while (i < body) {
            FloatVector part = FloatVector.zero(S);
            for (int end = Math.min(body, i + FLUSH * L); i < end; i += L) {
                FloatVector dl = FloatVector.fromArray(S, mu, i).mul(vt).neg().add(FloatVector.fromArray(S, x, xo + i));
                FloatVector v = FloatVector.fromArray(S, var, i).fma(vt2, va2);
                part = part.add(dl.mul(dl).div(v));
            }
            FloatVector y = part.sub(comp), t = acc.add(y);
            comp = t.sub(acc).sub(y);
            acc = t;
        }
        total += (double) hsum(acc) - hsum(comp);
        return total + ScalarKernels.scaledSquaredDistance(x, xo, mu, var, i, n, tau, a2);
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
}
