package org.phaseflow.metrics;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.phaseflow.model.ProjectionLaw;
import org.phaseflow.model.Target;

/**
 * The final distributions of a run next to the exact target's, as the figures draw them: the
 * per-particle projection (the target's: GM u·x/d, CW (1/d)·Σ sign x_i) in one view per mode, each
 * zoomed on its mode, and for a continuous target the standardised within-mode coordinates of a few
 * final states against N(0, 1).
 */
public final class FinalDistributions {
    /** Half-width of a view around the target's mode, in the mode's standard deviations. */
    static final double SPREAD = 5;
    /** Points of an exact density curve. */
    static final int CURVE = 241;

    private FinalDistributions() {}

    /**
     * One mode's view: the histogram of the projections of the samples assigned to mode {@code mode}
     * over a range covering both the exact mode (± 5 sd) and every such sample; the exact law's mass
     * per bin as a density; and for a continuous law its density curve over the same range.
     */
    public record ModeView(int mode, Histogram1D histogram, long particles, double[] exactBinDensity,
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

    /** One view per mode of the final projections (mode[p] the mode sample p was assigned to) against the target's exact law. */
    public static ModeView[] projection(double[] projection, int[] mode, Target target, int bins) {
        ProjectionLaw law = target.projectionLaw();
        ModeView[] views = new ModeView[law.modes()];
        for (int v = 0; v < views.length; v++) {
            double lo = law.centre(v) - SPREAD * law.sd(v), hi = law.centre(v) + SPREAD * law.sd(v);
            for (int p = 0; p < projection.length; p++) {
                if (mode[p] == v) {
                    lo = Math.min(lo, projection[p]);
                    hi = Math.max(hi, projection[p]);
                }
            }
            Histogram1D h = law.spacing() > 0
                    ? Histogram1D.onLattice(lo, hi, bins, law.spacing(), law.origin())
                    : new Histogram1D(lo, hi, bins);
            for (int p = 0; p < projection.length; p++) if (mode[p] == v) h.add(projection[p]);
            double[] exact = new double[h.bins()];
            for (int b = 0; b < h.bins(); b++) exact[b] = law.mass(h.edge(b), h.edge(b + 1)) / h.width();
            double[] cx = new double[0], cy = new double[0];
            if (law.spacing() == 0) {
                cx = grid(h.lo(), h.hi(), CURVE);
                cy = new double[CURVE];
                for (int i = 0; i < CURVE; i++) cy[i] = law.density(cx[i]);
            }
            views[v] = new ModeView(v, h, projection.length, exact, cx, cy);
        }
        return views;
    }

    /**
     * Continuous targets: the standardised within-mode deviations (x_i − μ_ĉ,i)/σ_ĉ,i of the given final
     * states (ĉ the mode each was assigned to), over a symmetric range covering ± 5 and every value,
     * against N(0, 1). {@code spreadRatio} is their RMS (σ̂/σ pooled over the states).
     */
    public record WithinMode(Histogram1D histogram, int states, double spreadRatio, double[] curveX, double[] curveY) {}

    /** Null for a discrete target or no states. */
    public static WithinMode withinMode(float[][] finals, Target target, int bins) {
        int d = target.dim();
        if (finals.length == 0) return null;
        double[] dev = new double[Math.multiplyExact(finals.length, d)], one = new double[d];
        double reach = SPREAD, sumSq = 0;
        for (int p = 0; p < finals.length; p++) {
            int mode = target.outcome(finals[p], 0).mode();
            if (!target.standardisedDeviations(finals[p], 0, mode, one)) return null;
            for (int i = 0; i < d; i++) {
                dev[p * d + i] = one[i];
                reach = Math.max(reach, Math.abs(one[i]));
                sumSq += one[i] * one[i];
            }
        }
        reach *= 1 + 1e-9;
        Histogram1D h = Histogram1D.of(dev, -reach, reach, bins);
        NormalDistribution n = NormalDistribution.of(0, 1);
        double[] cx = grid(-reach, reach, CURVE), cy = new double[CURVE];
        for (int i = 0; i < CURVE; i++) cy[i] = n.density(cx[i]);
        return new WithinMode(h, finals.length, Math.sqrt(sumSq / dev.length), cx, cy);
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
