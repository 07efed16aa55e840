package org.phaseflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.study.ExponentFit;
import org.phaseflow.study.StudyReport;

/**
 * K* against d on log–log axes with the fitted slopes: one panel per model × feature, every
 * (family, schedule) curve in it (uniform dashed-free markers, dilated hollow), the fit d^γ as a line.
 */
public final class StudyPlot {
    private StudyPlot() {}

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

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
                VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(base + ".svg").toString(),
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                BitmapEncoder.saveBitmap(chart, dir.resolve(base + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
                files.add(dir.resolve(base + ".svg"));
                files.add(dir.resolve(base + ".png"));
            }
        }
        if (!panels.isEmpty()) {
            int cols = 3, rows = (panels.size() + cols - 1) / cols;
            BitmapEncoder.saveBitmap(panels, rows, cols, dir.resolve("kstar.png").toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(dir.resolve("kstar.png"));
        }
        return files;
    }

    static XYChart panel(ModelKind model, String what, List<StudyReport.Curve> curves) {
        String symbol = curves.get(0).cost().symbol();
        XYChart chart = new XYChartBuilder().width(640).height(480)
                .title(model.toString().toUpperCase(java.util.Locale.ROOT) + ": " + symbol + " for " + what).xAxisTitle("dimension d").yAxisTitle(symbol).build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW)
                .setChartBackgroundColor(Color.WHITE).setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        // the integrator joins the legend only when the panel compares several
        boolean integrators = curves.stream().map(c -> c.setting().integrator()).distinct().count() > 1;
        int i = 0;
        for (StudyReport.Curve c : curves) {
            Color color = COLORS[i++ % COLORS.length];
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int d : c.kStar().keySet()) {
                if (c.median(d) > 0) {
                    xs.add((double) d);
                    ys.add(c.median(d));
                }
            }
            if (xs.isEmpty()) continue;
            ExponentFit.Exponent e = c.exponent();
            String name = c.setting().family() + "/" + c.setting().shape() + " " + c.setting().schedule()
                    + (integrators ? " " + c.setting().integrator() : "") + (e == null ? "" : String.format("  γ = %.2f", e.gamma()));
            XYSeries pts = chart.addSeries(name, xs, ys);
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(c.setting().schedule() == ScheduleKind.UNIFORM ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            pts.setMarkerColor(color);
            if (e != null && xs.size() >= 2) {
                // the fitted line through the geometric mean of the points
                double lx = 0, ly = 0;
                for (int j = 0; j < xs.size(); j++) {
                    lx += Math.log(xs.get(j)) / xs.size();
                    ly += Math.log(ys.get(j)) / ys.size();
                }
                double x0 = xs.get(0), x1 = xs.get(xs.size() - 1);
                double y0 = Math.exp(ly + e.gamma() * (Math.log(x0) - lx)), y1 = Math.exp(ly + e.gamma() * (Math.log(x1) - lx));
                XYSeries fit = chart.addSeries(name + " fit", List.of(x0, x1), List.of(y0, y1));
                fit.setMarker(SeriesMarkers.NONE);
                fit.setLineColor(color);
                fit.setLineStyle(new BasicStroke(1.2f));
                fit.setShowInLegend(false);
            }
        }
        return chart;
    }
}
