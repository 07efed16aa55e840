package org.phaseflow.metrics;

import org.phaseflow.model.Target;
import org.phaseflow.scheduler.Samples;

/**
 * The two features of a set of samples against the target's exact values (DESIGN.md §1, "What is
 * measured"): p̂ with its standard error √(p̂(1 − p̂)/N), and σ̂ (GM: the RMS deviation from the
 * assigned mode's mean, over coordinates and samples) or m̂ (CW: the mean over samples of
 * |mean_i sign(x_i)|). Sums run in particle order.
 */
public record Features(int particles, double phat, double phatSe, double targetP,
                       String lowName, double low, double lowSe, double targetLow) {

    public static Features of(Samples s, Target target) {
        int n = s.particles();
        long plus = 0;
        for (boolean b : s.plus()) if (b) plus++;
        double phat = (double) plus / n;
        double sum = 0, sumSq = 0;
        for (double v : s.low()) {
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n, sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
        boolean gm = "sigma".equals(target.lowName());
        // GM: σ̂ = √(mean msd); its standard error by the delta method
        double low = gm ? Math.sqrt(mean) : mean;
        double lowSe = gm ? (mean > 0 ? sd / Math.sqrt(n) / (2 * low) : 0) : sd / Math.sqrt(n);
        return new Features(n, phat, Math.sqrt(phat * (1 - phat) / n), target.targetHigh(),
                target.lowName(), low, lowSe, target.targetLow());
    }

    /** |p̂ − p|. */
    public double highError() { return Math.abs(phat - targetP); }

    /** GM: |σ̂/σ − 1|; CW: |m̂ − m|. */
    public double lowError() {
        return "sigma".equals(lowName) ? Math.abs(low / targetLow - 1) : Math.abs(low - targetLow);
    }
}
