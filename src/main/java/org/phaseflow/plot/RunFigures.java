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
import org.phaseflow.model.Format;
import org.phaseflow.model.Target;
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

    /** The horizontal axis of the time pictures: the schedule's own time. */
    private static final String TIME = "schedule time t (dimensionless, 0 to 1)";

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
        String sched = spec.schedule() instanceof Dilated dl
                ? f("dilated schedule (k = %s, kink t = ½ at τ = %s)", num(dl.k()), num(dl.kinkTau()))
                : spec.schedule().id() + " schedule";
        return f("%s · %s, %s a(τ), s0 = %s · %s · %s · d = %d, N = %d, K = %d, seed %d", spec.target().describe(),
                spec.interpolant().family().id().toUpperCase(Locale.ROOT), spec.interpolant().shape().id(),
                num(spec.interpolant().s0()), sched, spec.integrator(), spec.dim(), spec.particles(), samples.steps(), spec.seed());
    }

    /** The measured features against the exact ones, one line. */
    public String result() {
        StringBuilder b = new StringBuilder(f("p̂ = %.4f, 95 %% interval [%.4f, %.4f] (exact %.4f, %+.1f s.e. at the exact value)",
                features.phat(), features.phatCiLo(), features.phatCiHi(), features.targetP(), features.phatZ()));
        for (Features.Estimate e : features.low()) {
            b.append(f(" · %s = %.4f (exact %s = %.4f)", Format.hat(e.symbol()), e.value(), e.symbol(), e.exact()));
        }
        return b.toString();
    }

    /** A mode's colour: + blue and − red for two modes, a palette for more. */
    private Color modeColour(int mode) {
        if (spec.target().modes().size() == 2) return mode == 0 ? Charts.PLUS : Charts.MINUS;
        return PALETTE[mode % PALETTE.length];
    }

    /** The mean coordinate M of each mode's centre, in mode order. */
    private double[] modeMeans() {
        return spec.target().modes().stream().mapToDouble(Target.Mode::meanCoordinate).toArray();
    }

    /** M_t of the first {@code paths} particles (thin, coloured by final mode), the target modes dashed. */
    public Figure meanPaths(int paths) {
        float[] mp = samples.meanPaths();
        if (mp == null) throw new IllegalArgumentException("the run did not record M_t (Recording.meanPaths)");
        int n = Math.min(paths, samples.particles()), pts = samples.steps() + 1;
        List<Target.Mode> modes = spec.target().modes();
        int[] count = new int[modes.size()];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            count[samples.mode()[p]]++;
            for (int k = 0; k < pts; k++) {
                lo = Math.min(lo, mp[p * pts + k]);
                hi = Math.max(hi, mp[p * pts + k]);
            }
        }
        double[] means = modeMeans();
        for (double v : means) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double pad = 0.04 * (hi - lo);
        lo -= pad;
        hi += pad;
        List<String> ended = new ArrayList<>();
        for (int c = 0; c < modes.size(); c++) {
            ended.add(f("%d in mode %s%s", count[c], modes.get(c).name(), modes.size() == 2 ? (c == 0 ? " (blue)" : " (red)") : ""));
        }
        XYChart c = Charts.panel(f("Mₜ of %d of %d particles: %s", n, samples.particles(), String.join(", ", ended)),
                TIME, "Mₜ = (1/d) Σᵢ Xₜⁱ", Charts.WIDTH + 200);
        // beside the plot: inside it the legend would cover a target mode's line
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        // a quarter of a pixel in each direction
        double tolX = 0.25 / (Charts.WIDTH - 90), tolY = 0.25 * (hi - lo) / (Charts.HEIGHT - 110);
        for (int p = 0; p < n; p++) {
            double[][] xy = Polylines.simplify(t, Polylines.toDouble(mp, p * pts, (p + 1) * pts), tolX, tolY);
            Charts.line(c, "path " + p, xy[0], xy[1], Charts.alpha(modeColour(samples.mode()[p]), 70), Charts.THIN, false);
        }
        guides(c, means, lo, hi, "target modes: M = " + modeList(means));
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(hi);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        Charts.roundTicks(c, 0, 1);
        return new Figure(List.of(configuration(), result()), List.of(c));
    }

    /** Dashed target modes, dotted mode centres τ(t)·M±, the schedule's kinks. */
    private void guides(XYChart c, double[] modes, double lo, double hi, String modeLabel) {
        double[] tau = samples.tau();
        for (int s = 0; s < modes.length; s++) {
            Charts.line(c, s == 0 ? modeLabel : "mode " + s, new double[] {0, 1}, new double[] {modes[s], modes[s]},
                    Color.BLACK, Charts.DASHED, s == 0);
            double[] centre = new double[tau.length];
            for (int k = 0; k < tau.length; k++) centre[k] = tau[k] * modes[s];
            Charts.line(c, s == 0 ? "mode centres τ(t)·M" : "centre " + s, t, centre, Color.DARK_GRAY, Charts.DOTTED, s == 0);
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
        double zoom = end;
        for (double v : modeMeans()) zoom = Math.max(zoom, Math.abs(v));
        zoom *= 1.5;
        List<XYChart> panels = new ArrayList<>();
        panels.add(coordinatePanel("Xₜⁱ against t", 0, lo, hi, true));
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
        XYChart c = Charts.panel(title, TIME, "Xₜⁱ (coordinate i of a particle)", legend ? Charts.WIDTH + 160 : Charts.WIDTH);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int p = 0; p < tr.length; p++) {
            for (int j = 0; j < coordinates.length; j++) {
                Charts.line(c, f("particle %d (mode %s), i = %d", p, spec.target().modes().get(samples.mode()[p]).name(), coordinates[j]),
                        t, Polylines.toDouble(tr[p][j]), PALETTE[p % PALETTE.length], COORDINATE_STROKES[j % COORDINATE_STROKES.length], true);
            }
        }
        double[] modes = modeMeans();
        for (int s = 0; s < modes.length; s++) {
            Charts.line(c, s == 0 ? "mode means " + modeList(modes) : "mode " + s, new double[] {0, 1},
                    new double[] {modes[s], modes[s]}, Color.BLACK, Charts.DASHED, s == 0);
        }
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
        c.getStyler().setXAxisMin(t0);
        c.getStyler().setXAxisMax(1.0);
        Charts.roundTicks(c, t0, 1);
        c.getStyler().setLegendVisible(legend);
        return c;
    }

    /** The projection views, one per mode (and, for a continuous target with final states kept, the within-mode coordinates). */
    public Figure finals() {
        Target target = spec.target();
        ModeView[] views = FinalDistributions.projection(samples.projection(), samples.mode(), target, PROJECTION_BINS);
        List<XYChart> panels = new ArrayList<>();
        for (ModeView v : views) {
            Target.Mode mode = target.modes().get(v.mode());
            XYChart c = Charts.panel(f("mode %s: %d of %d samples (%.4f; exact %.4f)", mode.name(), v.histogram().total(), v.particles(),
                    v.fraction(), mode.weight()), Charts.notation(target.projectionLabel()), "probability density");
            Charts.histogram(c, "samples", v.histogram(), v.particles(), modeColour(v.mode()));
            if (v.curveX().length > 0) {
                Charts.line(c, "exact density", v.curveX(), v.curveY(), Charts.EXACT, Charts.MEDIUM, true);
            } else {
                Charts.steps(c, "exact mass per bin", v.histogram(), v.exactBinDensity(), Charts.EXACT, Charts.MEDIUM);
            }
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setXAxisMin(v.histogram().lo());
            c.getStyler().setXAxisMax(v.histogram().hi());
            Charts.roundTicks(c, v.histogram().lo(), v.histogram().hi());
            panels.add(c);
        }
        WithinMode w = FinalDistributions.withinMode(samples.finals(), target, WITHIN_BINS);
        if (w != null) {
            XYChart c = Charts.panel(f("standardised within-mode coordinates of %d samples (RMS %.4f; exact 1)", w.states(), w.spreadRatio()),
                    "(xᵢ − μᵢ)/σᵢ, μ and σ of the sample's mode", "probability density");
            Charts.histogram(c, "samples (" + w.histogram().total() + " coordinates)", w.histogram(), w.histogram().total(), new Color(90, 90, 90));
            Charts.line(c, "exact N(0, 1)", w.curveX(), w.curveY(), Charts.EXACT, Charts.MEDIUM, true);
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setXAxisMin(w.histogram().lo());
            c.getStyler().setXAxisMax(w.histogram().hi());
            Charts.roundTicks(c, w.histogram().lo(), w.histogram().hi());
            panels.add(c);
        }
        return new Figure(List.of(configuration(), result()), panels);
    }

    private static String modeList(double[] means) {
        List<String> out = new ArrayList<>();
        for (double v : means) out.add(num(v).replaceFirst("^-", "−"));   // a minus sign, as the tick labels
        return String.join(", ", out);
    }

    private static String f(String format, Object... args) { return String.format(Locale.ROOT, format, args); }

    static String num(double v) { return Format.num(v); }
}
