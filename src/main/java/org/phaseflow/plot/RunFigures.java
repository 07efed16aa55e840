package org.phaseflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.phaseflow.metrics.Features;
import org.phaseflow.metrics.FinalDistributions;
import org.phaseflow.metrics.FinalDistributions.ModeView;
import org.phaseflow.metrics.FinalDistributions.WithinMode;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Samples;

/**
 * The paper's pictures of one run: M_t of many particles against t, X_t^i of a few coordinates of a
 * few particles against t, and the final distributions against the exact target. Time is the
 * schedule's t, so a dilated schedule shows its narrow window stretched over half the picture.
 */
public final class RunFigures {
    /** Bins of a projection view and of the within-mode histogram. */
    public static final int PROJECTION_BINS = 40, WITHIN_BINS = 60;
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};
    private static final BasicStroke[] COORDINATE_STROKES = {
        new BasicStroke(1.1f), Charts.DASHED, new BasicStroke(1.1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {2, 2.5f}, 0),
        new BasicStroke(1.1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {8, 3, 2, 3}, 0)};

    private final RunSpec spec;
    private final Samples samples;
    private final Features features;
    private final double[] t;
    private final int[] coordinates;

    /**
     * @param t           the grid's times t_k (Schedule.times), one per recorded step
     * @param coordinates the coordinates i recorded in {@code samples.traces()}
     */
    public RunFigures(RunSpec spec, Samples samples, Features features, double[] t, int[] coordinates) {
        if (t.length != samples.steps() + 1) throw new IllegalArgumentException("t has " + t.length + " points for " + samples.steps() + " steps");
        this.spec = spec;
        this.samples = samples;
        this.features = features;
        this.t = t;
        this.coordinates = coordinates.clone();
    }

    /** The configuration, one line. */
    public String configuration() {
        Target tg = spec.target();
        String model = switch (tg) {
            case TwoModeMixture gm -> f("GM (p = %s, m = %s, σ = %s%s)", num(gm.p()), num(gm.m()), num(gm.sigma()), gm.u() == null ? "" : ", random u");
            case CurieWeiss cw -> f("CW (β = %s, h = %s)", num(cw.beta()), num(cw.h()));
            default -> tg.model();
        };
        String sched = spec.schedule() instanceof Dilated dl
                ? f("dilated schedule (k = %s, kink t = ½ at τ = %s)", num(dl.k()), num(dl.kinkTau()))
                : spec.schedule().id() + " schedule";
        return f("%s · %s, %s a(τ), s0 = %s · %s · %s · d = %d, N = %d, K = %d, seed %d", model,
                spec.interpolant().family().id().toUpperCase(Locale.ROOT), spec.interpolant().shape().id(),
                num(spec.interpolant().s0()), sched, spec.integrator(), spec.dim(), spec.particles(), samples.steps(), spec.seed());
    }

    /** The measured features against the exact ones, one line. */
    public String result() {
        boolean gm = "sigma".equals(features.lowName());
        return f("p̂ = %.4f ± %.4f (exact %s = %.4f, %+.1f s.e.) · %s = %.4f (exact %s = %.4f)",
                features.phat(), features.phatSe(), gm ? "p" : "W+", features.targetP(),
                features.phatSe() > 0 ? (features.phat() - features.targetP()) / features.phatSe() : 0.0,
                gm ? "σ̂" : "m̂", features.low(), gm ? "σ" : "m", features.targetLow());
    }

    /** M_t of the first {@code paths} particles (thin, coloured by final mode), the target modes dashed. */
    public Figure meanPaths(int paths) {
        float[] mp = samples.meanPaths();
        if (mp == null) throw new IllegalArgumentException("the run did not record M_t (Recording.meanPaths)");
        int n = Math.min(paths, samples.particles()), pts = samples.steps() + 1, plus = 0;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            if (samples.plus()[p]) plus++;
            for (int k = 0; k < pts; k++) {
                lo = Math.min(lo, mp[p * pts + k]);
                hi = Math.max(hi, mp[p * pts + k]);
            }
        }
        double[] modes = FinalDistributions.meanModes(spec.target());
        lo = Math.min(lo, modes[0]);
        hi = Math.max(hi, modes[1]);
        double pad = 0.04 * (hi - lo);
        lo -= pad;
        hi += pad;
        XYChart c = Charts.panel(f("M_t of %d of %d particles: %d ended in the + mode (blue), %d in the − mode (red)",
                n, samples.particles(), plus, n - plus), "t (schedule time)", "M_t = (1/d)·Σ_i X_t^i");
        // a quarter of a pixel in each direction
        double tolX = 0.25 / (Charts.WIDTH - 90), tolY = 0.25 * (hi - lo) / (Charts.HEIGHT - 110);
        Color cp = Charts.alpha(Charts.PLUS, 70), cm = Charts.alpha(Charts.MINUS, 70);
        for (int p = 0; p < n; p++) {
            double[][] xy = Polylines.simplify(t, Polylines.toDouble(mp, p * pts, (p + 1) * pts), tolX, tolY);
            Charts.line(c, "path " + p, xy[0], xy[1], samples.plus()[p] ? cp : cm, Charts.THIN, false);
        }
        guides(c, modes, lo, hi, "target modes: M = ±" + num(modes[1]));
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(hi);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        return new Figure(List.of(configuration(), result()), List.of(c));
    }

    /** Dashed target modes, dotted mode centres τ(t)·M±, the schedule's kinks. */
    private void guides(XYChart c, double[] modes, double lo, double hi, String modeLabel) {
        double[] tau = samples.tau();
        for (int s = 0; s < 2; s++) {
            Charts.line(c, s == 0 ? modeLabel : "mode +", new double[] {0, 1}, new double[] {modes[s], modes[s]},
                    Color.BLACK, Charts.DASHED, s == 0);
            double[] centre = new double[tau.length];
            for (int k = 0; k < tau.length; k++) centre[k] = tau[k] * modes[s];
            Charts.line(c, s == 0 ? "mode centres τ(t)·M±" : "centre +", t, centre, Color.DARK_GRAY, Charts.DOTTED, s == 0);
        }
        for (double kink : spec.schedule().breakpoints()) {
            Charts.line(c, f("kink: t = %s, τ = %s", num(kink), num(spec.schedule().tau(kink))),
                    new double[] {kink, kink}, new double[] {lo, hi}, new Color(120, 120, 120), Charts.DASHED, true);
        }
    }

    /**
     * X_t^i of the recorded coordinates of the recorded particles. When the start is far wider than the
     * end (VE: X_0 ~ N(0, d)), a second panel shows the same lines at the target's scale.
     */
    public Figure coordinates() {
        float[][][] tr = samples.traces();
        if (tr.length == 0 || coordinates.length == 0) throw new IllegalArgumentException("the run recorded no coordinates (Recording.traceParticles, traceCoordinates)");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, end = 0;
        for (float[][] particle : tr) {
            for (float[] line : particle) {
                double[] r = Polylines.range(Polylines.toDouble(line));
                lo = Math.min(lo, r[0]);
                hi = Math.max(hi, r[1]);
                end = Math.max(end, Math.abs(line[line.length - 1]));
            }
        }
        double[] modes = FinalDistributions.meanModes(spec.target());
        double zoom = 1.5 * Math.max(end, Math.abs(modes[1]));
        List<XYChart> panels = new ArrayList<>();
        panels.add(coordinatePanel("X_t^i against t", 0, lo, hi, true));
        if (hi - lo > 4 * zoom) {
            // from the last time any line is still 3× beyond the target's scale
            int from = 0;
            for (float[][] particle : tr) {
                for (float[] line : particle) {
                    for (int k = 0; k < line.length; k++) if (Math.abs(line[k]) > 3 * zoom) from = Math.max(from, k);
                }
            }
            panels.add(coordinatePanel(f("the end, at the target's scale (|X| ≤ %s)", num(zoom)), t[from], -zoom, zoom, false));
        }
        return new Figure(List.of(configuration(), result()), panels);
    }

    private XYChart coordinatePanel(String title, double t0, double lo, double hi, boolean legend) {
        float[][][] tr = samples.traces();
        double pad = 0.04 * (hi - lo);
        XYChart c = Charts.panel(title, "t (schedule time)", "X_t^i", legend ? Charts.WIDTH + 160 : Charts.WIDTH);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int p = 0; p < tr.length; p++) {
            for (int j = 0; j < coordinates.length; j++) {
                Charts.line(c, f("particle %d (%s), i = %d", p, samples.plus()[p] ? "+" : "−", coordinates[j]),
                        t, Polylines.toDouble(tr[p][j]), PALETTE[p % PALETTE.length], COORDINATE_STROKES[j % COORDINATE_STROKES.length], true);
            }
        }
        double[] modes = FinalDistributions.meanModes(spec.target());
        for (int s = 0; s < 2; s++) {
            Charts.line(c, s == 0 ? "mode means ±" + num(modes[1]) : "mode +", new double[] {0, 1},
                    new double[] {modes[s], modes[s]}, Color.BLACK, Charts.DASHED, s == 0);
        }
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
        c.getStyler().setXAxisMin(t0);
        c.getStyler().setXAxisMax(1.0);
        c.getStyler().setLegendVisible(legend);
        return c;
    }

    /** The projection views (and, for GM with final states kept, the within-mode coordinates). */
    public Figure finals() {
        ModeView[] views = FinalDistributions.projection(samples.projection(), spec.target(), PROJECTION_BINS);
        boolean gm = spec.target() instanceof TwoModeMixture;
        String axis = gm ? (((TwoModeMixture) spec.target()).u() == null ? "u·x/d = (1/d)·Σ_i x_i" : "u·x/d") : "(1/d)·Σ_i sign x_i";
        List<XYChart> panels = new ArrayList<>();
        for (ModeView v : views) {
            String mode = v.sign() > 0 ? "+" : "−";
            XYChart c = Charts.panel(f("%s mode: %d of %d samples (%.4f; exact %.4f)", mode, v.histogram().total(), v.particles(),
                    v.fraction(), exactWeight(spec.target(), v.sign())), axis, "density");
            Charts.histogram(c, "samples", v.histogram(), v.particles(), v.sign() > 0 ? Charts.PLUS : Charts.MINUS);
            if (v.curveX().length > 0) {
                Charts.line(c, "exact density", v.curveX(), v.curveY(), Charts.EXACT, Charts.MEDIUM, true);
            } else {
                Charts.steps(c, "exact mass per bin", v.histogram(), v.exactBinDensity(), Charts.EXACT, Charts.MEDIUM);
            }
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setXAxisMin(v.histogram().lo());
            c.getStyler().setXAxisMax(v.histogram().hi());
            panels.add(c);
        }
        if (gm && samples.finals().length > 0) {
            WithinMode w = FinalDistributions.withinMode(samples.finals(), (TwoModeMixture) spec.target(), WITHIN_BINS);
            XYChart c = Charts.panel(f("within-mode coordinates of %d samples (RMS %.4f; exact σ = %s)", w.states(), w.sigmaHat(), num(w.sigma())),
                    "x_i − ĉ·m·u_i", "density");
            Charts.histogram(c, "samples (" + w.histogram().total() + " coordinates)", w.histogram(), w.histogram().total(), new Color(90, 90, 90));
            Charts.line(c, "exact N(0, σ²)", w.curveX(), w.curveY(), Charts.EXACT, Charts.MEDIUM, true);
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setXAxisMin(w.histogram().lo());
            c.getStyler().setXAxisMax(w.histogram().hi());
            panels.add(c);
        }
        return new Figure(List.of(configuration(), result()), panels);
    }

    private static String f(String format, Object... args) { return String.format(Locale.ROOT, format, args); }

    /** Four significant digits, no trailing zeros. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static double exactWeight(Target t, int sign) { return sign > 0 ? t.targetHigh() : 1 - t.targetHigh(); }
}
