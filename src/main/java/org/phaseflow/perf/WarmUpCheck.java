package org.phaseflow.perf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Whether a run's printed throughput is warm-up dominated (docs/reproducibility.md §3.4). It listens to
 * the sampler's progress, which each worker reports after every batch, and so learns each batch's
 * duration per particle; after the run, {@link #verdict} applies the rule:
 * <ol>
 *   <li>when no method of the kernels has C2 code at the end, every step ran interpreted or
 *       C1-compiled: warm-up dominated;</li>
 *   <li>else, with at least {@link #MIN_BATCHES} batches per worker, the steady pace is the median
 *       time per particle of the last third of the batches (by completion), and the run is warm-up
 *       dominated when its integration took more than {@link #FACTOR} times its slowest worker's
 *       particles at that pace;</li>
 *   <li>with fewer batches the pace cannot be told from the warm-up, and only rule 1 speaks.</li>
 * </ol>
 * A batch's time includes drawing its noise and reading its outcomes, so the steady estimate errs on
 * the long side and the rule on the side of not flagging.
 */
public final class WarmUpCheck implements LongConsumer {
    /** How much slower than the steady pace a run may be before its throughput is called warm-up dominated. */
    public static final double FACTOR = 2;
    /** Batches per worker below which rule 2 does not judge. */
    public static final int MIN_BATCHES = 3;

    /** One batch: when it ended (System.nanoTime), how long it took, how many particles it held. */
    public record Batch(long end, long nanos, long particles) {
        double pace() { return (double) nanos / particles; }
    }

    /**
     * The verdict: {@code steadySeconds} is the integration time at the steady pace (NaN when rule 2 could
     * not judge), {@code reason} says why the run is warm-up dominated (null when it is not).
     */
    public record Verdict(boolean dominated, double steadySeconds, String reason) {}

    private final long start = System.nanoTime();
    private final Map<Thread, List<Batch>> batches = new ConcurrentHashMap<>();
    private final LongConsumer next;

    /** Records the batches and passes each count on to {@code next} (a progress bar; may be null). */
    public WarmUpCheck(LongConsumer next) {
        this.next = next;
    }

    @Override
    public void accept(long count) {
        long now = System.nanoTime();
        List<Batch> mine = batches.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>());
        long previous = mine.isEmpty() ? start : mine.get(mine.size() - 1).end();
        mine.add(new Batch(now, now - previous, count));
        if (next != null) next.accept(count);
    }

    /** The rule for this run: its integration time and whether its kernels have C2 code now (empty: unknown). */
    public Verdict verdict(double integrationSeconds, Optional<Boolean> compiled) {
        return judge(List.copyOf(batches.values()), integrationSeconds, compiled);
    }

    /** The rule on each worker's batches, in order. */
    static Verdict judge(List<List<Batch>> workers, double integrationSeconds, Optional<Boolean> compiled) {
        if (compiled.isPresent() && !compiled.get()) {
            return new Verdict(true, Double.NaN, "the JIT had not compiled the kernels (C2) when it ended, so every step ran interpreted "
                    + "or C1-compiled");
        }
        List<Batch> all = new ArrayList<>();
        long share = 0;
        for (List<Batch> w : workers) {
            if (w.size() < MIN_BATCHES) return new Verdict(false, Double.NaN, null);
            all.addAll(w);
            share = Math.max(share, w.stream().mapToLong(Batch::particles).sum());
        }
        if (all.isEmpty()) return new Verdict(false, Double.NaN, null);
        all.sort(Comparator.comparingLong(Batch::end));
        List<Batch> last = all.subList(all.size() - Math.max(1, all.size() / 3), all.size());
        double steady = Bench.median(last.stream().mapToDouble(Batch::pace).toArray()) * share * 1e-9;
        if (integrationSeconds > FACTOR * steady) {
            return new Verdict(true, steady, String.format(java.util.Locale.ROOT,
                    "at the pace of its last particles the integration would take %.3g s (it took %.1f× that): its first particles ran "
                            + "before the JIT had compiled the kernels", steady, integrationSeconds / steady));
        }
        return new Verdict(false, steady, null);
    }
}
