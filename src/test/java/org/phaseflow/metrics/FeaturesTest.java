package org.phaseflow.metrics;

import org.phaseflow.config.Paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.GaussianMixture;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.scheduler.Samples;

/**
 * The features of docs/mathematics.md §7 on exact samples of each target (drawn by
 * {@link Target#sampleTarget}, no integration): p̂ must fall within 3 standard errors of p or W+,
 * σ̂ / m̂ within 3 of their own standard errors of σ / m; and the arithmetic of {@link Features} on
 * hand-made outcomes.
 */
class FeaturesTest {

    static Features exact(Target t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[t.dim()];
        int[] mode = new int[n];
        double[] low = new double[n], proj = new double[n];
        for (int p = 0; p < n; p++) {
            t.sampleTarget(r, x, 0);
            Target.Outcome o = t.outcome(x, 0);
            mode[p] = o.mode();
            low[p] = o.low();
            proj[p] = o.projection();
        }
        return Features.of(new Samples(1, new double[] {0, 1}, mode, low, proj, null, new float[0][][], null, 0, 0), t);
    }

    static void assertRecovered(Features f, String what) {
        double se = Math.sqrt(f.targetP() * (1 - f.targetP()) / f.particles());
        assertTrue(Math.abs(f.phat() - f.targetP()) <= 3 * se, what + ": p̂ = " + f.phat() + " against " + f.targetP());
        for (Features.Estimate l : f.low()) {
            assertTrue(l.se() > 0 && Math.abs(l.value() - l.exact()) <= 3 * l.se() + 1e-12,
                    what + ": " + l.name() + " = " + l.value() + " ± " + l.se() + " against " + l.exact());
        }
    }

    @Test
    void exactSamplesOfEachTargetGiveItsFeatures() {
        assertRecovered(exact(TwoModeMixture.ones(200, 0.8, 1, 0.1), 3000, 1), "two-mode GM, u = ones");
        assertRecovered(exact(TwoModeMixture.randomDirection(200, 0.3, 0.9, 0.5, 3), 3000, 2), "two-mode GM, random u");
        assertRecovered(exact(new CurieWeiss(500, 2, Paper.H), 3000, 3), "CW β = 2");
        assertRecovered(exact(new CurieWeiss(2000, 1.1, Paper.H), 3000, 4), "CW β = 1.1");
        float[][] mu = new float[3][100];
        for (int i = 0; i < 100; i++) {
            mu[0][i] = 1;
            mu[1][i] = i % 2 == 0 ? 1 : -1;
            mu[2][i] = -1;
        }
        GaussianMixture three = GaussianMixture.isotropic(new double[] {0.5, 0.3, 0.2}, mu, new double[] {0.1, 0.2, 0.3});
        Features f = exact(three, 3000, 5);
        assertRecovered(f, "3-component GM");
        // each component's own spread, not one pooled value
        assertEquals(List.of("sigma_0", "sigma_1", "sigma_2"), f.low().stream().map(Features.Estimate::name).toList());
        assertEquals(List.of(0.1, 0.2, 0.3), f.low().stream().map(Features.Estimate::exact).toList());
    }

    @Test
    void arithmeticOnHandMadeOutcomes() {
        int[] mode = {0, 0, 1, 0};
        double[] msd = {0.01, 0.04, 0.01, 0.02};
        Samples s = new Samples(3, new double[] {0, 0.5, 0.8, 1}, mode, msd, new double[4], null, new float[0][][], null, 0, 0);
        Features f = Features.of(s, TwoModeMixture.ones(10, 0.8, 1, 0.1));
        assertEquals(0.75, f.phat());
        assertEquals(Math.sqrt(0.75 * 0.25 / 4), f.phatSe(), 1e-15);
        assertEquals(Math.sqrt(0.02), f.firstLow().value(), 1e-15);   // σ̂ = √(mean of the per-sample mean squared deviations)
        assertEquals(Math.abs(Math.sqrt(0.02) / 0.1 - 1), f.lowError(), 1e-15);
        assertEquals(0.05, f.highError(), 1e-15);
        double sd = Math.sqrt((0.0001 + 0.0016 + 0.0001 + 0.0004 - 4 * 0.02 * 0.02) / 3);
        assertEquals(sd / 2 / (2 * Math.sqrt(0.02)), f.firstLow().se(), 1e-12, "delta-method standard error of σ̂");

        Features c = Features.of(s, new CurieWeiss(10, 2, Paper.H));
        assertEquals(0.02, c.firstLow().value(), 1e-15);   // m̂ is the plain mean for CW
        assertEquals(Math.abs(0.02 - CurieWeiss.magnetisation(2)), c.lowError(), 1e-15);
    }

    /**
     * A run that loses a mode (p̂ = 1) or collapses a spread (every sample the same) has a plug-in
     * standard error of 0: the deviation is measured in standard errors at the target instead, and p̂
     * gets a Wilson interval of non-zero width.
     */
    @Test
    void lostModesAndCollapsedSpreadsAreNotZeroStandardErrorsAway() {
        int n = 100;
        int[] mode = new int[n];   // every sample in mode 0
        double[] msd = new double[n];
        java.util.Arrays.fill(msd, 0.0001);   // σ̂ = 0.01 in every sample, against σ = 0.1
        Samples s = new Samples(3, new double[] {0, 0.5, 0.8, 1}, mode, msd, new double[n], null, new float[0][][], null, 0, 0);
        Features f = Features.of(s, TwoModeMixture.ones(10, 0.8, 1, 0.1));
        assertEquals(1.0, f.phat());
        assertEquals(0.0, f.phatSe(), "the plug-in error vanishes");
        assertEquals(0.2 / Math.sqrt(0.8 * 0.2 / n), f.phatZ(), 1e-12, "5 standard errors at the target");
        assertEquals(1.0, f.phatCiHi());
        double z2 = 1.959963984540054 * 1.959963984540054;
        assertEquals(n / (n + z2), f.phatCiLo(), 1e-12, "Wilson's lower end for p̂ = 1");
        assertTrue(f.phatCiLo() < 0.97, "a real interval");
        Features.Estimate low = f.firstLow();
        assertEquals(0.0, low.se(), 1e-9);
        double exactSe = 0.1 / Math.sqrt(2.0 * 10 * n);   // the spread pools every sample
        assertEquals(exactSe, low.exactSe(), 1e-15);
        assertEquals((0.01 - 0.1) / exactSe, low.z(), 1e-9);
        // an even split: Wilson's interval is symmetric about ½ and a little wider than ±1.96 plug-in errors
        int[] half = new int[n];
        for (int p = 0; p < n; p += 2) half[p] = 1;
        Features g = Features.of(new Samples(3, new double[] {0, 0.5, 0.8, 1}, half, msd, new double[n], null, new float[0][][], null, 0, 0),
                TwoModeMixture.ones(10, 0.5, 1, 0.1));
        assertEquals(0.5 - g.phatCiLo(), g.phatCiHi() - 0.5, 1e-12);
        assertEquals(1.959963984540054 * 0.05 / Math.sqrt(1 + z2 / n), g.phatCiHi() - 0.5, 1e-12);
        assertEquals(0.0, g.phatZ(), 1e-12);
    }
}
