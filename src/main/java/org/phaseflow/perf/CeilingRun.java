package org.phaseflow.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        TRANSCENDENTAL("cw_transcendentals");

        public final String id;

        Kind(String id) { this.id = id; }
    }

    private CeilingRun() {}

    /** Element rate summed over {@code threads} threads, each running for about {@code seconds} after a short warm-up. */
    public static double measure(Kind kind, int dim, int threads, double seconds) {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "phaseflow-ceiling");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Double>> rates = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                rates.add(pool.submit(() -> {
                    Loop loop = new Loop(kind, dim);
                    loop.runFor(Math.max(0.05, seconds / 3));   // warm-up: compiles the loop
                    start.await();
                    return loop.runFor(seconds);
                }));
            }
            double total = 0;
            for (Future<Double> f : rates) total += f.get();
            return total;
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
        double sink;

        Loop(Kind kind, int dim) {
            this.kind = kind;
            this.dim = dim;
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
                    if (kind == Kind.MEMORY) {
                        Ceilings.readModifyWrite(x, dim, 0.5f, 0.25f);
                    } else {
                        sink += Ceilings.cwTranscendentals(x, th, dim, 0.7f, m, block);
                    }
                    elements += dim;
                }
            } while ((now = System.nanoTime()) < deadline);
            if (Double.isNaN(sink)) throw new IllegalStateException("NaN in the ceiling loop");
            return elements / ((now - t0) * 1e-9);
        }
    }
}
