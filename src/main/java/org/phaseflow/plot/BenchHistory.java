package org.phaseflow.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bench history as a person reads it (like the charts of Lucene's nightly benchmarks): for each
 * configuration, its throughput and its kernel/ceiling fraction in every saved run, run after run in
 * date order, each run labelled by its commit and date, and the baseline run marked. Data in, no
 * knowledge of where the runs came from.
 */
public final class BenchHistory {
    private BenchHistory() {}

    /**
     * One saved run: its label (commit and date), whether it is the baseline, and per configuration
     * its throughput (element-steps/s) and kernel/ceiling fraction (a configuration it lacks is absent).
     */
    public record Run(String label, boolean baseline, Map<String, Double> throughput, Map<String, Double> fraction) {}

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b)};

    /** Writes {@code base}.png and {@code base}.svg in {@code dir}; runs in the order given (oldest first). */
    public static List<Path> write(List<Run> runs, List<String> header, String throughputName, Path dir, String base) throws IOException {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs to draw");
        // throughput relative to the baseline run (1 = baseline; its absolute value in the legend): one
        // linear axis for configurations whose rates differ tenfold
        Run reference = runs.stream().filter(Run::baseline).findFirst().orElse(runs.get(runs.size() - 1));
        XYChart rate = Charts.panel(throughputName + " / " + (reference.baseline() ? "baseline" : "last run"), "run (commit, date UTC)",
                "throughput relative to " + (reference.baseline() ? "the baseline" : "the last run"), Charts.WIDTH + 260);
        XYChart frac = Charts.panel("kernel / ceiling", "run (commit, date UTC)", "fraction of the machine's ceiling", Charts.WIDTH + 260);
        Set<String> configs = new LinkedHashSet<>();
        for (Run r : runs) configs.addAll(r.throughput().keySet());
        for (XYChart c : List.of(rate, frac)) {
            c.getStyler().setXAxisTickMarkSpacingHint(12);   // a label for every run
            c.getStyler().setXAxisLabelRotation(90);   // upright labels take one line height each: every run gets its own
            c.getStyler().setMarkerSize(7);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            c.setCustomXAxisTickLabelsFormatter(x -> {
                int i = (int) Math.round(x);
                return Math.abs(x - i) < 1e-9 && i >= 1 && i <= runs.size() ? runs.get(i - 1).label() : "";
            });
        }
        int ci = 0;
        for (String config : configs) {
            Color color = COLORS[ci++ % COLORS.length];
            Double ref = reference.throughput().get(config);
            String name = ref == null ? config : String.format(java.util.Locale.ROOT, "%s (%.3g)", config, ref);
            series(rate, name, runs, r -> ref == null || r.throughput().get(config) == null ? null : r.throughput().get(config) / ref, color);
            series(frac, name, runs, r -> r.fraction().get(config), color);
        }
        for (int i = 0; i < runs.size(); i++) {
            if (!runs.get(i).baseline()) continue;
            for (XYChart c : List.of(rate, frac)) {
                double[] y = range(c);
                Charts.line(c, "baseline", new double[] {i + 1, i + 1}, y, Color.GRAY, Charts.DASHED, true);
            }
        }
        frac.getStyler().setLegendVisible(false);   // the same series as above
        Figure f = new Figure(header, List.of(rate, frac), 1);
        List<Path> files = List.of(dir.resolve(base + ".png"), dir.resolve(base + ".svg"));
        f.writePng(files.get(0));
        f.writeSvg(files.get(1));
        return files;
    }

    private static void series(XYChart c, String name, List<Run> runs, java.util.function.Function<Run, Double> value, Color color) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Double v = value.apply(runs.get(i));
            if (v != null && Double.isFinite(v) && v > 0) {
                x.add(i + 1.0);
                y.add(v);
            }
        }
        if (x.isEmpty()) return;
        XYSeries s = c.addSeries(name, x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray());
        s.setLineColor(color);
        s.setLineStyle(Charts.MEDIUM);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    /** The y range of the series drawn so far, for the baseline's vertical line. */
    private static double[] range(XYChart c) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : c.getSeriesMap().values()) {
            for (double v : s.getYData()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }
}
