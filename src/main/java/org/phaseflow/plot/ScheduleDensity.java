package org.phaseflow.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.phaseflow.schedule.Schedule;

/**
 * Step densities of schedules side by side: dt/dτ (the fraction of the K steps per unit τ) against τ
 * and against 1 − τ, both on log axes, so that a window near τ = 0 (VP mode choice) and one near
 * τ = 1 (VE within-mode detail) both show (docs/mathematics.md §5.8).
 */
public final class ScheduleDensity {
    private ScheduleDensity() {}

    private static final int SAMPLES = 4096;
    private static final Color[] COLORS = {new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    /** dt/dτ of a schedule at the midpoints τ of a fine uniform t grid: {τ_mid, 1 − τ_mid, dt/dτ}. */
    static double[][] density(Schedule s) {
        List<double[]> rows = new ArrayList<>();
        double prevT = 0, prevTau = s.tau(0);
        for (int i = 1; i <= SAMPLES; i++) {
            double t = (double) i / SAMPLES, tau = i == SAMPLES ? 1 : s.tau(t);
            double dTau = tau - prevTau;
            if (dTau > 0) {
                double mid = 0.5 * (tau + prevTau);
                rows.add(new double[] {mid, 1 - mid, (t - prevT) / dTau});
            }
            prevT = t;
            prevTau = tau;
        }
        double[][] out = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) for (int c = 0; c < 3; c++) out[c][i] = rows.get(i)[c];
        return out;
    }

    /** Writes {@code base}.png and {@code base}.svg in {@code dir}: the schedules by name, in order. */
    public static List<Path> write(Map<String, Schedule> schedules, List<String> header, Path dir, String base) throws IOException {
        String density = "dt/dτ (share of the K steps per unit τ)";
        XYChart low = Charts.panel("steps per unit τ near τ = 0", "interpolation time τ", density);
        XYChart high = Charts.panel("steps per unit τ near τ = 1", "1 − τ", density, Charts.WIDTH + 160);
        for (XYChart c : List.of(low, high)) {
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            // one pattern for every label of an axis that spans decades below and above 1 (1E-3, 1E0, 1E1)
            c.getStyler().setXAxisDecimalPattern("0E0");
            c.getStyler().setYAxisDecimalPattern("0E0");
        }
        // one legend, beside the panels: inside, it covered the densities where they are largest
        low.getStyler().setLegendVisible(false);
        high.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int i = 0;
        for (Map.Entry<String, Schedule> e : new LinkedHashMap<>(schedules).entrySet()) {
            double[][] d = density(e.getValue());
            Color color = COLORS[i++ % COLORS.length];
            Charts.line(low, e.getKey(), positive(d[0], d[0]), positive(d[0], d[2]), color, Charts.MEDIUM, true);
            Charts.line(high, e.getKey(), positive(d[1], d[1]), positive(d[1], d[2]), color, Charts.MEDIUM, true);
        }
        Figure f = new Figure(header, List.of(low, high));
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(base + ".png"));
        files.add(dir.resolve(base + ".svg"));
        f.writePng(files.get(0));
        f.writeSvg(files.get(1));
        return files;
    }

    /** The values of {@code v} where {@code key} is positive (log axes take no zero). */
    private static double[] positive(double[] key, double[] v) {
        int n = 0;
        for (double k : key) if (k > 0) n++;
        double[] out = new double[n];
        for (int i = 0, j = 0; i < key.length; i++) if (key[i] > 0) out[j++] = v[i];
        return out;
    }
}
