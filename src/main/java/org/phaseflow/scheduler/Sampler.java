package org.phaseflow.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.phaseflow.ensemble.Ensemble;
import org.phaseflow.integrator.CoordinateRecorder;
import org.phaseflow.integrator.FinalStateRecorder;
import org.phaseflow.integrator.Integrator;
import org.phaseflow.integrator.MeanPathRecorder;
import org.phaseflow.integrator.NonFiniteGuard;
import org.phaseflow.integrator.StepLatency;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.Target;

/**
 * The batch scheduler (docs/architecture.md): a fixed pool of workers takes batches of particles; a worker
 * draws a batch's initial noise into its {@link Ensemble}, then carries one particle at a time through
 * all K steps while its coordinates stay in the core's cache (temporal blocking). Several step counts
 * can share one pass: every particle starts each of them from the same noise (common random numbers).
 * Outcomes are stored by particle index and every reduction runs in a fixed order, so the results
 * are bit-identical for any thread count.
 */
public final class Sampler {
    /** A batch's initial noise is kept within this many bytes (half a core's L2 here). */
    static final int BATCH_BYTES = 512 * 1024;

    private Sampler() {}

    /** Particles per batch: small enough for the cache, and at least four batches per worker for balance. */
    static int batchSize(RunSpec spec) {
        int n = spec.particles(), perWorker = 4 * spec.threads();
        return (int) Math.max(1, Math.min(BATCH_BYTES / (4 * spec.dim()), (n + (long) perWorker - 1) / perWorker));
    }

    /** One grid of K steps. */
    public static Samples run(RunSpec spec, int steps, Recording recording, LongConsumer progress) {
        return run(spec, new int[] {steps}, recording, progress).get(0);
    }

    /** Each grid of {@code steps}, from common initial noise. */
    public static List<Samples> run(RunSpec spec, int[] steps, Recording recording, LongConsumer progress) {
        return run(spec, steps, recording, progress, Kernels.preferred());
    }

    /** As {@link #run(RunSpec, int[], Recording, LongConsumer)} with the given kernels (the benchmarks time the scalar twin). */
    public static List<Samples> run(RunSpec spec, int[] steps, Recording recording, LongConsumer progress, FlowKernels kernels) {
        Target target = spec.target();
        int d = spec.dim(), n = spec.particles(), runs = steps.length;
        for (int k : steps) if (k <= 0) throw new IllegalArgumentException("--steps must be a positive integer, got " + k);
        checkHeap(spec, steps, recording);
        double[][] grids = new double[runs][];
        for (int r = 0; r < runs; r++) {
            grids[r] = spec.schedule().grid(steps[r]);
            for (int k = 0; k < steps[r] && target.singularAtOne(); k++) {
                if (!(grids[r][k] < 1)) {
                    throw new IllegalArgumentException("--schedule " + spec.schedule().id() + " with --steps " + steps[r]
                            + " reaches τ = 1 at step " + k + " of " + steps[r] + ", where the " + target.model()
                            + " field is singular; only the last grid point may be τ = 1");
                }
            }
        }
        int batch = batchSize(spec);
        int batches = (n + batch - 1) / batch;
        int threads = Math.min(spec.threads(), batches);

        int[][] mode = new int[runs][n], nfe = new int[runs][n], accepted = new int[runs][n], rejected = new int[runs][n];
        double[][] low = new double[runs][n], proj = new double[runs][n];
        float[][] paths = new float[runs][];
        float[][][][] traces = new float[runs][][][];
        float[][][] finals = new float[runs][Math.min(recording.finalStates(), n)][d];
        for (int r = 0; r < runs; r++) {
            if (recording.meanPaths()) paths[r] = new float[Math.multiplyExact(n, steps[r] + 1)];
            int tp = Math.min(recording.traceParticles(), n);
            traces[r] = new float[tp][recording.traceCoordinates().length][steps[r] + 1];
        }
        long[][] integration = new long[threads][runs];
        Histogram[][] latency = new Histogram[threads][runs];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();

        List<float[]> directions = spec.integrator().adaptive() ? target.featureDirections() : List.of();
        ExecutorService pool = Workers.pool(threads, "phaseflow-worker");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    ExactField field = target.field(spec.interpolant(), kernels);
                    Integrator integrator = spec.integrator().create(kernels, spec.tolerances(), directions);
                    Ensemble ensemble = new Ensemble(d, batch);
                    float[] x = new float[d], work = new float[d];
                    StepObserver[] observers = new StepObserver[runs];
                    for (int r = 0; r < runs; r++) {
                        StepObserver o = new NonFiniteGuard();
                        if (paths[r] != null) o = o.andThen(new MeanPathRecorder(paths[r], steps[r]));
                        if (traces[r].length > 0) o = o.andThen(new CoordinateRecorder(traces[r], recording.traceCoordinates()));
                        if (finals[r].length > 0) o = o.andThen(new FinalStateRecorder(finals[r], steps[r]));
                        if (recording.latency()) {
                            StepLatency l = new StepLatency();
                            latency[worker][r] = l.histogram();
                            o = o.andThen(l);
                        }
                        observers[r] = o;
                    }
                    for (int b; (b = next.getAndIncrement()) < batches && !Thread.currentThread().isInterrupted(); ) {
                        int first = b * batch, count = Math.min(batch, n - first);
                        ensemble.initialise(spec.seed(), first, count, spec.interpolant().s0());
                        for (int r = 0; r < runs; r++) {
                            for (int j = 0; j < count; j++) {
                                int p = first + j;
                                System.arraycopy(ensemble.data(), ensemble.offset(j), x, 0, d);
                                observers[r].start(p);
                                long t0 = System.nanoTime();
                                nfe[r][p] = integrator.integrate(field, spec.interpolant(), grids[r], target.singularAtOne(), x, 0, work, observers[r]);
                                accepted[r][p] = integrator.accepted() < 0 ? steps[r] : integrator.accepted();
                                rejected[r][p] = integrator.rejected();
                                integration[worker][r] += System.nanoTime() - t0;
                                Target.Outcome o = target.outcome(x, 0);
                                mode[r][p] = o.mode();
                                low[r][p] = o.low();
                                proj[r][p] = o.projection();
                            }
                        }
                        if (progress != null) progress.accept(count);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) Workers.await(f, pool);
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        List<Samples> out = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            long slowest = 0;
            Histogram merged = recording.latency() ? new Histogram(3_600_000_000_000L, 3) : null;
            for (int w = 0; w < threads; w++) {
                slowest = Math.max(slowest, integration[w][r]);
                if (merged != null && latency[w][r] != null) merged.add(latency[w][r]);
            }
            out.add(new Samples(steps[r], grids[r], mode[r], low[r], proj[r], nfe[r], accepted[r], rejected[r], paths[r], traces[r], finals[r], merged, slowest * 1e-9, wall));
        }
        return out;
    }

    /** Refuses, before any work or allocation, a run whose grids and records would not fit in the heap. */
    static void checkHeap(RunSpec spec, int[] steps, Recording recording) {
        long d = spec.dim(), n = spec.particles();
        long need = 0;
        for (int k : steps) {
            if (k + 1L > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("--steps " + k + ": the τ grid of " + (k + 1L)
                        + " points exceeds the largest Java array (2³¹ − 1 values)");
            }
            if (recording.meanPaths() && n * (k + 1L) > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format(
                        "--particles %d with --steps %d: the M_t record of %d×%d values exceeds the largest Java array "
                                + "(2³¹ − 1 values); lower --particles or --steps", n, k, n, k + 1));
            }
            need += n * 37;                                       // outcomes, evaluation and step counts
            need += (k + 1L) * 8;                                 // τ grid
            if (recording.meanPaths()) need += n * (k + 1L) * 4;  // M_t
            need += (long) Math.min(recording.traceParticles(), n) * recording.traceCoordinates().length * (k + 1L) * 4;
            need += Math.min(n, recording.finalStates()) * d * 4;   // final states
        }
        long batch = batchSize(spec);
        need += spec.threads() * (batch * d + 4 * d) * 4;         // ensembles, particle, scratch
        requireHeap(need, String.format("--particles %d with --dim %d and --steps %s", n, d,
                java.util.Arrays.toString(steps).replaceAll("[\\[\\] ]", "")), "lower --particles or --steps");
    }

    /**
     * Refuses, before allocating them, {@code bytes} that the heap cannot hold: one line saying what
     * needs them ({@code what}, naming the options), how much, and what to do ({@code remedy}).
     */
    public static void requireHeap(long bytes, String what, String remedy) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new IllegalArgumentException(String.format(
                    "%s needs %.2f GiB of heap but %.2f GiB is available (%s, or raise the heap with JAVA_OPTS=-Xmx…)",
                    what, bytes / 1073741824.0, free / 1073741824.0, remedy));
        }
    }
}
