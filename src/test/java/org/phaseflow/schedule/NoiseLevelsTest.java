package org.phaseflow.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;

/**
 * The Karras and log-SNR ladders mapped onto the interpolant (docs/mathematics.md §5.7): for K steps
 * τ_0 = 0, τ_K = 1, and for i = 1 … K − 1 the noise-to-signal ratio a(τ_i)/τ_i is k-diffusion's i-th
 * noise level of K, computed here independently from its formula.
 */
class NoiseLevelsTest {

    static double karras(int i, int n, double min, double max, double rho) {
        double ramp = (double) i / (n - 1);
        return Math.pow(Math.pow(max, 1 / rho) + ramp * (Math.pow(min, 1 / rho) - Math.pow(max, 1 / rho)), rho);
    }

    static double exponential(int i, int n, double min, double max) {
        double ramp = (double) i / (n - 1);
        return Math.exp(Math.log(max) + ramp * (Math.log(min) - Math.log(max)));
    }

    /**
     * Relative tolerance on a(τ)/τ: 1e-12, plus what rounding τ to a double does to the ratio near
     * τ = 1 (its relative change is about δτ/(1 − τ) for both shapes).
     */
    static double tolerance(double tau) {
        return 1e-12 + 4 * Math.ulp(1.0) / (1 - tau);
    }

    @Test
    void theGridsHaveTheLaddersNoiseLevels() {
        for (Shape shape : Shape.values()) {
            for (Family family : Family.values()) {
                for (int d : new int[] {100, 10_000, 100_000}) {
                    Interpolant ip = Interpolant.of(shape, family, d);
                    for (ScheduleSpec spec : new ScheduleSpec[] {ScheduleSpec.KARRAS, ScheduleSpec.LOGSNR,
                            ScheduleSpec.parse("karras:sigma_min=0.01:sigma_max=1000:rho=3"), ScheduleSpec.parse("logsnr:sigma_max=500")}) {
                        ScheduleSpec.Sigmas ladder = (ScheduleSpec.Sigmas) spec;
                        Schedule s = spec.create(ip, d, 3);
                        assertEquals(spec.toString(), s.id());
                        for (int k : new int[] {2, 3, 5, 18, 140, 4096}) {
                            double[] g = s.grid(k);
                            assertEquals(k + 1, g.length);
                            assertEquals(0, g[0]);
                            assertEquals(1, g[k]);
                            for (int i = 1; i < k; i++) {
                                double sigma = spec instanceof ScheduleSpec.Karras kr
                                        ? karras(i, k, kr.sigmaMin(), kr.sigmaMax(), kr.rho())
                                        : exponential(i, k, ladder.sigmaMin(), ladder.sigmaMax());
                                double ratio = ip.a(g[i]) / g[i];
                                assertEquals(sigma, ratio, tolerance(g[i]) * sigma, spec + " " + ip + " K = " + k + " level " + i);
                                assertTrue(g[i] > g[i - 1], spec + " K = " + k + ": grid not increasing at " + i);
                            }
                            // the last level is σ_min: the last step goes from τ(σ_min) to 1
                            assertEquals(ladder.sigmaMin(), ip.a(g[k - 1]) / g[k - 1], tolerance(g[k - 1]) * ladder.sigmaMin());
                        }
                    }
                }
            }
        }
    }

    @Test
    void fewStepsAndTheContinuousLimit() {
        Interpolant ip = Interpolant.of(Shape.LINEAR, Family.VE, 10_000);
        Schedule s = ScheduleSpec.KARRAS.create(ip, 10_000, 3);
        assertArrayEquals(new double[] {0, 1}, s.grid(1));
        assertArrayEquals(new double[] {0, ip.tauAtNoiseRatio(0.002), 1}, s.grid(2));
        assertEquals(1, s.minSteps());
        assertEquals(0, s.tau(0));
        assertEquals(1, s.tau(1));
        assertEquals(ip.tauAtNoiseRatio(80), s.tau(1e-300), 1e-15, "τ(t) jumps to τ(σ_max) after t = 0");
        double[] t = s.times(4);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, t);
        // the closed forms solve a(τ)/τ = σ
        for (Shape shape : Shape.values()) {
            Interpolant i = Interpolant.of(shape, Family.VE, 400);
            for (double sigma : new double[] {1e-4, 0.3, 20, 1e4}) {
                double tau = i.tauAtNoiseRatio(sigma);
                assertEquals(sigma, i.a(tau) / tau, tolerance(tau) * sigma, shape + " σ = " + sigma);
            }
            assertEquals(1, i.tauAtNoiseRatio(0));
        }
    }

    @Test
    void textFormsParseBackAndBadLaddersAreRefused() {
        assertEquals(ScheduleSpec.KARRAS, ScheduleSpec.parse("karras"));
        assertEquals(ScheduleSpec.KARRAS, ScheduleSpec.parse("karras:sigma_max=80:rho=7"));
        assertEquals("karras", ScheduleSpec.parse("karras:sigma_max=80").toString());
        assertEquals("logsnr", ScheduleSpec.LOGSNR.toString());
        ScheduleSpec custom = ScheduleSpec.parse("karras:rho=5:sigma_max=500");
        assertEquals("karras:sigma_max=500:rho=5", custom.toString());
        assertEquals(custom, ScheduleSpec.parse(custom.toString()));
        assertEquals("logsnr:sigma_min=1.0E-4", ScheduleSpec.parse("logsnr:sigma_min=0.0001").toString());
        assertEquals("karras-sigma_max=500-rho=5", custom.slug());
        for (String[] bad : new String[][] {
            {"karras:rho=0", "rho must be positive"},
            {"karras:sigma_min=100", "sigma_min must be below sigma_max"},
            {"logsnr:sigma_max=-1", "sigma_max must be positive"},
            {"logsnr:rho=7", "'rho=7' is not allowed"},
            {"karras:foo=1", "'foo=1' is not allowed"},
            {"karras:rho=3:rho=4", "rho is given twice"},
            {"karras:sigma_max=abc", "sigma_max 'abc' is not a number"},
            {"karras:", "'' is not allowed"},
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
        // a σ_min that rounds to τ = 1 would leave a step of zero length before the data
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("karras:sigma_min=1e-300")
                .create(Interpolant.of(Shape.TRIG, Family.VP, 100), 100, 3));
        assertTrue(e.getMessage().contains("falls at τ = 1"), e.getMessage());
    }
}
