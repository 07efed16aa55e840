package org.phaseflow.study;

import java.util.List;

/**
 * γ in K* ∝ d^γ: least squares on log K* against log d. The confidence interval comes from the
 * spread of the slopes fitted to independent seeds (Student t), or, with one seed, from the
 * regression's own standard error; in quadrature with the grid's own resolution (K* is only known
 * to lie within one grid ratio r, a uniform error of log r in log K*), without which seeds that
 * agree to the grid point would give an interval of zero width.
 */
public final class ExponentFit {
    private ExponentFit() {}

    /** γ with its 95 % interval, over {@code points} (d, K*) pairs. */
    public record Exponent(double gamma, double lo, double hi, int points, int seeds) {}

    /** Slope and intercept of y on x. */
    static double[] line(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx, sxx};
    }

    /** LS slope of log k against log d. */
    public static double slope(double[] d, double[] k) {
        return line(logs(d), logs(k))[0];
    }

    /**
     * Pooled fit over all seeds' points; CI from per-seed slopes (seeds with ≥ 2 distinct d).
     * Returns null when fewer than two distinct dimensions have a K*.
     */
    public static Exponent fit(List<double[]> dPerSeed, List<double[]> kPerSeed, double gridRatio) {
        int total = 0;
        for (double[] d : dPerSeed) total += d.length;
        double[] x = new double[total], y = new double[total];
        int at = 0;
        for (int s = 0; s < dPerSeed.size(); s++) {
            for (int i = 0; i < dPerSeed.get(s).length; i++) {
                x[at] = Math.log(dPerSeed.get(s)[i]);
                y[at++] = Math.log(kPerSeed.get(s)[i]);
            }
        }
        if (distinct(x) < 2) return null;
        double[] pooled = line(x, y);
        double gamma = pooled[0];
        double[] slopes = new double[dPerSeed.size()];
        int ns = 0;
        for (int s = 0; s < dPerSeed.size(); s++) {
            if (distinct(logs(dPerSeed.get(s))) >= 2) slopes[ns++] = slope(dPerSeed.get(s), kPerSeed.get(s));
        }
        double half;
        if (ns >= 2) {
            double mean = 0, ss = 0;
            for (int i = 0; i < ns; i++) mean += slopes[i] / ns;
            for (int i = 0; i < ns; i++) ss += (slopes[i] - mean) * (slopes[i] - mean);
            half = t975(ns - 1) * Math.sqrt(ss / (ns - 1) / ns);
        } else if (total > 2) {
            double rss = 0;
            for (int i = 0; i < total; i++) {
                double r = y[i] - (pooled[1] + gamma * x[i]);
                rss += r * r;
            }
            half = t975(total - 2) * Math.sqrt(rss / (total - 2) / pooled[2]);
        } else {
            half = Double.NaN;
        }
        // grid resolution: sd log(r)/√12 per point, on a slope through distinct dimensions
        double sxxSeed = pooled[2] / Math.max(1, ns);
        double grid = 1.96 * Math.log(gridRatio) / Math.sqrt(12) / Math.sqrt(sxxSeed);
        half = Math.hypot(half, grid);
        return new Exponent(gamma, gamma - half, gamma + half, total, ns);
    }

    /** The 97.5 % quantile of Student's t with df degrees of freedom. */
    static double t975(int df) {
        double[] t = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
        if (df < 1) return Double.NaN;
        return df <= t.length ? t[df - 1] : 1.96 + 2.4 / df;
    }

    private static double[] logs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.log(v[i]);
        return out;
    }

    private static int distinct(double[] v) {
        return (int) java.util.Arrays.stream(v).distinct().count();
    }
}
