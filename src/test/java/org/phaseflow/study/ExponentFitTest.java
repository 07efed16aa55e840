package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentFitTest {
    private static final double[] D = {100, 1000, 10000, 100000};

    @Test
    void exactPowerLawGivesItsSlope() {
        double[] k = new double[D.length];
        for (int i = 0; i < D.length; i++) k[i] = 3 * Math.pow(D[i], 0.5);
        ExponentFit.Exponent e = ExponentFit.fit(List.of(D, D, D), List.of(k, k, k), 1.5);
        assertEquals(0.5, e.gamma(), 1e-12);
        // identical seeds: the interval is the grid's resolution alone, 1.96·log(1.5)/√12/√Sxx
        double mean = 0, sxx = 0;
        for (double d : D) mean += Math.log(d) / D.length;
        for (double d : D) sxx += (Math.log(d) - mean) * (Math.log(d) - mean);
        assertEquals(1.96 * Math.log(1.5) / Math.sqrt(12) / Math.sqrt(sxx), e.hi() - e.gamma(), 1e-9);
    }

    @Test
    void noisySeedsCoverTheTrueSlope() {
        SplittableRandom r = new SplittableRandom(7);
        int covered = 0, trials = 200;
        for (int t = 0; t < trials; t++) {
            double[][] k = new double[3][D.length];
            for (int s = 0; s < 3; s++)
                for (int i = 0; i < D.length; i++) k[s][i] = 2 * Math.pow(D[i], 0.3) * Math.exp(0.2 * r.nextGaussian());
            ExponentFit.Exponent e = ExponentFit.fit(List.of(D, D, D), List.of(k[0], k[1], k[2]), 1.0 + 1e-12);
            if (e.lo() <= 0.3 && 0.3 <= e.hi()) covered++;
        }
        // a 95 % interval: coverage within binomial noise of 0.95 (sd ≈ 0.015)
        assertTrue(covered >= 0.89 * trials, "coverage " + covered + "/" + trials);
    }

    @Test
    void fewerThanTwoDimensionsGiveNoExponent() {
        assertNull(ExponentFit.fit(List.of(new double[] {100}), List.of(new double[] {5}), 1.5));
    }
}
