package org.phaseflow.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Orthonormal bases of a target's feature directions (docs/mathematics.md §6.3). */
final class Directions {
    private Directions() {}

    static float[] ones(int d) {
        float[] u = new float[d];
        Arrays.fill(u, 1f);
        return u;
    }

    /**
     * Gram–Schmidt in double, twice per vector (once is not enough in float-sized dimensions), keeping
     * the vectors whose remainder is more than 10⁻⁶ of their length: an orthonormal basis of their span.
     */
    static List<float[]> orthonormal(List<float[]> vectors) {
        List<double[]> basis = new ArrayList<>();
        for (float[] v : vectors) {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) r[i] = v[i];
            double length = Math.sqrt(dot(r, r));
            if (length == 0) continue;
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : basis) {
                    double c = dot(q, r);
                    for (int i = 0; i < r.length; i++) r[i] -= c * q[i];
                }
            }
            double rest = Math.sqrt(dot(r, r));
            if (rest <= 1e-6 * length) continue;
            for (int i = 0; i < r.length; i++) r[i] /= rest;
            basis.add(r);
        }
        List<float[]> out = new ArrayList<>();
        for (double[] q : basis) {
            float[] f = new float[q.length];
            for (int i = 0; i < q.length; i++) f[i] = (float) q[i];
            out.add(f);
        }
        return List.copyOf(out);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
