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
 * are bit-identical for any thread count. A run may take a range [from, to) of the N particles (a
 * shard): each particle's noise and computation depend on its index alone (docs/reproducibility.md),
 * so the shards' outcomes joined in index order ({@link Samples#concat}) are the bits of the whole run.
 */
public final class Sampler {
    /** A batch's initial noise is kept within this many bytes (half a core's L2 here). */
    static final int BATCH_BYTES = 512 * 1024;

    private Sampler() {}

    /** Particles per batch: small enough for the cache, and at least four batches per worker for balance. */
    static int batchSize(RunSpec spec) { return batchSize(spec, spec.particles()); }

    /** As {@link #batchSize(RunSpec)} for a run of {@code n} of the spec's particles. */
    static int batchSize(RunSpec spec, int n) {
        int perWorker = 4 * spec.threads();
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
        return run(spec, 0, spec.particles(), steps, recording, progress, kernels);
    }

    /**
     * Particles [from, to) of the spec's N only (a shard), each grid of {@code steps}: every particle's
     * bits are those of the whole run. The results are indexed by particle − from (mean paths too);
     * traces and final states are those of the range's first particles.
     */
    public static List<Samples> run(RunSpec spec, int from, int to, int[] steps, Recording recording, LongConsumer progress) {
        return run(spec, from, to, steps, recording, progress, Kernels.preferred());
    }

    private static List<Samples> run(RunSpec spec, int from, int to, int[] steps, Recording recording, LongConsumer progress, FlowKernels kernels) {
        Target target = spec.target();
        if (from < 0 || to > spec.particles() || from >= to) {
            throw new IllegalArgumentException("particles [" + from + ", " + to + "): not a non-empty range within the run's [0, " + spec.particles() + ")");
        }
        int d = spec.dim(), n = to - from, runs = steps.length;
        for (int k : steps) if (k <= 0) throw new IllegalArgumentException("--steps must be a positive integer, got " + k);
        checkHeap(spec, n, steps, recording);
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
        int batch = batchSize(spec, n);
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
                        // the guard names the particle by its index in the run; the records are indexed within the range
                        StepObserver records = null;
                        if (paths[r] != null) records = then(records, new MeanPathRecorder(paths[r], steps[r]));
                        if (traces[r].length > 0) records = then(records, new CoordinateRecorder(traces[r], recording.traceCoordinates()));
                        if (finals[r].length > 0) records = then(records, new FinalStateRecorder(finals[r], steps[r]));
                        if (recording.latency()) {
                            StepLatency l = new StepLatency();
                            latency[worker][r] = l.histogram();
                            records = then(records, l);
                        }
                        StepObserver guard = new NonFiniteGuard();
                        observers[r] = records == null ? guard : guard.andThen(shifted(records, from));
                    }
                    for (int b; (b = next.getAndIncrement()) < batches && !Thread.currentThread().isInterrupted(); ) {
                        int first = b * batch, count = Math.min(batch, n - first);
                        ensemble.initialise(spec.seed(), from + first, count, spec.interpolant().s0());
                        for (int r = 0; r < runs; r++) {
                            for (int j = 0; j < count; j++) {
                                int p = first + j;   // within the range; the particle is from + p
                                System.arraycopy(ensemble.data(), ensemble.offset(j), x, 0, d);
                                observers[r].start(from + p);
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

    private static StepObserver then(StepObserver a, StepObserver b) { return a == null ? b : a.andThen(b); }

    /** {@code o} told each particle's index within a range that starts at {@code from}. */
    private static StepObserver shifted(StepObserver o, int from) {
        if (from == 0) return o;
        return new StepObserver() {
            @Override public void start(int particle) { o.start(particle - from); }

            @Override public void step(int k, double tau, double mean, float[] x, int off) { o.step(k, tau, mean, x, off); }
        };
    }

    /** Refuses, before any work or allocation, a run whose grids and records would not fit in the heap. */
    static void checkHeap(RunSpec spec, int[] steps, Recording recording) { checkHeap(spec, spec.particles(), steps, recording); }

    /** As {@link #checkHeap(RunSpec, int[], Recording)} for a run of {@code particles} of the spec's particles. */
    static void checkHeap(RunSpec spec, int particles, int[] steps, Recording recording) {
        long d = spec.dim(), n = particles;
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
        long batch = batchSize(spec, particles);
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
