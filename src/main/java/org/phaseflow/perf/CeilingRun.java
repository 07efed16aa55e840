package org.phaseflow.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.CurieWeiss;

/**
 * Runs a {@link Ceilings} loop on several threads at once, each over its own array of one particle's
 * size (the working set of a worker under temporal blocking), and reports the summed rate in elements
 * per second: the machine's limit measured beside the kernels, in the same process.
 */
public final class CeilingRun {
    /** Which ceiling. */
    public enum Kind {
        /** STREAM-like read-modify-write x = a·x + b: the GM step's limit. */
        MEMORY("read_modify_write"),
        /** One tanh per element and one log per block of ratios: the CW step's limit. */
        TRANSCENDENTAL("cw_transcendentals"),
        /** An isotropic mixture's streams and FMAs in the cheapest order ({@link Ceilings#mixtureIso}). */
        MIXTURE_ISO("mixture_iso_streams"),
        /** A diagonal mixture's streams, division and FMAs in the cheapest order ({@link Ceilings#mixtureDiag}). */
        MIXTURE_DIAG("mixture_diag_streams");

        public final String id;

        Kind(String id) { this.id = id; }
    }

    private CeilingRun() {}

    /**
     * The rates of one measurement: {@code wall} = elements over the wall time, summed over threads;
     * {@code median} = threads × d / median time of one sweep (unaffected by a preempted thread).
     */
    public record Rates(double wall, double median) {}

    /** Element rates over {@code threads} threads, each running for about {@code seconds} after a short warm-up. */
    public static Rates measure(Kind kind, int dim, int threads, double seconds) {
        return measure(kind, null, dim, threads, seconds);
    }

    /**
     * The same for a mixture's ceiling: {@code mixture}'s means and variances are built once and shared
     * by the threads, as a target's are by the sampler's workers; each thread has its own row.
     */
    public static Rates measure(Kind kind, Bench.Mixture mixture, int dim, int threads, double seconds) {
        Bench.Mixture.Arrays shared = mixture == null ? null : mixture.arrays(dim);
        if ((kind == Kind.MIXTURE_ISO || kind == Kind.MIXTURE_DIAG) != (shared != null)) {
            throw new IllegalArgumentException("the " + kind.id + " ceiling " + (shared == null ? "needs" : "takes no") + " mixture");
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "phaseflow-ceiling");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Double>> rates = new ArrayList<>();
            List<Loop> loops = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                Loop loop = new Loop(kind, dim, shared);
                loops.add(loop);
                rates.add(pool.submit(() -> {
                    loop.runFor(Math.max(0.05, seconds / 3));   // warm-up: compiles the loop
                    start.await();
                    loop.sweeps.reset();
                    return loop.runFor(seconds);
                }));
            }
            double total = 0;
            for (Future<Double> f : rates) total += f.get();
            Histogram all = new Histogram(3_600_000_000_000L, 3);
            for (Loop l : loops) all.add(l.sweeps);
            return new Rates(total, (double) threads * dim * 1e9 / all.getValueAtPercentile(50));
        } catch (Exception e) {
            throw new IllegalStateException("ceiling run failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class Loop {
        final Kind kind;
        final int dim;
        final float[] x, th;
        final float m = (float) CurieWeiss.magnetisation(2);
        final int block = FlowKernels.logBlock(m);
        final Bench.Mixture.Arrays mix;
        final float[] betas, w;
        double sink;
        final Histogram sweeps = new Histogram(3_600_000_000_000L, 3);   // ns per sweep

        Loop(Kind kind, int dim, Bench.Mixture.Arrays mix) {
            this.kind = kind;
            this.dim = dim;
            this.mix = mix;
            int c = mix == null ? 0 : mix.weights().length;
            betas = new float[c];
            w = new float[c];
            for (int j = 0; j < c; j++) {
                betas[j] = 0.1f / c;
                w[j] = (float) mix.weights()[j];
            }
            x = new float[dim];
            th = new float[dim];
            java.util.SplittableRandom r = new java.util.SplittableRandom(dim);
            for (int i = 0; i < dim; i++) x[i] = (float) r.nextGaussian();
        }

        /** Elements per second over about {@code seconds}. */
        double runFor(double seconds) {
            long t0 = System.nanoTime(), deadline = t0 + (long) (seconds * 1e9), elements = 0, now;
            do {
                for (int rep = 0; rep < 16; rep++) {
                    long s0 = System.nanoTime();
                    switch (kind) {
                        case MEMORY -> Ceilings.readModifyWrite(x, dim, 0.5f, 0.25f);
                        case TRANSCENDENTAL -> sink += Ceilings.cwTranscendentals(x, th, dim, 0.7f, m, block);
                        case MIXTURE_ISO -> sink += Ceilings.mixtureIso(x, dim, mix.vectorMeans(), mix.vectorMeans().length, 0.5f, 0.25f, betas);
                        case MIXTURE_DIAG -> sink += Ceilings.mixtureDiag(x, dim, mix.diagonalMeans(), mix.scalarMeans(), mix.variances(),
                                w.length, w, 0.5f, 0.75f, 0.51f, 0.7399f);
                    }
                    elements += dim;
                    sweeps.recordValue(Math.max(1, System.nanoTime() - s0));
                }
            } while ((now = System.nanoTime()) < deadline);
            if (Double.isNaN(sink)) throw new IllegalStateException("NaN in the ceiling loop");
            return elements / ((now - t0) * 1e-9);
        }
    }
}
