package org.phaseflow.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.phaseflow.config.Setting;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import org.phaseflow.study.Cost;
import org.phaseflow.study.ExponentFit;
import org.phaseflow.study.StudyReport;

/**
 * The figures show what their legends and axes say: a dashed line is dashed in the pixels, a log
 * axis has one tick-label format, markers of equal values do not hide each other, a K* panel shows
 * the seeds' spread, γ with its interval and where the noise floor decided or seeds fell short, the
 * labels use the paper's notation in a font that has its glyphs, and a PNG has 300 pixels per inch.
 */
class FiguresDoNotMisleadTest {
    @TempDir Path dir;

    // ---- dashes ----------------------------------------------------------------------------------

    /**
     * A dashed line of many points (as X_t^i over K = 400 steps) must show gaps along its length.
     * XChart draws it segment by segment, and each segment (about one pixel) restarted the dash
     * pattern, so the line came out solid while the legend showed dashes.
     */
    @Test
    void aDashedLineOfManyPointsIsDashedInThePixels() {
        XYChart c = Charts.panel("dashes", "x", "y");
        int n = 401;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) x[i] = i / (n - 1.0);
        Charts.line(c, "dashed", x, y, Color.RED, Charts.DASHED, false);
        c.getStyler().setYAxisMin(-1.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLegendVisible(false);
        BufferedImage img = new Figure(List.of(), List.of(c)).image();
        int row = darkestRow(img);
        int[] runs = inkRuns(img, row);
        assertTrue(runs[0] >= 30, "a dashed line of " + n + " points drawn as " + runs[0] + " pieces (gaps: " + runs[1] + ")");
        assertTrue(runs[1] >= 30, "gaps along the dashed line: " + runs[1]);
    }

    /** The same check on the coordinates figure: coordinate i = 1 is drawn dashed, as its legend says. */
    @Test
    void theSecondCoordinateOfTheCoordinatesFigureIsDashed() {
        RunFigures r = figures(TwoModeMixture.ones(400, 0.8, 1, 0.1), Family.VP, 200);
        XYChart c = r.coordinates().panels().get(0);
        // keep one particle's i = 1 line only, and stretch it out flat to read one row of pixels
        List<String> names = new ArrayList<>(c.getSeriesMap().keySet());
        XYSeries dashed = c.getSeriesMap().get(names.stream().filter(s -> s.startsWith("particle 0") && s.endsWith("i = 1")).findFirst().orElseThrow());
        assertEquals(Charts.DASHED, dashed.getLineStyle(), "the object model always said dashed");
        for (String s : names) if (c.getSeriesMap().get(s) != dashed && !s.equals("round ticks")) c.removeSeries(s);
        double[] flat = new double[dashed.getXData().length];
        c.updateXYSeries(dashed.getName(), dashed.getXData(), flat, null);
        c.getStyler().setYAxisMin(-1.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLegendVisible(false);
        BufferedImage img = new Figure(List.of(), List.of(c)).image();
        int[] runs = inkRuns(img, darkestRow(img));
        assertTrue(runs[1] >= 20, "gaps along coordinate i = 1 over K = 200 steps: " + runs[1]);
    }

    /** The row of the image (within the middle three fifths of its width) with the most pixels of the line's colour. */
    private static int darkestRow(BufferedImage img) {
        int best = 0, bestInk = -1;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            int ink = 0;
            for (int xx = img.getWidth() / 5; xx < 4 * img.getWidth() / 5; xx++) if (dark(img.getRGB(xx, yy))) ink++;
            if (ink > bestInk) {
                bestInk = ink;
                best = yy;
            }
        }
        return best;
    }

    /** {pieces of ink, gaps between them} along a row, within the middle three fifths of the width. */
    private static int[] inkRuns(BufferedImage img, int row) {
        int pieces = 0, gaps = 0;
        boolean inInk = false, seenInk = false;
        for (int xx = img.getWidth() / 5; xx < 4 * img.getWidth() / 5; xx++) {
            // the darkest of three rows: antialiasing may put the line's core a pixel off
            boolean ink = dark(img.getRGB(xx, row)) || dark(img.getRGB(xx, row - 1)) || dark(img.getRGB(xx, row + 1));
            if (ink && !inInk) {
                pieces++;
                if (seenInk) gaps++;
                seenInk = true;
            }
            inInk = ink;
        }
        return new int[] {pieces, gaps};
    }

    /** A pixel of the line: clearly of its hue (pure red, or the blue of particle 0), not grey axis or grid. */
    private static boolean dark(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return Math.max(r, b) - g > 40;
    }

    // ---- tick labels -----------------------------------------------------------------------------

    /** XChart's default log-axis labels switch format inside one axis: 100, 1000, 1E4, 1E5. */
    @Test
    void aLogAxisHasOneTickLabelFormat() throws Exception {
        TreeMap<Integer, int[]> k = new TreeMap<>();
        k.put(100, new int[] {12, 15, 20});
        k.put(1000, new int[] {120, 150, 200});
        k.put(10000, new int[] {1200, 1500, 2000});
        k.put(100000, new int[] {12000, 15000, 20000});
        XYChart c = StudyPlot.panel(ModelKind.GM, "the mode weight", List.of(curve(Family.VP, ScheduleKind.UNIFORM, k, Set.of())));
        new Figure(List.of(), List.of(c)).image();   // lays the axes out
        List<String> xs = tickLabels(c, "getXAxis"), ys = tickLabels(c, "getYAxis");
        assertTrue(xs.containsAll(List.of("100", "1000", "10000", "100000")), "x tick labels " + xs);
        assertTrue(ys.containsAll(List.of("10", "100", "1000", "10000")), "y tick labels " + ys);
        for (List<String> labels : List.of(xs, ys)) {
            assertTrue(labels.stream().allMatch(s -> s.matches("\\d+")), "one format per axis: " + labels);
        }
        // an axis reaching below 1 uses mantissa-exponent for every label, not for some
        assertEquals("0E0", Charts.logPattern(1e-5, 1));
        assertEquals("0", Charts.logPattern(2, 2e5));
    }

    /** The labels XChart computed for an axis (the axis is internal to XChart; its labels are what it draws). */
    @SuppressWarnings("unchecked")
    static List<String> tickLabels(XYChart c, String axis) throws Exception {
        Method m = Chart.class.getDeclaredMethod(axis);
        m.setAccessible(true);
        Object a = m.invoke(c);
        Object calc = a.getClass().getMethod("getAxisTickCalculator").invoke(a);
        Method labels = calc.getClass().getMethod("getTickLabels");
        labels.setAccessible(true);
        return ((List<String>) labels.invoke(calc)).stream().filter(s -> s != null && !s.isBlank()).collect(Collectors.toList());
    }

    // ---- markers ---------------------------------------------------------------------------------

    /**
     * Two curves with the same K* at every d (here VP and VE, both uniform): the second one's filled
     * markers and line covered the first entirely. Outlined markers set slightly apart along d keep
     * both visible.
     */
    @Test
    void equalValuesOfTwoCurvesDoNotHideEachOther() {
        TreeMap<Integer, int[]> k = new TreeMap<>();
        k.put(100, new int[] {20, 20, 20});
        k.put(1000, new int[] {40, 40, 40});
        k.put(10000, new int[] {80, 80, 80});
        List<StudyReport.Curve> curves = List.of(curve(Family.VP, ScheduleKind.UNIFORM, k, Set.of()), curve(Family.VE, ScheduleKind.UNIFORM, k, Set.of()));
        XYChart c = StudyPlot.panel(ModelKind.GM, "the mode weight", curves);
        c.getStyler().setLegendVisible(false);
        BufferedImage img = new Figure(List.of(), List.of(c)).image();
        Color first = new Color(0x1f77b4), second = new Color(0xd62728);
        long a = count(img, first), b = count(img, second);
        assertTrue(b > 500, "the second curve drawn: " + b + " pixels");
        assertTrue(a > b / 4, "the first curve is visible beside the second: " + a + " pixels against " + b);
        // and the markers of the two sit at different places along d
        double x0 = c.getSeriesMap().get("median 0").getXData()[0], x1 = c.getSeriesMap().get("median 1").getXData()[0];
        assertTrue(x0 < 100 && x1 > 100, "the curves sit apart along d: " + x0 + ", " + x1);
    }

    private static long count(BufferedImage img, Color c) {
        long n = 0;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int rgb = img.getRGB(xx, yy);
                int dr = ((rgb >> 16) & 0xFF) - c.getRed(), dg = ((rgb >> 8) & 0xFF) - c.getGreen(), db = (rgb & 0xFF) - c.getBlue();
                if (dr * dr + dg * dg + db * db < 30 * 30) n++;
            }
        }
        return n;
    }

    // ---- the K* panel ----------------------------------------------------------------------------

    /**
     * Per d the panel shows the seeds' range (min to max of those that reached K*) as a bar, the
     * legend gives γ with its 95 % interval, and marks stand where the noise floor decided, where some
     * seeds did not reach K*, and (at the cap) where none did.
     */
    @Test
    void aKStarPanelShowsSpreadIntervalAndMarks() {
        TreeMap<Integer, int[]> k = new TreeMap<>();
        k.put(100, new int[] {10, 20, 40});
        k.put(1000, new int[] {30, 30, 30});
        k.put(10000, new int[] {100, -1, 120});
        k.put(100000, new int[] {-1, -1, -1});
        StudyReport.Curve c = curve(Family.VP, ScheduleKind.UNIFORM, k, Set.of(1000));
        XYChart chart = StudyPlot.panel(ModelKind.GM, "the mode weight", List.of(c));
        var series = chart.getSeriesMap();

        XYSeries spread = series.get("spread 0");
        assertNotNull(spread, "a spread series: " + series.keySet());
        assertEquals(10, spread.getYData()[0]);
        assertEquals(40, spread.getYData()[1]);
        assertTrue(Double.isNaN(spread.getYData()[3]), "all seeds equal at d = 1000: no bar");
        assertEquals(100, spread.getYData()[6]);
        assertEquals(120, spread.getYData()[7]);

        assertTrue(series.containsKey("vp/trig uniform: γ = 0.50 [0.40, 0.60]"), "γ and its interval in the legend: " + series.keySet());

        XYSeries floor = series.values().stream().filter(s -> s.getName().startsWith("the noise floor decided")).findFirst().orElseThrow();
        assertEquals(1, floor.getXData().length);
        assertEquals(30, floor.getYData()[0]);
        assertEquals(1000, floor.getXData()[0], 1e-9);
        XYSeries some = series.values().stream().filter(s -> s.getName().startsWith("some seeds did not reach")).findFirst().orElseThrow();
        assertEquals(110, some.getYData()[0], "the median of the seeds that reached it");
        XYSeries none = series.values().stream().filter(s -> s.getName().startsWith("no seed reached")).findFirst().orElseThrow();
        assertEquals(1 << 16, none.getYData()[0], "drawn at the cap");
        assertEquals(100000, none.getXData()[0], 1e-9);
        for (String n : List.of("spread 0", "median 0", "fit 0")) assertFalse(series.get(n).isShowInLegend(), n);
    }

    // ---- typography and resolution ---------------------------------------------------------------

    /** Axis titles in the paper's notation (Xₜⁱ, Mₜ), never the ASCII stand-ins, in a font that draws every glyph. */
    @Test
    void labelsUseThePapersNotationInAFontThatHasIt() {
        RunFigures r = figures(TwoModeMixture.ones(400, 0.8, 1, 0.1), Family.VE, 16);
        List<XYChart> charts = new ArrayList<>();
        charts.addAll(r.meanPaths(20).panels());
        charts.addAll(r.coordinates().panels());
        charts.addAll(r.finals().panels());
        assertTrue(charts.get(0).getYAxisTitle().startsWith("Mₜ"), charts.get(0).getYAxisTitle());
        assertTrue(charts.get(1).getYAxisTitle().startsWith("Xₜⁱ"), charts.get(1).getYAxisTitle());
        for (XYChart c : charts) {
            List<String> texts = new ArrayList<>(List.of(c.getTitle(), c.getXAxisTitle(), c.getYAxisTitle()));
            for (XYSeries s : c.getSeriesMap().values()) if (s.isShowInLegend()) texts.add(s.getName());
            for (String t : texts) {
                assertFalse(t.contains("_t") || t.contains("^i") || t.contains("Σ_"), "ASCII notation in '" + t + "'");
                assertEquals(-1, c.getStyler().getAxisTitleFont().canDisplayUpTo(t), "a glyph the font lacks in '" + t + "'");
            }
            assertTrue(c.getStyler().getAxisTickLabelsFont().getSize() >= 12, "tick labels of at least 12 points");
        }
    }

    /** A PNG at 300 pixels per inch: its pixel size is the figure's size in points × 300/72, and its pHYs says so. */
    @Test
    void pngsAreWrittenAt300PixelsPerInch() throws Exception {
        XYChart c = Charts.panel("t", "x", "y");
        Charts.line(c, "l", new double[] {0, 1}, new double[] {0, 1}, Color.BLACK, Charts.MEDIUM, true);
        Figure f = new Figure(List.of("header"), List.of(c));
        Path png = dir.resolve("f.png");
        f.writePng(png);
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals((int) Math.round(f.width() * 300 / 72.0), reader.getWidth(0));
            assertEquals((int) Math.round(f.height() * 300 / 72.0), reader.getHeight(0));
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertNotNull(phys, "no pHYs chunk");
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            assertEquals(300, Integer.parseInt(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254, 0.01);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static StudyReport.Curve curve(Family family, ScheduleKind schedule, TreeMap<Integer, int[]> k, Set<Integer> floor) {
        Setting s = new Setting(ModelKind.GM, family, family == Family.VP ? Shape.TRIG : Shape.LINEAR, schedule, IntegratorKind.EULER);
        return new StudyReport.Curve(s, "high", "the mode weight", k, floor, new ExponentFit.Exponent(0.5, 0.4, 0.6, k.size(), 3),
                Cost.STEPS, 1 << 16);
    }

    private static RunFigures figures(Target t, Family family, int steps) {
        int d = t.dim();
        Interpolant ip = Interpolant.of(Shape.LINEAR, family, d);
        RunSpec spec = new RunSpec(t, ip, new Dilated(ip, d, 3), IntegratorKind.EULER, 60, 3, 2);
        Samples s = Sampler.run(spec, steps, new Recording(true, 2, new int[] {0, 1}, false, 3), null);
        return new RunFigures(spec, s, Features.of(s, t), spec.schedule().times(steps), new int[] {0, 1});
    }
}
