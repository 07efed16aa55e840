package org.phaseflow.plot;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.text.AttributedCharacterIterator;
import java.util.Map;
import java.util.Objects;

/**
 * A Graphics2D that passes everything to another one, except that touching line segments drawn one
 * after another in the same paint and stroke are joined into one path and drawn once.
 *
 * <p>Why: XChart draws a line series segment by segment (one {@code draw(Line2D)} per pair of
 * points), and Java2D starts a stroke's dash pattern afresh on every shape, so a dashed line of many
 * short segments came out solid while its legend showed dashes. Drawn as one path the pattern runs
 * along the whole line; a translucent line also loses the darker dots where its segments overlapped.
 * Any other call first draws the pending path, so the order of drawing is unchanged.
 */
final class JoinedLines extends Graphics2D {
    private final Graphics2D g;
    private Path2D.Double pending;
    private double endX, endY;
    // the state the caller set; it reaches the delegate just before something is drawn under it, so that
    // the colour a series sets for its (absent) markers between two segments does not end the line
    private Color color;
    private Paint paint;
    private Stroke stroke;
    private Composite composite;

    // only a wrapper made by create() disposes its delegate; once, since Graphics.finalize() disposes again
    private final boolean owns;
    private boolean disposed;

    /** Wraps {@code g}, which stays the caller's to dispose. */
    JoinedLines(Graphics2D g) { this(g, false); }

    private JoinedLines(Graphics2D g, boolean owns) {
        this.g = g;
        this.owns = owns;
        color = g.getColor();
        paint = g.getPaint();
        stroke = g.getStroke();
        composite = g.getComposite();
    }

    /** Draws the joined path, if any, under the state it was collected in (still the delegate's). */
    void flush() {
        if (pending != null) {
            g.draw(pending);
            pending = null;
        }
    }

    private boolean stateChanged() {
        return !Objects.equals(paint, g.getPaint()) || !Objects.equals(stroke, g.getStroke()) || !Objects.equals(composite, g.getComposite());
    }

    /** The pending path drawn, then the caller's state handed to the delegate: ready for the next call. */
    private void ready() {
        flush();
        if (!Objects.equals(paint, g.getPaint())) g.setPaint(paint);
        if (!Objects.equals(stroke, g.getStroke())) g.setStroke(stroke);
        if (!Objects.equals(composite, g.getComposite())) g.setComposite(composite);
    }

    @Override
    public void draw(Shape s) {
        if (!(s instanceof Line2D line)) {
            ready();
            g.draw(s);
            return;
        }
        if (pending != null && !stateChanged() && line.getX1() == endX && line.getY1() == endY) {
            pending.lineTo(line.getX2(), line.getY2());
        } else {
            ready();
            pending = new Path2D.Double();
            pending.moveTo(line.getX1(), line.getY1());
            pending.lineTo(line.getX2(), line.getY2());
        }
        endX = line.getX2();
        endY = line.getY2();
    }

    // the state a series sets again before each segment: recorded, handed on when something is drawn

    @Override public void setColor(Color c) {
        if (c == null) return;   // as Graphics2D: ignored
        color = c;
        paint = c;
    }

    @Override public void setPaint(Paint p) {
        if (p == null) return;
        paint = p;
        if (p instanceof Color c) color = c;
    }

    @Override public void setStroke(Stroke s) { stroke = s; }
    @Override public void setComposite(Composite c) { composite = c; }

    @Override public void setRenderingHint(RenderingHints.Key k, Object v) {
        if (!Objects.equals(v, g.getRenderingHint(k))) { flush(); g.setRenderingHint(k, v); }
    }

    // everything else: first the pending path and the caller's state, then the call

    @Override public Graphics create() { ready(); return new JoinedLines((Graphics2D) g.create(), true); }

    @Override public void dispose() {
        if (disposed) return;
        disposed = true;
        flush();
        if (owns) g.dispose();
    }
    @Override public void fill(Shape s) { ready(); g.fill(s); }
    @Override public void drawString(String s, int x, int y) { ready(); g.drawString(s, x, y); }
    @Override public void drawString(String s, float x, float y) { ready(); g.drawString(s, x, y); }
    @Override public void drawString(AttributedCharacterIterator it, int x, int y) { ready(); g.drawString(it, x, y); }
    @Override public void drawString(AttributedCharacterIterator it, float x, float y) { ready(); g.drawString(it, x, y); }
    @Override public void drawGlyphVector(GlyphVector v, float x, float y) { ready(); g.drawGlyphVector(v, x, y); }
    @Override public boolean drawImage(Image i, AffineTransform t, ImageObserver o) { ready(); return g.drawImage(i, t, o); }
    @Override public void drawImage(BufferedImage i, BufferedImageOp op, int x, int y) { ready(); g.drawImage(i, op, x, y); }
    @Override public void drawRenderedImage(RenderedImage i, AffineTransform t) { ready(); g.drawRenderedImage(i, t); }
    @Override public void drawRenderableImage(RenderableImage i, AffineTransform t) { ready(); g.drawRenderableImage(i, t); }
    @Override public boolean drawImage(Image i, int x, int y, ImageObserver o) { ready(); return g.drawImage(i, x, y, o); }
    @Override public boolean drawImage(Image i, int x, int y, int w, int h, ImageObserver o) { ready(); return g.drawImage(i, x, y, w, h, o); }
    @Override public boolean drawImage(Image i, int x, int y, Color bg, ImageObserver o) { ready(); return g.drawImage(i, x, y, bg, o); }
    @Override public boolean drawImage(Image i, int x, int y, int w, int h, Color bg, ImageObserver o) { ready(); return g.drawImage(i, x, y, w, h, bg, o); }
    @Override public boolean drawImage(Image i, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2, ImageObserver o) {
        ready();
        return g.drawImage(i, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, o);
    }
    @Override public boolean drawImage(Image i, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2, Color bg, ImageObserver o) {
        ready();
        return g.drawImage(i, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, bg, o);
    }
    @Override public void setRenderingHints(Map<?, ?> h) { ready(); g.setRenderingHints(h); }
    @Override public void addRenderingHints(Map<?, ?> h) { ready(); g.addRenderingHints(h); }
    @Override public void translate(int x, int y) { ready(); g.translate(x, y); }
    @Override public void translate(double x, double y) { ready(); g.translate(x, y); }
    @Override public void rotate(double a) { ready(); g.rotate(a); }
    @Override public void rotate(double a, double x, double y) { ready(); g.rotate(a, x, y); }
    @Override public void scale(double x, double y) { ready(); g.scale(x, y); }
    @Override public void shear(double x, double y) { ready(); g.shear(x, y); }
    @Override public void transform(AffineTransform t) { ready(); g.transform(t); }
    @Override public void setTransform(AffineTransform t) { ready(); g.setTransform(t); }
    @Override public void setBackground(Color c) { ready(); g.setBackground(c); }
    @Override public void clip(Shape s) { ready(); g.clip(s); }
    @Override public void setPaintMode() { ready(); g.setPaintMode(); }
    @Override public void setXORMode(Color c) { ready(); g.setXORMode(c); }
    @Override public void setFont(Font f) { ready(); g.setFont(f); }
    @Override public void clipRect(int x, int y, int w, int h) { ready(); g.clipRect(x, y, w, h); }
    @Override public void setClip(int x, int y, int w, int h) { ready(); g.setClip(x, y, w, h); }
    @Override public void setClip(Shape s) { ready(); g.setClip(s); }
    @Override public void copyArea(int x, int y, int w, int h, int dx, int dy) { ready(); g.copyArea(x, y, w, h, dx, dy); }
    @Override public void drawLine(int x1, int y1, int x2, int y2) { ready(); g.drawLine(x1, y1, x2, y2); }
    @Override public void fillRect(int x, int y, int w, int h) { ready(); g.fillRect(x, y, w, h); }
    @Override public void clearRect(int x, int y, int w, int h) { ready(); g.clearRect(x, y, w, h); }
    @Override public void drawRoundRect(int x, int y, int w, int h, int aw, int ah) { ready(); g.drawRoundRect(x, y, w, h, aw, ah); }
    @Override public void fillRoundRect(int x, int y, int w, int h, int aw, int ah) { ready(); g.fillRoundRect(x, y, w, h, aw, ah); }
    @Override public void drawOval(int x, int y, int w, int h) { ready(); g.drawOval(x, y, w, h); }
    @Override public void fillOval(int x, int y, int w, int h) { ready(); g.fillOval(x, y, w, h); }
    @Override public void drawArc(int x, int y, int w, int h, int a0, int a) { ready(); g.drawArc(x, y, w, h, a0, a); }
    @Override public void fillArc(int x, int y, int w, int h, int a0, int a) { ready(); g.fillArc(x, y, w, h, a0, a); }
    @Override public void drawPolyline(int[] x, int[] y, int n) { ready(); g.drawPolyline(x, y, n); }
    @Override public void drawPolygon(int[] x, int[] y, int n) { ready(); g.drawPolygon(x, y, n); }
    @Override public void fillPolygon(int[] x, int[] y, int n) { ready(); g.fillPolygon(x, y, n); }

    // queries: nothing is drawn (the paint, stroke and composite asked for are the caller's)

    @Override public boolean hit(Rectangle r, Shape s, boolean onStroke) { return g.hit(r, s, onStroke); }
    @Override public GraphicsConfiguration getDeviceConfiguration() { return g.getDeviceConfiguration(); }
    @Override public Object getRenderingHint(RenderingHints.Key k) { return g.getRenderingHint(k); }
    @Override public RenderingHints getRenderingHints() { return g.getRenderingHints(); }
    @Override public AffineTransform getTransform() { return g.getTransform(); }
    @Override public Paint getPaint() { return paint; }
    @Override public Composite getComposite() { return composite; }
    @Override public Color getBackground() { return g.getBackground(); }
    @Override public Stroke getStroke() { return stroke; }
    @Override public FontRenderContext getFontRenderContext() { return g.getFontRenderContext(); }
    @Override public Color getColor() { return color; }
    @Override public Font getFont() { return g.getFont(); }
    @Override public FontMetrics getFontMetrics(Font f) { return g.getFontMetrics(f); }
    @Override public Rectangle getClipBounds() { return g.getClipBounds(); }
    @Override public Shape getClip() { return g.getClip(); }
}
