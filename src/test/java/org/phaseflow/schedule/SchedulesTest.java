package org.phaseflow.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;

/**
 * Schedules (docs/mathematics.md §5): τ(0) = 0, τ(1) = 1, monotone; the dilated grids put the kink t = ½ on
 * the grid for odd and even K (τ = k/√d for VP, a(τ) = k for VE), give every phase at least one
 * step, share steps in proportion to phase length, and are uniform in t within a phase.
 */
class SchedulesTest {

    static final int[] DIMS = {10, 1000, 100_000};
    static final double[] KS = {1, 3, 5};

    static Schedule[] schedules(int d, double k) {
        return new Schedule[] {
            new Uniform(),
            new Dilated(Interpolant.of(Shape.TRIG, Family.VP, d), d, k),
            new Dilated(Interpolant.of(Shape.LINEAR, Family.VP, d), d, k),
            new Dilated(Interpolant.of(Shape.TRIG, Family.VE, d), d, k),
            new Dilated(Interpolant.of(Shape.LINEAR, Family.VE, d), d, k),
        };
    }

    @Test
    void endpointsAndMonotone() {
        for (int d : DIMS) {
            for (double k : KS) {
                if (k * k >= d) continue;
                for (Schedule s : schedules(d, k)) {
                    assertEquals(0.0, s.tau(0), 1e-15, s + " τ(0)");
                    assertEquals(1.0, s.tau(1), 1e-12, s + " τ(1)");
                    double prev = -1;
                    for (int i = 0; i <= 10_000; i++) {
                        double t = s.tau(i / 10_000.0);
                        assertTrue(t > prev || (i > 0 && t == prev && t == 1), s + " not increasing at t = " + i / 10_000.0);
                        prev = t;
                    }
                    for (int steps : new int[] {2, 3, 4, 7, 100, 101, 111, 112}) {
                        double[] g = s.grid(steps);
                        assertEquals(steps + 1, g.length);
                        assertEquals(0.0, g[0]);
                        assertEquals(1.0, g[steps]);
                        for (int j = 0; j < steps; j++) assertTrue(g[j + 1] > g[j], s + " K = " + steps + ": grid not increasing at " + j);
                    }
                }
            }
        }
    }

    @Test
    void dilatedGridsContainTheKinkForOddAndEvenK() {
        for (int d : DIMS) {
            for (double k : KS) {
                if (k * k >= d) continue;
                Schedule[] all = schedules(d, k);
                for (int i = 1; i < all.length; i++) {
                    Dilated s = (Dilated) all[i];
                    Interpolant ip = s.interpolant();
                    double kink = ip.family() == Family.VP ? k / Math.sqrt(d) : ip.tauAtLevel(k);
                    assertEquals(kink, s.tau(0.5), 1e-15);
                    assertEquals(kink, s.kinkTau(), 1e-15);
                    if (ip.family() == Family.VE) assertEquals(k, ip.a(kink), 1e-9 * k, "VE kink: a(τ_b) = k");
                    for (int steps = 2; steps <= 160; steps++) {
                        double[] g = s.grid(steps);
                        int at = -1;
                        for (int j = 0; j <= steps; j++) if (Math.abs(g[j] - kink) <= 1e-15 * Math.max(1, kink)) at = j;
                        assertTrue(at > 0 && at < steps, s + " K = " + steps + ": the kink τ = " + kink + " is not on the grid");
                        // each phase at least one step, shares in proportion to length (½ each): within one step
                        assertTrue(Math.abs(at - steps / 2.0) <= 1, s + " K = " + steps + ": phase 1 has " + at + " steps");
                        // uniform in t within each phase
                        for (int j = 0; j <= steps; j++) {
                            double t = j <= at ? 0.5 * j / at : 0.5 + 0.5 * (j - at) / (steps - at);
                            assertEquals(s.tau(t), g[j], 1e-13, s + " K = " + steps + ": grid point " + j);
                        }
                    }
                }
            }
        }
    }

    /** VE dilated, second phase: the noise level falls linearly from k to 0 in t. */
    @Test
    void veSecondPhaseIsLinearInTheNoiseLevel() {
        int d = 10_000;
        for (Shape shape : Shape.values()) {
            Interpolant ip = Interpolant.of(shape, Family.VE, d);
            Dilated s = new Dilated(ip, d, 3);
            for (int i = 0; i <= 100; i++) {
                double t = 0.5 + 0.5 * i / 100.0;
                assertEquals(3 * (1 - t) / 0.5, ip.a(s.tau(t)), 1e-9, shape + " at t = " + t);
            }
            // first phase: linear in τ
            assertEquals(s.kinkTau() * 0.5, s.tau(0.25), 1e-15);
        }
        // VP: both phases linear in τ
        Dilated vp = new Dilated(Interpolant.of(Shape.TRIG, Family.VP, d), d, 3);
        assertEquals(0.03 + 0.97 * 0.5, vp.tau(0.75), 1e-15);
        assertEquals(0.015, vp.tau(0.25), 1e-15);
    }

    @Test
    void uniformGridIsKOverK() {
        double[] g = new Uniform().grid(7);
        for (int j = 0; j <= 7; j++) assertEquals(j / 7.0, g[j], 1e-15);
        assertEquals(1, new Uniform().minSteps());
    }

    @Test
    void tooFewStepsAndBadKAreRefused() {
        Dilated s = new Dilated(Interpolant.of(Shape.TRIG, Family.VP, 100), 100, 3);
        assertEquals(2, s.minSteps());
        assertThrows(IllegalArgumentException.class, () -> s.grid(1));
        assertThrows(IllegalArgumentException.class, () -> new Dilated(Interpolant.of(Shape.TRIG, Family.VP, 9), 9, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dilated(Interpolant.of(Shape.LINEAR, Family.VE, 9), 9, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dilated(Interpolant.of(Shape.LINEAR, Family.VE, 100), 100, 0));
        // VE kink a(τ_b) = k so close to 0 that τ_b rounds to 1: the second phase would be empty
        for (Shape sh : Shape.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Dilated(Interpolant.of(sh, Family.VE, 100), 100, sh == Shape.TRIG ? 1e-9 : 1e-17));
            assertTrue(e.getMessage().startsWith("--k "), e.getMessage());
        }
        assertTrue(new Dilated(Interpolant.of(Shape.TRIG, Family.VE, 100), 100, 1e-6).kinkTau() < 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.phaseflow.config.Names.parse(ScheduleKind.class, "--schedule", "cosine?"));
        assertEquals("--schedule 'cosine?' is not allowed (allowed: uniform, dilated, cosine)", e.getMessage());
    }

    @Test
    void interpolantShapes() {
        for (Family f : Family.values()) {
            for (Shape sh : Shape.values()) {
                Interpolant ip = Interpolant.of(sh, f, 400);
                double s0 = f == Family.VP ? 1 : 20;
                assertEquals(s0, ip.s0(), 0);
                assertEquals(s0, ip.a(0), 1e-15);
                assertEquals(0, ip.a(1), 0);
                for (double tau = 0.01; tau < 1; tau += 0.01) {
                    double exact = sh == Shape.TRIG ? s0 * Math.sqrt(1 - tau * tau) : s0 * (1 - tau);
                    assertEquals(exact, ip.a(tau), 1e-14 * s0);
                    double h = 1e-6, numeric = (ip.a(tau + h) - ip.a(tau - h)) / (2 * h);
                    assertEquals(numeric, ip.da(tau), 1e-6 * s0 * (1 + Math.abs(numeric)), sh + " a'");
                    assertEquals(ip.a(tau) * ip.da(tau), ip.aDa(tau), 1e-12 * s0 * s0, sh + " a·a'");
                    assertEquals(tau, ip.tauAtLevel(ip.a(tau)), 1e-9, sh + " τ at level a(τ)");
                }
                assertEquals(sh == Shape.TRIG ? -s0 * s0 : 0, ip.aDa(1), 1e-12, "a·a' finite at τ = 1");
            }
        }
    }
}
