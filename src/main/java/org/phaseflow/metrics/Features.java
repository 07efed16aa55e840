package org.phaseflow.metrics;

import java.util.ArrayList;
import java.util.List;
import org.phaseflow.model.Feature;
import org.phaseflow.model.Target;
import org.phaseflow.scheduler.Samples;

/**
 * The features of a set of samples against the target's exact values (docs/mathematics.md §7): the
 * high-level one, p̂ = the fraction of samples assigned to mode 0, with its plug-in standard error
 * √(p̂(1 − p̂)/N) and its Wilson 95 % interval; and each of the target's low-level features, estimated
 * from the samples it pools. Sums run in particle order.
 *
 * <p>How far an estimate lies from the exact value is measured against the standard error that exact
 * samples would have ({@code exactSe}: √(p(1 − p)/N) for p̂, {@link Feature#noiseStandardError} for a
 * low-level feature), never against the plug-in one, which is 0 when p̂ is 0 or 1 or a spread collapses.
 */
public record Features(int particles, Estimate high, List<Estimate> low) {

    /** 1.96: the 97.5 % point of the standard normal. */
    static final double Z95 = 1.959963984540054;

    /**
     * One feature's estimate: value ± se (plug-in) against the exact value, its error measure, from
     * {@code count} samples; {@code exactSe} is the standard error of the value for exact samples.
     */
    public record Estimate(String name, String symbol, double value, double se, double exact, double error, int count, double exactSe) {
        /** (value − exact) in standard errors of exact sampling. */
        public double z() { return exactSe > 0 ? (value - exact) / exactSe : 0; }
    }

    public static Features of(Samples s, Target target) {
        int n = s.particles();
        int[] mode = s.mode();
        long zero = 0;
        for (int c : mode) if (c == 0) zero++;
        double phat = (double) zero / n, p = target.targetHigh();
        Estimate high = new Estimate("p", "p", phat, Math.sqrt(phat * (1 - phat) / n), p, Math.abs(phat - p), n, Math.sqrt(p * (1 - p) / n));
        List<Estimate> low = new ArrayList<>();
        for (Feature f : target.lowFeatures()) low.add(estimate(f, mode, s.low(), n));
        return new Features(n, high, List.copyOf(low));
    }

    private static Estimate estimate(Feature f, int[] mode, double[] values, int particles) {
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
        double noise = f.noiseStandardError(particles), exactSe = f.kind() == Feature.Kind.SPREAD ? f.exact() * noise : noise;
        return new Estimate(f.name(), f.symbol(), value, n > 0 ? f.standardError(mean, sd, n) : Double.NaN, f.exact(), f.error(value), n, exactSe);
    }

    public double phat() { return high.value(); }
    public double phatSe() { return high.se(); }
    public double targetP() { return high.exact(); }

    /** (p̂ − p) in standard errors at the target, √(p(1 − p)/N). */
    public double phatZ() { return high.z(); }

    /** The Wilson 95 % interval of p̂: never of zero width, also when p̂ is 0 or 1. */
    public double phatCiLo() { return wilson(-1); }

    /** The upper end of the Wilson 95 % interval of p̂. */
    public double phatCiHi() { return wilson(+1); }

    private double wilson(int sign) {
        double n = particles, ph = phat(), z2 = Z95 * Z95;
        double centre = (ph + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(ph * (1 - ph) / n + z2 / (4 * n * n));
        return Math.min(1, Math.max(0, centre + sign * half));
    }

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
