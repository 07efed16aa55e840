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
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.XYChart;

/**
 * One picture: a header (a bold first line, then plain lines) above XChart panels in rows of
 * {@code columns}, written as PNG (at {@link #DPI}) or SVG. XChart draws single charts; the panels are
 * painted into one Graphics2D (a bitmap's, or VectorGraphics2D's, the library XChart itself uses for
 * SVG), through {@link JoinedLines} so that dashed lines come out dashed.
 *
 * <p>Sizes are in points (1/72 inch): a 620-point panel is 8.6 inches wide, and its 12-point tick
 * labels stay 10 points or more when the figure is scaled to a 7-inch text width.
 */
public final class Figure {
    /** Pixels per inch of a PNG: 300, what journals ask of line art with text; the file records it (pHYs). */
    public static final int DPI = 300;
    private static final int LINE = 20, PAD = 10;
    private final List<String> header;
    private final List<XYChart> panels;
    private final int columns;

    public Figure(List<String> header, List<XYChart> panels) { this(header, panels, panels.size()); }

    public Figure(List<String> header, List<XYChart> panels, int columns) {
        if (panels.isEmpty()) throw new IllegalArgumentException("a figure needs at least one panel");
        if (columns < 1) throw new IllegalArgumentException("a figure needs at least one column, got " + columns);
        this.header = List.copyOf(header);
        this.panels = List.copyOf(panels);
        this.columns = Math.min(columns, panels.size());
    }

    public List<XYChart> panels() { return panels; }

    /** The width in points: the widest row. */
    public int width() {
        int w = 0;
        for (int r = 0; r < rows(); r++) {
            int row = 0;
            for (XYChart c : row(r)) row += c.getWidth();
            w = Math.max(w, row);
        }
        return w;
    }

    /** The height in points: the header and the rows. */
    public int height() {
        int h = headerHeight();
        for (int r = 0; r < rows(); r++) h += rowHeight(r);
        return h;
    }

    private int rows() { return (panels.size() + columns - 1) / columns; }

    private List<XYChart> row(int r) { return panels.subList(r * columns, Math.min(panels.size(), (r + 1) * columns)); }

    private int rowHeight(int r) {
        int h = 0;
        for (XYChart c : row(r)) h = Math.max(h, c.getHeight());
        return h;
    }

    /** Pixels of the PNG per point of the figure. */
    static double scale() { return DPI / 72.0; }

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

    void paint(Graphics2D target) {
        JoinedLines g = new JoinedLines(target);
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
        int top = headerHeight();
        for (int r = 0; r < rows(); r++) {
            int x = 0;
            for (XYChart c : row(r)) {
                Graphics2D pg = (Graphics2D) g.create(x, top, c.getWidth(), c.getHeight());
                c.paint(pg, c.getWidth(), c.getHeight());
                pg.dispose();
                x += c.getWidth();
            }
            top += rowHeight(r);
        }
        g.flush();
    }

    /** The picture as pixels, {@link #DPI} per inch. */
    BufferedImage image() {
        double k = scale();
        BufferedImage img = new BufferedImage((int) Math.round(width() * k), (int) Math.round(height() * k), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(k, k);
        paint(g);
        g.dispose();
        return img;
    }

    /** Writes the PNG with its resolution in the file (pHYs, pixels per metre), so it prints at its size in points. */
    public void writePng(Path file) throws IOException {
        BufferedImage img = image();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String perMetre = Long.toString(Math.round(DPI / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
        root.appendChild(phys);
        meta.mergeTree(PNG_METADATA, root);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    private static final String PNG_METADATA = "javax_imageio_png_1.0";

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
