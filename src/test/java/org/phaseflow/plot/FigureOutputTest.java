package org.phaseflow.plot;

import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.config.Paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.schedule.Uniform;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import org.w3c.dom.Document;

class FigureOutputTest {
    @TempDir Path dir;

    private static RunFigures figures(Target t, Family family, boolean dilated) {
        int d = t.dim(), steps = 16;
        Interpolant ip = Interpolant.of(Shape.LINEAR, family, d);
        RunSpec spec = new RunSpec(t, ip, dilated ? new Dilated(ip, d, 3) : new Uniform(), IntegratorKind.EULER, 60, 3, 2);
        Samples s = Sampler.run(spec, steps, new Recording(true, 2, new int[] {0, 1}, false, 3), null);
        return new RunFigures(spec, s, Features.of(s, t), spec.schedule().times(steps), new int[] {0, 1});
    }

    /** Writes both formats and checks they decode: PNG with ImageIO at the figure's size, SVG as XML. */
    private void checkWritten(Figure f, String name) throws Exception {
        Path png = dir.resolve(name + ".png"), svg = dir.resolve(name + ".svg");
        f.writePng(png);
        f.writeSvg(svg);
        assertTrue(Files.size(png) > 1000, name + ".png is empty");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, name + ".png does not decode");
        // sizes are points; the PNG has Figure.DPI pixels per inch
        assertEquals((int) Math.round(f.width() * Figure.DPI / 72.0), img.getWidth());
        assertEquals((int) Math.round(f.height() * Figure.DPI / 72.0), img.getHeight());
        // not blank: some pixel differs from the white background
        boolean ink = false;
        for (int y = 0; y < img.getHeight() && !ink; y += 3) for (int x = 0; x < img.getWidth() && !ink; x += 3) ink = (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF;
        assertTrue(ink, name + ".png is blank");
        assertTrue(Files.size(svg) > 1000, name + ".svg is empty");
        Document doc = svgParser().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(doc.getElementsByTagName("path").getLength() > 0, name + ".svg draws nothing");
    }

    static javax.xml.parsers.DocumentBuilder svgParser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);   // no network
        return f.newDocumentBuilder();
    }

    @Test
    void gmFiguresAreWrittenAndDecode() throws Exception {
        RunFigures r = figures(TwoModeMixture.ones(400, 0.8, 1, 0.1), Family.VE, true);
        checkWritten(r.meanPaths(40), "gm-paths");
        Figure coords = r.coordinates();
        assertEquals(2, coords.panels().size(), "VE starts far wider than it ends: a zoomed panel");
        checkWritten(coords, "gm-coords");
        Figure fin = r.finals();
        assertEquals(3, fin.panels().size(), "two mode views and the within-mode histogram");
        checkWritten(fin, "gm-final");
    }

    @Test
    void cwFiguresAreWrittenAndDecode() throws Exception {
        RunFigures r = figures(new CurieWeiss(400, 2, Paper.H), Family.VP, false);
        checkWritten(r.meanPaths(1000), "cw-paths");
        checkWritten(r.coordinates(), "cw-coords");
        Figure fin = r.finals();
        assertEquals(2, fin.panels().size());
        checkWritten(fin, "cw-final");
        assertTrue(r.configuration().contains("CW (β = 2"), r.configuration());
        assertTrue(r.result().startsWith("p̂ = "), r.result());
    }

    @Test
    void compactJoinsTouchingSegmentsAndLeavesTextAlone() throws IOException {
        String s = "<g><line style=\"stroke:red;\" x1=\"1.234\" x2=\"2.5\" y1=\"3\" y2=\"4.0001\"/>"
                + "<line style=\"stroke:red;\" x1=\"2.5\" x2=\"6\" y1=\"4.0\" y2=\"7\"/>"
                + "<line style=\"stroke:blue;\" x1=\"6\" x2=\"8\" y1=\"7\" y2=\"9\"/>"
                + "<text x=\"1.25\">p = 0.8123</text></g>";
        String c = Figure.compact(s);
        assertEquals("<g><path style=\"stroke:red;\" d=\"M1.2,3 L2.5,4.0 L6,7\"/>"
                + "<path style=\"stroke:blue;\" d=\"M6,7 L8,9\"/><text x=\"1.2\">p = 0.8123</text></g>", c);
        assertDoesNotContain(c, "<line");
        assertEquals("<clipPath id=\"clip1\"/><clipPath id=\"clip2\"/><g clip-path=\"url(#clip2)\"/><g clip-path=\"url(#clip1)\"/>",
                Figure.renumberClips("<clipPath id=\"clip-88\"/><clipPath id=\"clip7\"/><g clip-path=\"url(#clip7)\"/><g clip-path=\"url(#clip-88)\"/>"));
    }

    private static void assertDoesNotContain(String s, String part) { assertFalse(s.contains(part), s); }

    @Test
    void polylineThinningKeepsEndsAndCornersAndDropsStraightRuns() {
        double[] x = {0, 1, 2, 3, 4, 5, 6}, y = {0, 1, 2, 3, 2, 1, 0};
        double[][] k = Polylines.simplify(x, y, 0.01, 0.01);
        assertEquals(3, k[0].length);
        assertEquals(0, k[0][0]);
        assertEquals(3, k[0][1]);
        assertEquals(6, k[0][2]);
        // a wobble within the tolerance goes, one beyond it stays
        assertEquals(3, Polylines.simplify(x, new double[] {0, 1.005, 2, 3, 2.005, 1, 0}, 0.01, 0.01)[0].length);
        double[][] bent = Polylines.simplify(x, new double[] {0, 1.1, 2, 3, 2, 1, 0}, 0.01, 0.01);
        assertEquals(5, bent[0].length);
        assertEquals(1.1, bent[1][1]);
    }
}
