package org.phaseflow.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * One picture: a header (a bold first line, then plain lines) above XChart panels placed side by
 * side, written as PNG or SVG. XChart draws single charts; the panels are painted into one
 * Graphics2D (a bitmap's, or VectorGraphics2D's, the library XChart itself uses for SVG).
 */
public final class Figure {
    private static final int LINE = 20, PAD = 10;
    private final List<String> header;
    private final List<XYChart> panels;

    public Figure(List<String> header, List<XYChart> panels) {
        if (panels.isEmpty()) throw new IllegalArgumentException("a figure needs at least one panel");
        this.header = List.copyOf(header);
        this.panels = List.copyOf(panels);
    }

    public List<XYChart> panels() { return panels; }

    public int width() {
        int w = 0;
        for (XYChart c : panels) w += c.getWidth();
        return w;
    }

    public int height() {
        int h = 0;
        for (XYChart c : panels) h = Math.max(h, c.getHeight());
        return headerHeight() + h;
    }

    private static Font font(boolean bold) { return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, bold ? 15 : 13); }

    /** A header line as drawn: the first header entry in bold, the others plain. */
    record Line(String text, boolean bold) {}

    /** The header entries wrapped at their " · " separators to the figure's width. */
    List<Line> headerLines() {
        List<Line> out = new ArrayList<>();
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        for (int i = 0; i < header.size(); i++) {
            boolean bold = i == 0;
            FontMetrics fm = g.getFontMetrics(font(bold));
            StringBuilder line = new StringBuilder();
            for (String part : header.get(i).split(" · ")) {
                if (!line.isEmpty() && fm.stringWidth(line + " · " + part) > width() - 2 * PAD) {
                    out.add(new Line(line.toString(), bold));
                    line.setLength(0);
                }
                line.append(line.isEmpty() ? "" : " · ").append(part);
            }
            out.add(new Line(line.toString(), bold));
        }
        g.dispose();
        return out;
    }

    private int headerHeight() { return header.isEmpty() ? 0 : PAD + LINE * headerLines().size(); }

    void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        g.setColor(Color.BLACK);
        List<Line> lines = headerLines();
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(font(lines.get(i).bold()));
            g.drawString(lines.get(i).text(), PAD, PAD + LINE * (i + 1) - 5);
        }
        int x = 0, top = headerHeight();
        for (XYChart c : panels) {
            Graphics2D pg = (Graphics2D) g.create(x, top, c.getWidth(), c.getHeight());
            c.paint(pg, c.getWidth(), c.getHeight());
            pg.dispose();
            x += c.getWidth();
        }
    }

    public void writePng(Path file) throws IOException {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        paint(g);
        g.dispose();
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }

    public void writeSvg(Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.writeTo(out);
        Files.writeString(file, compact(out.toString(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static final Pattern GEOMETRY = Pattern.compile(
            "\\b(d|x|y|x1|y1|x2|y2|width|height|transform)=\"((?!matrix)[^\"]*)\"");
    private static final Pattern LONG_DECIMAL = Pattern.compile("(\\d\\.\\d)\\d+");

    private static final Pattern SEGMENT = Pattern.compile(
            "<line style=\"([^\"]*)\" x1=\"([^\"]*)\" x2=\"([^\"]*)\" y1=\"([^\"]*)\" y2=\"([^\"]*)\"/>");

    /**
     * Cuts the numbers of path data, positions, sizes and translations to one decimal (1/10 px), and
     * joins runs of touching line segments of one style (VectorGraphics2D writes a polyline segment by
     * segment) into one path: the same picture in a fraction of the bytes. Text is left alone.
     */
    static String compact(String svg) {
        String cut = GEOMETRY.matcher(svg).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + "=\"" + LONG_DECIMAL.matcher(m.group(2)).replaceAll("$1") + "\""));
        StringBuilder out = new StringBuilder(cut.length());
        Matcher m = SEGMENT.matcher(cut);
        int copied = 0;
        String style = null, endX = null, endY = null;
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            boolean joins = style != null && cut.substring(copied, m.start()).isBlank()
                    && m.group(1).equals(style) && m.group(2).equals(endX) && m.group(4).equals(endY);
            if (joins) {
                path.append(" L").append(m.group(3)).append(',').append(m.group(5));
            } else {
                if (style != null) out.append("<path style=\"").append(style).append("\" d=\"").append(path).append("\"/>");
                out.append(cut, copied, m.start());
                style = m.group(1);
                path.setLength(0);
                path.append('M').append(m.group(2)).append(',').append(m.group(4)).append(" L").append(m.group(3)).append(',').append(m.group(5));
            }
            endX = m.group(3);
            endY = m.group(5);
            copied = m.end();
        }
        if (style != null) out.append("<path style=\"").append(style).append("\" d=\"").append(path).append("\"/>");
        out.append(cut, copied, cut.length());
        return renumberClips(out.toString());
    }

    private static final Pattern CLIP_ID = Pattern.compile("#?clip(-?\\d+)\\b");

    /** Clip ids numbered in order of appearance (the library takes them from hash codes): the same run gives the same file. */
    static String renumberClips(String svg) {
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        return CLIP_ID.matcher(svg).replaceAll(m -> Matcher.quoteReplacement(
                (m.group().startsWith("#") ? "#" : "") + "clip" + ids.computeIfAbsent(m.group(1), k -> ids.size() + 1)));
    }
}
