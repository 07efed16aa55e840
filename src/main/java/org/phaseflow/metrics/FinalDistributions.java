package org.phaseflow.metrics;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;

/**
 * The final distributions of a run next to the exact target's, as the figures draw them: the
 * per-particle projection (GM: u·x/d; CW: (1/d)·Σ sign x_i) in one view per mode, each zoomed on its
 * mode, and for GM the within-mode coordinates x_i − μ_ĉ,i of a few final states against N(0, σ²).
 */
public final class FinalDistributions {
    /** Half-width of a view around the target's mode, in the mode's standard deviations. */
    static final double SPREAD = 5;
    /** Points of an exact density curve. */
    static final int CURVE = 241;

    private FinalDistributions() {}

    /**
     * One mode's view: the histogram of the projections of sign {@code sign} (≤ 0 counts as −) over a
     * range covering both the exact mode (± 5 sd) and every such sample; the exact law's mass per bin
     * as a density; and for a continuous law its density curve over the same range.
     */
    public record ModeView(int sign, Histogram1D histogram, long particles, double[] exactBinDensity,
                           double[] curveX, double[] curveY) {

        /** Exact probability of the view's range. */
        public double exactMass() {
            double s = 0;
            for (double v : exactBinDensity) s += v * histogram.width();
            return s;
        }

        /** Fraction of all particles that fell in this mode. */
        public double fraction() { return (double) histogram.total() / particles; }
    }

    /** The − and + views of the final projections against the target's exact law. */
    public static ModeView[] projection(double[] projection, Target target, int bins) {
        ProjectionLaw law = ProjectionLaw.of(target);
        ModeView[] views = new ModeView[2];
        for (int v = 0; v < 2; v++) {
            int sign = v == 0 ? -1 : 1;
            double lo = law.centre(sign) - SPREAD * law.sd(sign), hi = law.centre(sign) + SPREAD * law.sd(sign);
            for (double x : projection) {
                if ((x > 0) == (sign > 0)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            Histogram1D h = law.spacing() > 0
                    ? Histogram1D.onLattice(lo, hi, bins, law.spacing(), law.origin())
                    : new Histogram1D(lo, hi, bins);
            for (double x : projection) if ((x > 0) == (sign > 0)) h.add(x);
            double[] exact = new double[h.bins()];
            for (int b = 0; b < h.bins(); b++) exact[b] = law.mass(h.edge(b), h.edge(b + 1)) / h.width();
            double[] cx = new double[0], cy = new double[0];
            if (law.spacing() == 0) {
                cx = grid(h.lo(), h.hi(), CURVE);
                cy = new double[CURVE];
                for (int i = 0; i < CURVE; i++) cy[i] = law.density(cx[i]);
            }
            views[v] = new ModeView(sign, h, projection.length, exact, cx, cy);
        }
        return views;
    }

    /**
     * GM: the coordinates x_i − ĉ·m·u_i of the given final states (ĉ the sign of u·x, the assigned
     * mode), over a symmetric range covering ± 5σ and every value, against N(0, σ²).
     */
    public record WithinMode(Histogram1D histogram, int states, double sigma, double sigmaHat,
                             double[] curveX, double[] curveY) {}

    public static WithinMode withinMode(float[][] finals, TwoModeMixture target, int bins) {
        int d = target.dim();
        float[] u = target.u();
        double[] dev = new double[Math.multiplyExact(finals.length, d)];
        double reach = SPREAD * target.sigma(), sumSq = 0;
        for (int p = 0; p < finals.length; p++) {
            float[] x = finals[p];
            double proj = 0;
            for (int i = 0; i < d; i++) proj += (u == null ? 1.0 : u[i]) * x[i];
            double c = proj > 0 ? target.m() : -target.m();
            for (int i = 0; i < d; i++) {
                double e = x[i] - c * (u == null ? 1.0 : u[i]);
                dev[p * d + i] = e;
                reach = Math.max(reach, Math.abs(e));
                sumSq += e * e;
            }
        }
        reach *= 1 + 1e-9;
        Histogram1D h = Histogram1D.of(dev, -reach, reach, bins);
        NormalDistribution n = NormalDistribution.of(0, target.sigma());
        double[] cx = grid(-reach, reach, CURVE), cy = new double[CURVE];
        for (int i = 0; i < CURVE; i++) cy[i] = n.density(cx[i]);
        double sigmaHat = dev.length > 0 ? Math.sqrt(sumSq / dev.length) : Double.NaN;
        return new WithinMode(h, finals.length, target.sigma(), sigmaHat, cx, cy);
    }

    /** Where the mean coordinate M = (1/d)·Σ x_i of a target sample sits in each mode: {−, +}. */
    public static double[] meanModes(Target target) {
        if (target instanceof TwoModeMixture gm) {
            double mean = 1;
            if (gm.u() != null) {
                double s = 0;
                for (float v : gm.u()) s += v;
                mean = s / gm.dim();
            }
            return new double[] {-gm.m() * mean, gm.m() * mean};
        }
        if (target instanceof CurieWeiss cw) return new double[] {-cw.m(), cw.m()};
        throw new IllegalArgumentException("no mode positions for model " + target.model());
    }

    /** Trapezoidal integral of y over x. */
    public static double integrate(double[] x, double[] y) {
        double s = 0;
        for (int i = 1; i < x.length; i++) s += 0.5 * (y[i] + y[i - 1]) * (x[i] - x[i - 1]);
        return s;
    }

    static double[] grid(double lo, double hi, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = lo + (hi - lo) * i / (n - 1);
        return g;
    }
}
