package org.phaseflow.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.style.markers.Marker;

/**
 * Markers of their own size (XChart's are filled, one size per chart): outlines, so that a marker
 * drawn over another leaves it visible, and the black marks of the K* plots.
 */
final class Markers {
    private Markers() {}

    private static final BasicStroke OUTLINE = new BasicStroke(1.3f), MARK = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    /** The outline shapes, in the order the K* plots give them to schedules. */
    enum Kind { CIRCLE, DIAMOND, SQUARE, TRIANGLE_DOWN, TRIANGLE_UP }

    /** An outlined shape of {@code size} points across. */
    static Marker hollow(Kind kind, double size) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int ignored) {
                double h = size / 2;
                g.setStroke(OUTLINE);
                g.draw(switch (kind) {
                    case CIRCLE -> new Ellipse2D.Double(x - h, y - h, size, size);
                    case SQUARE -> new Rectangle2D.Double(x - 0.85 * h, y - 0.85 * h, 1.7 * h, 1.7 * h);
                    case DIAMOND -> polygon(x, y - 1.15 * h, x + 1.15 * h, y, x, y + 1.15 * h, x - 1.15 * h, y);
                    case TRIANGLE_DOWN -> polygon(x - h, y - 0.75 * h, x + h, y - 0.75 * h, x, y + h);
                    case TRIANGLE_UP -> polygon(x - h, y + 0.75 * h, x + h, y + 0.75 * h, x, y - h);
                });
            }
        };
    }

    /** A × of {@code size} points. */
    static Marker cross(double size) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int ignored) {
                double h = size / 2;
                g.setStroke(MARK);
                g.draw(new Line2D.Double(x - h, y - h, x + h, y + h));
                g.draw(new Line2D.Double(x - h, y + h, x + h, y - h));
            }
        };
    }

    /** An upward arrow of {@code size} points through the point: "larger than this". */
    static Marker arrowUp(double size) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int ignored) {
                double h = size / 2;
                g.setStroke(MARK);
                g.draw(new Line2D.Double(x, y + h, x, y - h));
                g.draw(polygonOpen(x - 0.45 * h, y - 0.5 * h, x, y - h, x + 0.45 * h, y - 0.5 * h));
            }
        };
    }

    private static Path2D polygon(double... xy) {
        Path2D p = polygonOpen(xy);
        p.closePath();
        return p;
    }

    private static Path2D polygonOpen(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) p.lineTo(xy[i], xy[i + 1]);
        return p;
    }
}
