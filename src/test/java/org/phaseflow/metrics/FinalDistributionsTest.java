package org.phaseflow.metrics;

import org.phaseflow.config.Paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.phaseflow.metrics.FinalDistributions.ModeView;
import org.phaseflow.metrics.FinalDistributions.WithinMode;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.ProjectionLaw;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;

class FinalDistributionsTest {

    /** Exact target samples: their projections and the modes they are assigned to. */
    private record Drawn(double[] projection, int[] mode) {}

    private static Drawn targetSamples(Target t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[t.dim()];
        double[] proj = new double[n];
        int[] mode = new int[n];
        for (int i = 0; i < n; i++) {
            t.sampleTarget(r, x, 0);
            Target.Outcome o = t.outcome(x, 0);
            proj[i] = o.projection();
            mode[i] = o.mode();
        }
        return new Drawn(proj, mode);
    }

    private static ModeView[] views(Target t, int n, long seed) {
        Drawn s = targetSamples(t, n, seed);
        return FinalDistributions.projection(s.projection(), s.mode(), t, 40);
    }

    @Test
    void histogramCountsSumToTheNumberOfValues() {
        Histogram1D h = Histogram1D.of(new double[] {-5, 0, 0.25, 0.5, 0.999, 1, 7, Double.NaN}, 0, 1, 4);
        assertEquals(8, h.total());
        assertEquals(1, h.under());
        assertEquals(2, h.over());   // 7 and NaN
        assertEquals(5, h.inside());
        assertEquals(1, h.count(0));
        assertEquals(1, h.count(1));
        assertEquals(1, h.count(2));
        assertEquals(2, h.count(3));  // 0.999 and the top edge 1
        assertThrows(IllegalArgumentException.class, () -> new Histogram1D(1, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new Histogram1D(0, 1, 0));
    }

    @Test
    void projectionViewsCountEverySampleOnceInTheViewOfItsMode() {
        for (Target t : new Target[] {TwoModeMixture.ones(2000, 0.8, 1, 0.1), new CurieWeiss(2000, 2, Paper.H)}) {
            Drawn s = targetSamples(t, 3000, 7);
            s.projection()[0] = 0.5;    // a sample far from both modes must still be counted, in its mode's view
            s.mode()[0] = 0;
            s.projection()[1] = -3;
            s.mode()[1] = 1;
            ModeView[] v = FinalDistributions.projection(s.projection(), s.mode(), t, 40);
            assertEquals(2, v.length);
            assertEquals(s.projection().length, v[0].histogram().total() + v[1].histogram().total(), t.describe());
            assertEquals(0, v[0].histogram().under() + v[0].histogram().over() + v[1].histogram().under() + v[1].histogram().over(),
                    t.describe() + ": every sample lies inside its view");
            long zero = 0;
            for (int m : s.mode()) if (m == 0) zero++;
            assertEquals(zero, v[0].histogram().total());
            assertTrue(v[0].histogram().lo() <= 0.5 && v[1].histogram().lo() <= -3);
        }
    }

    @Test
    void gmExactDensityIntegratesToOneOverThePlottedRange() {
        TwoModeMixture t = TwoModeMixture.ones(10_000, 0.8, 1, 0.1);
        ModeView[] v = views(t, 500, 3);
        double curves = 0, bins = 0;
        for (ModeView m : v) {
            curves += FinalDistributions.integrate(m.curveX(), m.curveY());
            bins += m.exactMass();
        }
        assertEquals(1, curves, 0.01, "density curve, trapezoid over both views");
        assertEquals(1, bins, 0.01, "exact mass of the bins of both views");
        assertEquals(0.8, v[0].exactMass(), 0.002, "mode 0 is the + mode, of weight p");
        assertEquals(0.2, v[1].exactMass(), 0.002);
    }

    @Test
    void cwExactMassSumsToOneOverThePlottedRangeOnAlignedBins() {
        CurieWeiss t = new CurieWeiss(10_000, 2, Paper.H);
        ModeView[] v = views(t, 500, 5);
        double total = 0;
        for (ModeView m : v) {
            total += m.exactMass();
            Histogram1D h = m.histogram();
            // every bin holds the same whole number of lattice points −1 + 2j/d: edges sit halfway between them
            double perBin = h.width() / (2.0 / t.dim());
            assertEquals(Math.rint(perBin), perBin, 1e-6);
            double j = (h.lo() + 1) * t.dim() / 2;
            assertEquals(0.5, j - Math.floor(j), 1e-6, "edge halfway between lattice points");
        }
        assertEquals(1, total, 0.01);
        assertEquals(t.targetHigh(), v[0].exactMass(), 0.002);
        // the whole lattice carries probability one, and each mode's mean is ±m
        ProjectionLaw law = t.projectionLaw();
        assertEquals(1, law.mass(-1.5, 1.5), 1e-9);
        assertEquals(t.targetHigh(), law.mass(1e-9, 1.5), 1e-9);
    }

    @Test
    void withinModeDeviationsOfTargetSamplesMatchSigma() {
        TwoModeMixture t = TwoModeMixture.randomDirection(5000, 0.8, 1, 0.2, 11);
        SplittableRandom r = new SplittableRandom(2);
        float[][] finals = new float[8][t.dim()];
        for (float[] x : finals) t.sampleTarget(r, x, 0);
        WithinMode w = FinalDistributions.withinMode(finals, t, 60);
        assertEquals(8L * t.dim(), w.histogram().total());
        assertEquals(0, w.histogram().under() + w.histogram().over());
        assertEquals(1, w.spreadRatio(), 0.005, "standardised deviations have unit RMS");
        assertEquals(1, FinalDistributions.integrate(w.curveX(), w.curveY()), 0.01);
    }

    @Test
    void modesSitWhereTheDirectionPutsTheirMeanCoordinate() {
        assertEquals(1, TwoModeMixture.ones(100, 0.8, 1, 0.1).modes().get(0).meanCoordinate(), 0);
        CurieWeiss cw = new CurieWeiss(100, 2, 0);
        assertEquals(-cw.m(), cw.modes().get(1).meanCoordinate(), 0);
        float[] u = new float[100];
        for (int i = 0; i < 100; i++) u[i] = i < 60 ? 1 : -1;
        assertEquals(0.2 * 0.5, new TwoModeMixture(100, 0.8, 0.5, 0.1, u).modes().get(0).meanCoordinate(), 1e-12);
    }

    @Test
    void aDiscreteTargetHasNoWithinModeView() {
        CurieWeiss t = new CurieWeiss(50, 2, Paper.H);
        float[][] finals = new float[2][50];
        SplittableRandom r = new SplittableRandom(1);
        for (float[] x : finals) t.sampleTarget(r, x, 0);
        assertEquals(null, FinalDistributions.withinMode(finals, t, 20));
    }
}
