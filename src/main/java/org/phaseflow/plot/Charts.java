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

/** XChart panels in one style, and the series the figures use: lines, dashed guides, histograms. */
final class Charts {
    static final int WIDTH = 620, HEIGHT = 460;
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
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setMarkerSize(0);
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setXAxisDecimalPattern("0.####");
        s.setXAxisTickMarkSpacingHint(90);
        s.setYAxisDecimalPattern("0.####");
        return c;
    }

    /** A line without markers; {@code legend} false keeps it out of the legend. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke, boolean legend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
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

    static Color alpha(Color c, int a) { return new Color(c.getRed(), c.getGreen(), c.getBlue(), a); }
}
