package org.phaseflow.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Paper;
import org.phaseflow.integrator.ErrorNorm;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.Tolerances;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.PiecewiseLinear;
import org.phaseflow.schedule.Uniform;

/**
 * The pooled accepted steps of bs3a and their empirical schedule (docs/mathematics.md §6.3, "Where
 * the steps go"): the quantile knots on known steps, point masses of equal ends, the window shares,
 * and the pool against the run: the same steps the sampler's particles took, whatever the threads.
 */
class AcceptedStepsTest {

    /** {from, to} of {@code particles} particles that each step through {@code ends} from 0. */
    private static AcceptedSteps repeated(int particles, double... ends) {
        double[] from = new double[particles * ends.length], to = new double[from.length];
        for (int p = 0, s = 0; p < particles; p++) {
            for (int i = 0; i < ends.length; i++, s++) {
                from[s] = i == 0 ? 0 : ends[i - 1];
                to[s] = ends[i];
            }
        }
        return new AcceptedSteps(from, to, particles);
    }

    private static void assertStrictlyIncreasing(double[] q) {
        assertEquals(0, q[0], 0);
        assertEquals(1, q[q.length - 1], 0);
        for (int j = 1; j < q.length; j++) assertTrue(q[j] > q[j - 1], "knot " + j + ": " + q[j] + " after " + q[j - 1]);
    }

    @Test
    void uniformStepsGiveTheUniformSchedule() {
        double[] ends = new double[50];
        for (int i = 0; i < ends.length; i++) ends[i] = (i + 1) / 50.0;
        AcceptedSteps a = repeated(3, ends);
        double[] q = AcceptedSteps.quantiles(a.from(), a.to(), AcceptedSteps.KNOTS);
        assertEquals(AcceptedSteps.KNOTS + 1, q.length);
        for (int j = 0; j <= AcceptedSteps.KNOTS; j++) assertEquals(j / 200.0, q[j], 1e-12, "knot " + j);
        PiecewiseLinear s = a.schedule();
        for (double t : new double[] {0.001, 0.25, 0.5, 0.777, 0.999}) assertEquals(t, s.tau(t), 1e-12);
    }

    /** One particle's steps are its own grid again: with as many knots as steps, τ_i is its i-th end. */
    @Test
    void oneParticlesStepsGiveItsGridBack() {
        double[] ends = {0.1, 0.15, 0.6, 1};
        AcceptedSteps a = repeated(1, ends);
        assertArrayEquals(new double[] {0, 0.1, 0.15, 0.6, 1}, AcceptedSteps.quantiles(a.from(), a.to(), 4), 1e-15);
        // two particles of different grids: each step weighs 1/n, spread over its own length
        AcceptedSteps b = new AcceptedSteps(new double[] {0, 0.5, 0}, new double[] {0.5, 1, 1}, 2);
        // F = τ/0.5·(1/3) + τ·(1/3) on [0, 0.5], so F(0.5) = 1/2: the median is 0.5
        assertEquals(0.5, AcceptedSteps.quantiles(b.from(), b.to(), 2)[1], 1e-15);
    }

    /**
     * Every particle ending its steps at the same τ (a point mass of ends) still gives a strictly
     * increasing schedule: 100 particles with the steps (0, 0.01] and (0.01, 1] put half the mass on
     * each, evenly, and one step of [0, 1] each is the uniform schedule.
     */
    @Test
    void equalEndsAreHandled() {
        AcceptedSteps a = repeated(100, 0.01, 1);
        double[] q = AcceptedSteps.quantiles(a.from(), a.to(), AcceptedSteps.KNOTS);
        assertStrictlyIncreasing(q);
        for (int j = 0; j <= 100; j++) assertEquals(0.01 * j / 100, q[j], 1e-12, "knot " + j);
        for (int j = 100; j <= 200; j++) assertEquals(0.01 + 0.99 * (j - 100) / 100, q[j], 1e-12, "knot " + j);
        double[] one = AcceptedSteps.quantiles(repeated(100, 1).from(), repeated(100, 1).to(), AcceptedSteps.KNOTS);
        for (int j = 0; j <= 200; j++) assertEquals(j / 200.0, one[j], 1e-12, "knot " + j);
        // a pile of equal ends within a few ulps of each other, and of τ = 1
        double tiny = Math.ulp(1.0);
        AcceptedSteps crowded = repeated(7, 0.5, 1 - 3 * tiny, 1 - tiny, 1);
        assertStrictlyIncreasing(AcceptedSteps.quantiles(crowded.from(), crowded.to(), AcceptedSteps.KNOTS));
        assertEquals(200, a.count());
        a.schedule();   // PiecewiseLinear.through accepts the knots
    }

    @Test
    void sharesCountEachStepByItsPartInTheWindow() {
        AcceptedSteps a = repeated(100, 0.01, 1);
        assertEquals(0.25, a.share(0, 0.005), 1e-12, "half of the first steps, which are half of the steps");
        assertEquals(0.5 * 0.5 / 0.99, a.share(0.5, 1), 1e-12, "the second steps' part above 0.5");
        assertEquals(100, a.endingIn(0, 0.01), "(lo, hi]: a step ending at 0.01 ends there");
        assertEquals(0, a.endingIn(0, 0.005));
        assertEquals(100, a.endingIn(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new AcceptedSteps(new double[] {0.2}, new double[] {0.2}, 1), "a step of no length");
    }

    private static RunSpec spec(Target t, Interpolant ip, int threads) {
        return new RunSpec(t, ip, new Uniform(), IntegratorKind.BS3A, 120, 7, threads, new Tolerances(1e-3, 1e-6, ErrorNorm.MODE));
    }

    /**
     * The pool holds the first 100 particles' accepted steps, the very steps the sampler's run took
     * (their count is the run's accepted steps), each particle's from τ = 0 to τ = 1; and it is the
     * same for any thread count of the spec.
     */
    @Test
    void thePoolIsTheRunsFirstParticlesWhateverTheThreads() {
        int d = 300;
        Interpolant vp = Interpolant.of(Shape.TRIG, Family.VP, d), ve = Interpolant.of(Shape.LINEAR, Family.VE, d);
        Object[][] cases = {{TwoModeMixture.ones(d, 0.8, 1, 0.1), vp}, {new CurieWeiss(d, 2, Paper.H), ve}};
        for (Object[] c : cases) {
            Target t = (Target) c[0];
            Interpolant ip = (Interpolant) c[1];
            AcceptedSteps one = AcceptedSteps.pool(spec(t, ip, 1), 2), two = AcceptedSteps.pool(spec(t, ip, 2), 2);
            assertEquals(100, one.particles());
            assertArrayEquals(one.to(), two.to(), 0, t.model() + ": the same ends for 1 and 2 threads");
            assertArrayEquals(one.from(), two.from(), 0);
            Samples s = Sampler.run(spec(t, ip, 2), 2, Recording.OUTCOMES, null);
            int accepted = Arrays.stream(s.accepted(), 0, 100).sum();
            assertEquals(accepted, one.count(), t.model() + ": the run's accepted steps of its first 100 particles");
            assertEquals(100, (int) Arrays.stream(one.to()).filter(v -> v == 1).count(), "every particle's last step ends at τ = 1");
            assertEquals(100, (int) Arrays.stream(one.from()).filter(v -> v == 0).count(), "every particle starts at τ = 0");
            assertEquals(100, (int) Arrays.stream(one.to()).filter(v -> v == 0.5).count(), "every particle stops at the output point");
            assertStrictlyIncreasing(AcceptedSteps.quantiles(one.from(), one.to(), AcceptedSteps.KNOTS));
        }
        RunSpec few = new RunSpec(TwoModeMixture.ones(d, 0.8, 1, 0.1), vp, new Uniform(), IntegratorKind.BS3A, 12, 7, 2);
        assertEquals(12, AcceptedSteps.pool(few, 1).particles(), "all of them when there are fewer than 100");
        RunSpec euler = new RunSpec(TwoModeMixture.ones(d, 0.8, 1, 0.1), vp, new Uniform(), IntegratorKind.EULER, 12, 7, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AcceptedSteps.pool(euler, 4, 12, Kernels.scalar()));
        assertTrue(e.getMessage().contains("--integrator euler"), e.getMessage());
    }
}
