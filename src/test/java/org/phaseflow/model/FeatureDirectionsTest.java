package org.phaseflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

    /** What tells the modes apart, for the optimizer (§5.8): means, spreads, or both. */
    @Test
    void eachTargetSaysWhatTellsItsModesApart() {
        float[] plus = new float[D], minus = new float[D], zero = new float[D];
        java.util.Arrays.fill(plus, 1);
        java.util.Arrays.fill(minus, -1);
        Set<Target.Separation> mean = EnumSet.of(Target.Separation.MEAN), spread = EnumSet.of(Target.Separation.SPREAD);
        assertEquals(mean, TwoModeMixture.ones(D, 0.8, 1, 0.1).separatedBy());
        assertEquals(mean, new CurieWeiss(D, 2, 0.69).separatedBy());
        assertEquals(mean, GaussianMixture.isotropic(new double[] {0.8, 0.2}, new float[][] {plus, minus}, new double[] {0.1, 0.1}).separatedBy(),
                "the preset as a mixture");
        assertEquals(spread, GaussianMixture.isotropic(new double[] {0.7, 0.3}, new float[][] {zero, zero}, new double[] {0.3, 0.6}).separatedBy(),
                "same centre, two spreads");
        assertEquals(EnumSet.allOf(Target.Separation.class),
                GaussianMixture.isotropic(new double[] {0.5, 0.3, 0.2}, new float[][] {plus, minus, zero}, new double[] {0.1, 0.2, 0.15}).separatedBy());
        float[] s1 = new float[D], s2 = new float[D];
        java.util.Arrays.fill(s1, 0.2f);
        java.util.Arrays.fill(s2, 0.2f);
        s2[D - 1] = 0.5f;
        assertEquals(spread, GaussianMixture.diagonal(new double[] {0.5, 0.5}, new float[][] {zero, zero}, new float[][] {s1, s2}).separatedBy(),
                "diagonal spreads that differ in one coordinate");
        assertEquals(mean, GaussianMixture.isotropic(new double[] {1}, new float[][] {zero}, new double[] {0.3}).separatedBy(), "one component: the default");
    }
}
