package org.phaseflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.phaseflow.config.Setting;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.study.ExponentFit;
import org.phaseflow.study.StudyReport;

/**
 * K* against d on log–log axes, one panel per model × feature, every (family, shape, integrator,
 * schedule) curve in it: the median over seeds as an outlined marker (colour: family, shape and
 * integrator; shape: schedule), a bar from the smallest to the largest K* of the seeds, the fit
 * K* ∝ d^γ as a line (its style: the schedule) with γ and its 95 % interval in the legend, a × where
 * the noise floor decided the tolerance and an ↑ where some seeds did not reach K* (the median is of
 * those that did), a △ at the cap where none did. The curves of a panel sit slightly apart along d so
 * that equal values do not hide each other.
 */
public final class StudyPlot {
    private StudyPlot() {}

    /** Tableau's ten colours: distinct in print and for the common colour-vision deficiencies. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final BasicStroke[] FIT_STROKES = {new BasicStroke(1.3f),
            new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0),
            new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {1.5f, 3}, 0),
            new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {8, 3, 2, 3}, 0)};
    private static final BasicStroke BAR = new BasicStroke(1.6f);
    private static final double MARKER = 9, MARK = 7;
    static final int WIDTH = 960;

    /** Writes kstar.png (all panels) and kstar-MODEL-FEATURE.svg/png per panel; returns the files written. */
    public static List<Path> write(List<StudyReport.Curve> curves, List<ModelKind> models, Path dir) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (ModelKind model : models) {
            List<String> features = curves.stream().filter(c -> c.setting().model() == model).map(StudyReport.Curve::feature).distinct().toList();
            for (String feature : features) {
                List<StudyReport.Curve> mine = curves.stream()
                        .filter(c -> c.setting().model() == model && c.feature().equals(feature)).toList();
                XYChart chart = panel(model, mine.get(0).what(), mine);
                panels.add(chart);
                String base = "kstar-" + model + "-" + feature.replaceAll("[^A-Za-z0-9_]", "");
                Figure one = new Figure(List.of(), List.of(chart));
                one.writeSvg(dir.resolve(base + ".svg"));
                one.writePng(dir.resolve(base + ".png"));
                files.add(dir.resolve(base + ".svg"));
                files.add(dir.resolve(base + ".png"));
            }
        }
        if (!panels.isEmpty()) {
            new Figure(List.of(), panels, 2).writePng(dir.resolve("kstar.png"));
            files.add(dir.resolve("kstar.png"));
        }
        return files;
    }

    /** What a panel draws of one curve at one d: where, the median, the seeds' range, and its marks. */
    record Point(double x, double median, double lo, double hi, boolean noiseFloor, boolean someUnreached, boolean noneReached) {}

    /** The points of a curve, shifted along d by the factor {@code dodge}; a d where no seed reached K* sits at the cap (an adaptive curve, which has none, leaves it out). */
    static List<Point> points(StudyReport.Curve c, double dodge) {
        List<Point> out = new ArrayList<>();
        for (Map.Entry<Integer, int[]> e : c.kStar().entrySet()) {
            int d = e.getKey();
            int[] reached = Arrays.stream(e.getValue()).filter(k -> k > 0).sorted().toArray();
            boolean floor = c.noiseFloor().contains(d);
            if (reached.length == 0) {
                // an adaptive setting has no cap in its count (its grid ends at an rtol): the table says "n.r." instead
                if (c.cap() > 0) out.add(new Point(d * dodge, c.cap(), c.cap(), c.cap(), floor, false, true));
            } else {
                out.add(new Point(d * dodge, c.median(d), reached[0], reached[reached.length - 1], floor, c.unreached(d) > 0, false));
            }
        }
        return out;
    }

    /** The legend text of a curve: its setting (the integrator only when the panel compares several) and γ [95 % interval]. */
    static String label(StudyReport.Curve c, boolean integrators) {
        Setting s = c.setting();
        String name = s.family() + "/" + s.shape() + " " + s.schedule() + (integrators ? " " + s.integrator() : "");
        ExponentFit.Exponent e = c.exponent();
        if (e == null) return name + ": no fit";
        if (Double.isNaN(e.lo())) return name + ": γ = " + num(e.gamma());
        return name + ": γ = " + num(e.gamma()) + " [" + num(e.lo()) + ", " + num(e.hi()) + "]";
    }

    /** Two decimals with a minus sign (U+2212), as the tick labels. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    static XYChart panel(ModelKind model, String what, List<StudyReport.Curve> curves) {
        String symbol = curves.get(0).cost().symbol();
        int seeds = curves.stream().flatMap(c -> c.kStar().values().stream()).mapToInt(k -> k.length).max().orElse(0);
        XYChart chart = Charts.panel(String.format(Locale.ROOT, "%s: %s for %s (median of %d seeds, bar: min–max)",
                        model.toString().toUpperCase(Locale.ROOT), symbol, what, seeds),
                "dimension d", symbol.equals("K*") ? "K* (steps to tolerance)" : "NFE* (field evaluations per sample)", WIDTH);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        // colour per family, shape and integrator; marker and line style per schedule
        boolean integrators = curves.stream().map(c -> c.setting().integrator()).distinct().count() > 1;
        Map<String, Color> colours = new LinkedHashMap<>();
        Map<ScheduleSpec, Integer> schedules = new LinkedHashMap<>();
        for (StudyReport.Curve c : curves) {
            Setting s = c.setting();
            colours.computeIfAbsent(s.family() + "/" + s.shape() + "/" + s.integrator(), k -> COLORS[colours.size() % COLORS.length]);
            schedules.computeIfAbsent(s.schedule(), k -> schedules.size());
        }
        // the curves sit apart by about a marker width (a fiftieth of a decade), all of them within a fifth of one
        int n = curves.size();
        double step = Math.min(0.02, 0.2 / n);
        List<List<Point>> pts = new ArrayList<>();
        double xLo = Double.POSITIVE_INFINITY, xHi = 0, yLo = Double.POSITIVE_INFINITY, yHi = 0;
        for (int i = 0; i < n; i++) {
            List<Point> p = points(curves.get(i), Math.pow(10, step * (i - (n - 1) / 2.0)));
            pts.add(p);
            for (Point q : p) {
                xLo = Math.min(xLo, q.x());
                xHi = Math.max(xHi, q.x());
                yLo = Math.min(yLo, q.lo());
                yHi = Math.max(yHi, q.hi());
            }
        }
        if (pts.stream().allMatch(List::isEmpty)) return chart;
        // a margin of a sixth of a decade on d; on K* a quarter, or out to the enclosing powers of ten when
        // fewer than two lie inside (XChart labels the decades only, and a log axis needs two labels to be read)
        xLo /= Math.pow(10, 1 / 6.0);
        xHi *= Math.pow(10, 1 / 6.0);
        yLo /= Math.pow(10, 0.25);
        yHi *= Math.pow(10, 0.25);
        if (Math.floor(Math.log10(yHi)) - Math.ceil(Math.log10(yLo)) < 1) {
            yLo = Math.pow(10, Math.floor(Math.log10(yLo)));
            yHi = Math.pow(10, Math.ceil(Math.log10(yHi)));
        }
        Charts.logAxes(chart, xLo, xHi, yLo, yHi);
        double hiddenX = xLo / 10, hiddenY = yLo / 10;   // legend-only entries sit here, clipped away

        // behind: the seeds' ranges, then the fits, then the medians, then the marks
        for (int i = 0; i < n; i++) {
            List<Point> p = pts.get(i);
            double[] x = new double[3 * p.size()], y = new double[3 * p.size()];
            for (int j = 0; j < p.size(); j++) {
                x[3 * j] = x[3 * j + 1] = x[3 * j + 2] = p.get(j).x();
                // all seeds equal: no bar (a zero-length one would leave a dot in the marker)
                boolean bar = p.get(j).hi() > p.get(j).lo();
                y[3 * j] = bar ? p.get(j).lo() : Double.NaN;
                y[3 * j + 1] = bar ? p.get(j).hi() : Double.NaN;
                y[3 * j + 2] = Double.NaN;   // XChart breaks a line at NaN
            }
            Charts.line(chart, "spread " + i, x, y, Charts.alpha(colour(curves.get(i), colours), 150), BAR, false);
        }
        for (int i = 0; i < n; i++) {
            StudyReport.Curve c = curves.get(i);
            ExponentFit.Exponent e = c.exponent();
            List<Point> reached = pts.get(i).stream().filter(q -> !q.noneReached()).toList();
            if (e == null || reached.size() < 2) continue;
            // the fitted slope through the geometric mean of the medians, over their range of d
            double lx = 0, ly = 0;
            for (Point q : reached) {
                lx += Math.log(q.x()) / reached.size();
                ly += Math.log(q.median()) / reached.size();
            }
            double x0 = reached.get(0).x(), x1 = reached.get(reached.size() - 1).x();
            double[] fx = {x0, x1}, fy = {Math.exp(ly + e.gamma() * (Math.log(x0) - lx)), Math.exp(ly + e.gamma() * (Math.log(x1) - lx))};
            Charts.line(chart, "fit " + i, fx, fy, colour(c, colours), fitStroke(c, schedules), false);
        }
        for (int i = 0; i < n; i++) {
            StudyReport.Curve c = curves.get(i);
            List<Point> p = pts.get(i);
            XYSeries med = chart.addSeries("median " + i, p.stream().mapToDouble(Point::x).toArray(), p.stream().mapToDouble(Point::median).toArray());
            med.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            med.setMarker(marker(c, schedules));
            med.setMarkerColor(colour(c, colours));
            med.setShowInLegend(false);
            // the legend entry: the fit's line style and the marker, at a point outside the axes
            XYSeries key = chart.addSeries(label(c, integrators), new double[] {hiddenX}, new double[] {hiddenY});
            key.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            key.setMarker(marker(c, schedules));
            key.setMarkerColor(colour(c, colours));
            key.setLineColor(colour(c, colours));
            key.setLineStyle(c.exponent() == null ? SeriesLines.NONE : fitStroke(c, schedules));
        }
        mark(chart, "the noise floor decided (tolerance: 3 standard errors)", pts, Point::noiseFloor, Markers.cross(MARK), hiddenX, hiddenY);
        mark(chart, "some seeds did not reach " + symbol + " (median of the others)", pts, Point::someUnreached, Markers.arrowUp(1.6 * MARK),
                hiddenX, hiddenY);
        mark(chart, "no seed reached " + symbol + " by the cap (drawn at the cap)", pts, Point::noneReached,
                Markers.hollow(Markers.Kind.TRIANGLE_UP, 1.6 * MARK), hiddenX, hiddenY);
        return chart;
    }

    /** One black series of the points that carry a mark, in the legend only when there is one. */
    private static void mark(XYChart chart, String name, List<List<Point>> pts, java.util.function.Predicate<Point> has,
                             org.knowm.xchart.style.markers.Marker marker, double hiddenX, double hiddenY) {
        List<Point> marked = pts.stream().flatMap(List::stream).filter(has).toList();
        if (marked.isEmpty()) return;
        XYSeries s = chart.addSeries(name, marked.stream().mapToDouble(Point::x).toArray(), marked.stream().mapToDouble(Point::median).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(Color.BLACK);
        s.setLineStyle(SeriesLines.NONE);
    }

    private static Color colour(StudyReport.Curve c, Map<String, Color> colours) {
        Setting s = c.setting();
        return colours.get(s.family() + "/" + s.shape() + "/" + s.integrator());
    }

    private static org.knowm.xchart.style.markers.Marker marker(StudyReport.Curve c, Map<ScheduleSpec, Integer> schedules) {
        Markers.Kind[] kinds = Markers.Kind.values();
        return Markers.hollow(kinds[schedules.get(c.setting().schedule()) % kinds.length], MARKER);
    }

    private static BasicStroke fitStroke(StudyReport.Curve c, Map<ScheduleSpec, Integer> schedules) {
        return FIT_STROKES[schedules.get(c.setting().schedule()) % FIT_STROKES.length];
    }
}
