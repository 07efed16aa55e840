package org.phaseflow.plot;

import java.util.ArrayDeque;

/**
 * Ramer–Douglas–Peucker thinning of a polyline: drops the points that lie within a tolerance of the
 * line through their kept neighbours. With tolerances of a fraction of a pixel the drawing is
 * unchanged while an SVG of hundreds of trajectories shrinks several times.
 */
final class Polylines {
    private Polylines() {}

    /** The kept points {x, y}; distances are measured after scaling x by 1/tolX and y by 1/tolY (tolerance 1). */
    static double[][] simplify(double[] x, double[] y, double tolX, double tolY) {
        int n = x.length;
        if (n <= 2) return new double[][] {x.clone(), y.clone()};
        boolean[] keep = new boolean[n];
        keep[0] = keep[n - 1] = true;
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        todo.push(new int[] {0, n - 1});
        while (!todo.isEmpty()) {
            int[] seg = todo.pop();
            int a = seg[0], b = seg[1], worst = -1;
            double ax = x[a] / tolX, ay = y[a] / tolY, dx = x[b] / tolX - ax, dy = y[b] / tolY - ay;
            double len = Math.hypot(dx, dy), max = 1;
            for (int i = a + 1; i < b; i++) {
                double px = x[i] / tolX - ax, py = y[i] / tolY - ay;
                double dist = len > 0 ? Math.abs(px * dy - py * dx) / len : Math.hypot(px, py);
                if (dist > max) {
                    max = dist;
                    worst = i;
                }
            }
            if (worst >= 0) {
                keep[worst] = true;
                todo.push(new int[] {a, worst});
                todo.push(new int[] {worst, b});
            }
        }
        int m = 0;
        for (boolean k : keep) if (k) m++;
        double[] kx = new double[m], ky = new double[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                kx[j] = x[i];
                ky[j++] = y[i];
            }
        }
        return new double[][] {kx, ky};
    }

    static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return new double[] {lo, hi};
    }

    static double[] toDouble(float[] v, int from, int to) {
        double[] d = new double[to - from];
        for (int i = from; i < to; i++) d[i - from] = v[i];
        return d;
    }

    static double[] toDouble(float[] v) { return toDouble(v, 0, v.length); }
}
