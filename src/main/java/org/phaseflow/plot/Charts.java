package org.phaseflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.phaseflow.metrics.Histogram1D;

/**
 * XChart panels in one style, and the series the figures use: lines, dashed guides, histograms.
 * Sizes are points of the printed figure (Figure): 14-point titles, 12-point tick labels.
 */
final class Charts {
    static final int WIDTH = 620, HEIGHT = 460;
    static final Font TITLE = font(14), AXIS_TITLE = font(14), TICKS = font(12), LEGEND = font(11);
    static final Color PLUS = new Color(31, 94, 180), MINUS = new Color(205, 60, 40), EXACT = Color.BLACK;
    static final BasicStroke THIN = new BasicStroke(0.6f), MEDIUM = new BasicStroke(1.4f),
            DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0),
            DOTTED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {1.5f, 3}, 0);

    private Charts() {}

    static XYChart panel(String title, String xLabel, String yLabel) {
        return panel(title, xLabel, yLabel, WIDTH);
    }

    static XYChart panel(String title, String xLabel, String yLabel, int width) {
        XYChart c = new XYChartBuilder().width(width).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setPlotGridLinesStroke(new BasicStroke(0.6f));   // solid: an SVG draws a dashed line dash by dash
        s.setPlotBorderColor(Color.GRAY);
        s.setChartTitleFont(TITLE);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(AXIS_TITLE);
        s.setAxisTickLabelsFont(TICKS);
        s.setLegendFont(LEGEND);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setMarkerSize(0);
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setXAxisDecimalPattern(LINEAR);
        s.setXAxisTickMarkSpacingHint(90);
        s.setYAxisDecimalPattern(LINEAR);
        return c;
    }

    /** The tick labels of a linear axis: up to four decimals, and a minus sign (U+2212) rather than a hyphen. */
    static final String LINEAR = "0.####;−0.####";

    /**
     * Round tick steps (0.2, 0.4, …) on a linear x axis over [lo, hi]. XChart places the ticks of an
     * axis whose data are equally spaced (a uniform t grid, histogram bins) on every n-th data value,
     * which gives steps such as 0.07; one value off that grid, in a series that draws nothing (its y
     * is NaN) and stays out of the legend, makes it choose round steps.
     */
    static void roundTicks(XYChart c, double lo, double hi) {
        XYSeries s = c.addSeries("round ticks", new double[] {lo + (hi - lo) / Math.PI}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** A line without markers; {@code legend} false keeps it out of the legend. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke, boolean legend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarkerColor(color);
        s.setShowInLegend(legend);
        return s;
    }

    /** A histogram's density (count/(n·width)) as a filled step outline. */
    static XYSeries histogram(XYChart c, String name, Histogram1D h, long n, Color color) {
        double[] y = new double[h.bins()];
        for (int b = 0; b < y.length; b++) y[b] = h.density(b, n);
        XYSeries s = steps(c, name, h, y, color, MEDIUM);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
        return s;
    }

    /** Per-bin values over a histogram's bins as a step line. */
    static XYSeries steps(XYChart c, String name, Histogram1D h, double[] perBin, Color color, BasicStroke stroke) {
        int b = h.bins();
        double[] x = new double[2 * b + 2], y = new double[2 * b + 2];
        x[0] = h.lo();
        for (int i = 0; i < b; i++) {
            x[2 * i + 1] = h.edge(i);
            y[2 * i + 1] = perBin[i];
            x[2 * i + 2] = h.edge(i + 1);
            y[2 * i + 2] = perBin[i];
        }
        x[2 * b + 1] = h.hi();
        return line(c, name, x, y, color, stroke, true);
    }

    private static Font font(int size) { return new Font(Font.SANS_SERIF, Font.PLAIN, size); }

    /**
     * Both axes logarithmic, over the given ranges, with one tick-label pattern per axis (XChart's own
     * default switches from "1000" to "1E4" within an axis): whole numbers when every decade in the
     * range is one below a million, else mantissa-exponent for all (1E-3, 1E-2, …).
     */
    static void logAxes(XYChart c, double xLo, double xHi, double yLo, double yHi) {
        var s = c.getStyler();
        s.setXAxisLogarithmic(true);
        s.setYAxisLogarithmic(true);
        s.setXAxisMin(xLo);
        s.setXAxisMax(xHi);
        s.setYAxisMin(yLo);
        s.setYAxisMax(yHi);
        s.setXAxisDecimalPattern(logPattern(xLo, xHi));
        s.setYAxisDecimalPattern(logPattern(yLo, yHi));
    }

    /** The tick-label pattern of a log axis over [lo, hi] (see {@link #logAxes}). */
    static String logPattern(double lo, double hi) {
        return lo >= 1 && hi < 1e6 ? "0" : "0E0";
    }

    /** A label of the model's plain-text notation in Unicode sub- and superscripts: X_t^i as Xₜⁱ, Σ_i as Σᵢ, x_i as xᵢ, M_t as Mₜ. */
    static String notation(String s) {
        return s.replace("X_t^i", "Xₜⁱ").replace("M_t", "Mₜ").replace("Σ_i", "Σᵢ").replace("x_i", "xᵢ").replace("·Σ", " Σ");
    }

    static Color alpha(Color c, int a) { return new Color(c.getRed(), c.getGreen(), c.getBlue(), a); }
}
