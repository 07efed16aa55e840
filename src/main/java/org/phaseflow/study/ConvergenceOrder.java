package org.phaseflow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.Feature;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * The measured convergence order of a fixed-step scheme on a real target (docs/mathematics.md §6.4).
 * The low-level feature's signed deviation v(K) (GM σ̂/σ − 1, CW m̂ − m) is measured at geometric K
 * from the same initial noise, so v(K) ≈ c + b·K^{−p} with the same sampling offset c at every K;
 * successive differences v(K_i) − v(K_{i+1}) = b·(1 − r^{−p})·K_i^{−p} cancel it, and the order is
 * −slope of log |difference| on log K_i. Differences below {@link #SIGNAL} standard errors of exact
 * sampling stay out of the fit (they could be noise even without common random numbers); the 95 %
 * interval is the regression's (Student t, n − 2 degrees of freedom).
 */
public final class ConvergenceOrder {
    private ConvergenceOrder() {}

    /** Differences below this many standard errors of exact sampling stay out of the fit. */
    public static final double SIGNAL = 3;

    /**
     * One K: its field evaluations per sample, the deviation v(K), its difference to the next K's
     * (NaN for the last), the standard error of exact sampling, and whether the difference was fitted.
     */
    public record Point(int k, int nfe, double deviation, double difference, double noise, boolean fitted) {}

    /** The points and the order (NaN, with its interval, when fewer than three differences are fitted). */
    public record Result(String feature, List<Point> points, double order, double lo, double hi) {
        public int fitted() { return (int) points.stream().filter(Point::fitted).count(); }

        /**
         * The observed order between consecutive differences, log(δ_i/δ_{i+1})/log r, at each K but the
         * last two (NaN where either difference is within the noise or they change sign).
         */
        public double[] localOrders() {
            double[] out = new double[points.size()];
            java.util.Arrays.fill(out, Double.NaN);
            for (int i = 0; i + 2 < points.size(); i++) {
                Point a = points.get(i), b = points.get(i + 1);
                if (a.fitted() && b.fitted() && Math.signum(a.difference()) == Math.signum(b.difference())) {
                    out[i] = Math.log(a.difference() / b.difference()) / Math.log((double) b.k() / a.k());
                }
            }
            return out;
        }
    }

    /** @param ks at least four K with a constant ratio */
    public static Result measure(RunSpec spec, int[] ks, LongConsumer progress) {
        if (spec.integrator().adaptive()) {
            throw new IllegalArgumentException("--integrators " + spec.integrator() + ": an adaptive scheme has no fixed K to measure an order on");
        }
        checkGeometric(ks);
        List<Samples> runs = Sampler.run(spec, ks, Recording.OUTCOMES, progress);
        List<Feature> features = spec.target().lowFeatures();
        // the feature furthest from its value at the smallest K: the one whose error the scheme sets
        List<Features> measured = runs.stream().map(r -> Features.of(r, spec.target())).toList();
        int which = 0;
        for (int j = 1; j < features.size(); j++) {
            if (measured.get(0).low().get(j).error() > measured.get(0).low().get(which).error()) which = j;
        }
        Feature f = features.get(which);
        double noise = f.noiseStandardError(spec.particles());
        double[] v = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            Features.Estimate e = measured.get(i).low().get(which);
            v[i] = f.kind() == Feature.Kind.SPREAD ? e.value() / e.exact() - 1 : e.value() - e.exact();
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            double diff = i + 1 < ks.length ? v[i] - v[i + 1] : Double.NaN;
            points.add(new Point(ks[i], spec.integrator().evaluations(ks[i], spec.target().singularAtOne()), v[i], diff, noise,
                    Math.abs(diff) >= SIGNAL * noise));
        }
        return fit(f.name(), points);
    }

    /** Refuses fewer than four K or a grid without a constant ratio, in one line naming --ks. */
    public static void checkGeometric(int[] ks) {
        if (ks.length < 4) throw new IllegalArgumentException("--ks needs at least four K (three differences to fit), got " + ks.length);
        double r = (double) ks[1] / ks[0];
        for (int i = 1; i < ks.length; i++) {
            double ri = (double) ks[i] / ks[i - 1];
            if (!(r > 1) || Math.abs(ri / r - 1) > 0.02) {
                throw new IllegalArgumentException("--ks " + java.util.Arrays.toString(ks).replace(" ", "")
                        + " must increase by a constant ratio (e.g. 32,64,128,256): the differences cancel the sampling offset only then");
            }
        }
    }

    /** −slope of log |difference| on log K over the fitted points, with its 95 % interval. */
    static Result fit(String feature, List<Point> points) {
        List<Point> used = points.stream().filter(Point::fitted).toList();
        int n = used.size();
        if (n < 3) return new Result(feature, List.copyOf(points), Double.NaN, Double.NaN, Double.NaN);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.log(used.get(i).k());
            y[i] = Math.log(Math.abs(used.get(i).difference()));
        }
        double[] line = ExponentFit.line(x, y);
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (line[1] + line[0] * x[i]);
            rss += r * r;
        }
        double half = ExponentFit.t975(n - 2) * Math.sqrt(rss / (n - 2) / line[2]);
        double order = -line[0];
        return new Result(feature, List.copyOf(points), order, order - half, order + half);
    }
}
