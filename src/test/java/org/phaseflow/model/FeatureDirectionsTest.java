package org.phaseflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each target's feature directions are an orthonormal basis of the span along which its modes differ. */
class FeatureDirectionsTest {

    static final int D = 1001;

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    static void assertOrthonormal(List<float[]> q) {
        for (int i = 0; i < q.size(); i++) {
            for (int j = 0; j < q.size(); j++) assertEquals(i == j ? 1 : 0, dot(q.get(i), q.get(j)), 1e-6, i + "·" + j);
        }
    }

    @Test
    void presetsGiveTheirModeDirection() {
        TwoModeMixture random = TwoModeMixture.randomDirection(D, 0.8, 1, 0.1, 5);
        List<float[]> q = random.featureDirections();
        assertEquals(1, q.size());
        assertOrthonormal(q);
        assertEquals(Math.sqrt(D), Math.abs(dot(q.get(0), random.u())), 1e-3, "q = u/√d");
        for (Target t : new Target[] {TwoModeMixture.ones(D, 0.8, 1, 0.1), new CurieWeiss(D, 2, 0.69)}) {
            List<float[]> ones = t.featureDirections();
            assertEquals(1, ones.size());
            for (float v : ones.get(0)) assertEquals(1 / Math.sqrt(D), v, 1e-7);
        }
    }

    @Test
    void aMixtureGivesTheSpanOfItsMeans() {
        float[] a = new float[D], b = new float[D], c = new float[D], zero = new float[D];
        for (int i = 0; i < D; i++) {
            a[i] = 1;
            b[i] = i % 2 == 0 ? 2 : 0;
            c[i] = -3 * a[i] + 0.5f * b[i];   // in the span of a and b
        }
        GaussianMixture m = GaussianMixture.isotropic(new double[] {0.5, 0.3, 0.2}, new float[][] {a, b, c}, new double[] {0.1, 0.2, 0.3});
        List<float[]> q = m.featureDirections();
        assertEquals(2, q.size(), "three means in a plane");
        assertOrthonormal(q);
        for (float[] v : new float[][] {a, b, c}) {   // each mean lies in the span: its projection keeps its length
            double p = 0;
            for (float[] e : q) p += dot(e, v) * dot(e, v);
            assertEquals(dot(v, v), p, 1e-5 * dot(v, v));
        }
        GaussianMixture spreads = GaussianMixture.isotropic(new double[] {0.5, 0.5}, new float[][] {zero, zero}, new double[] {0.1, 1});
        assertEquals(0, spreads.featureDirections().size(), "components that differ only in spread have no direction");
    }
}
