package org.phaseflow.metrics;

import java.util.ArrayList;
import java.util.List;
import org.phaseflow.model.Feature;
import org.phaseflow.model.Target;
import org.phaseflow.scheduler.Samples;

/**
 * The features of a set of samples against the target's exact values (docs/mathematics.md §7): the
 * high-level one, p̂ = the fraction of samples assigned to mode 0, with its standard error
 * √(p̂(1 − p̂)/N); and each of the target's low-level features, estimated from the samples it pools.
 * Sums run in particle order.
 */
public record Features(int particles, Estimate high, List<Estimate> low) {

    /** One feature's estimate: value ± se against the exact value, its error measure, from {@code count} samples. */
    public record Estimate(String name, String symbol, double value, double se, double exact, double error, int count) {}

    public static Features of(Samples s, Target target) {
        int n = s.particles();
        int[] mode = s.mode();
        long zero = 0;
        for (int c : mode) if (c == 0) zero++;
        double phat = (double) zero / n, p = target.targetHigh();
        Estimate high = new Estimate("p", "p", phat, Math.sqrt(phat * (1 - phat) / n), p, Math.abs(phat - p), n);
        List<Estimate> low = new ArrayList<>();
        for (Feature f : target.lowFeatures()) low.add(estimate(f, mode, s.low()));
        return new Features(n, high, List.copyOf(low));
    }

    private static Estimate estimate(Feature f, int[] mode, double[] values) {
        int n = 0;
        double sum = 0, sumSq = 0;
        for (int p = 0; p < values.length; p++) {
            if (!f.pools(mode[p])) continue;
            n++;
            sum += values[p];
            sumSq += values[p] * values[p];
        }
        double mean = sum / n, sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
        double value = f.estimate(mean);
        return new Estimate(f.name(), f.symbol(), value, n > 0 ? f.standardError(mean, sd, n) : Double.NaN, f.exact(), f.error(value), n);
    }

    public double phat() { return high.value(); }
    public double phatSe() { return high.se(); }
    public double targetP() { return high.exact(); }

    /** |p̂ − p|. */
    public double highError() { return high.error(); }

    /** The largest error over the low-level features (NaN when a feature pooled no sample). */
    public double lowError() {
        double e = 0;
        for (Estimate l : low) e = Math.max(e, l.error());
        return e;
    }

    /** The first low-level feature (the only one of the two-mode presets). */
    public Estimate firstLow() { return low.get(0); }
}
