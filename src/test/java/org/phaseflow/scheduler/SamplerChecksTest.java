package org.phaseflow.scheduler;

import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.config.Paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phaseflow.ensemble.Ensemble;
import org.phaseflow.integrator.NonFiniteGuard.NonFiniteException;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.Uniform;

/** The sampler's own refusals, before any work, and its non-finite stop. */
class SamplerChecksTest {

    /** τ(t) = min(1, 2t): reaches τ = 1 half-way. */
    record Early() implements Schedule {
        @Override public String id() { return "early"; }
        @Override public double tau(double t) { return Math.min(1, 2 * t); }
    }

    @Test
    void curieWeissFieldIsNeverAskedForAtTauOne() {
        Interpolant ip = Interpolant.of(Shape.LINEAR, Family.VP, 64);
        RunSpec cw = new RunSpec(new CurieWeiss(64, 2, Paper.H), ip, new Early(), IntegratorKind.HEUN, 4, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.run(cw, 10, Recording.OUTCOMES, null));
        assertEquals("--schedule early with --steps 10 reaches τ = 1 at step 5 of 10, where the cw field is singular; "
                + "only the last grid point may be τ = 1", e.getMessage());
        // the same schedule is fine for a Gaussian target, whose field is finite at τ = 1
        RunSpec gm = new RunSpec(TwoModeMixture.ones(64, 0.8, 1, 0.3), ip, new Early(), IntegratorKind.HEUN, 4, 1, 1);
        assertEquals(4, Sampler.run(gm, 10, Recording.OUTCOMES, null).particles());
    }

    @Test
    void nonPositiveCountsAreRefused() {
        Interpolant ip = Interpolant.of(Shape.TRIG, Family.VP, 64);
        TwoModeMixture t = TwoModeMixture.ones(64, 0.8, 1, 0.1);
        assertThrows(IllegalArgumentException.class, () -> new RunSpec(t, ip, new Uniform(), IntegratorKind.EULER, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RunSpec(t, ip, new Uniform(), IntegratorKind.EULER, 4, 1, 0));
        RunSpec ok = new RunSpec(t, ip, new Uniform(), IntegratorKind.EULER, 4, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.run(ok, 0, Recording.OUTCOMES, null));
        assertTrue(e.getMessage().startsWith("--steps must be a positive integer, got 0"), e.getMessage());
    }

    /**
     * The recorded observables are the real ones: X_0^i is the particle's initial noise, M_0 its mean,
     * and (u = ones) M_K equals the projection u·x/d of the final sample.
     */
    @Test
    void recordedTrajectoriesHoldTheParticlesOwnValues() {
        int d = 300, n = 500, k = 8;
        Interpolant ip = Interpolant.of(Shape.LINEAR, Family.VE, d);
        RunSpec spec = new RunSpec(TwoModeMixture.ones(d, 0.8, 1, 0.1), ip, new Uniform(), IntegratorKind.EULER, n, 11, 2);
        Samples s = Sampler.run(spec, k, new Recording(true, 3, new int[] {0, 7, 299}, false), null);
        float[] noise = new float[d];
        for (int p = 0; p < n; p++) {
            Ensemble.noise(11, p, ip.s0(), noise, 0, d);
            double mean = 0;
            for (float v : noise) mean += v;
            mean /= d;
            assertEquals(mean, s.meanPaths()[p * (k + 1)], 1e-6 * ip.s0(), "M_0 of particle " + p);
            assertEquals(s.projection()[p], s.meanPaths()[p * (k + 1) + k], 1e-6 * (1 + Math.abs(s.projection()[p])), "M_K of particle " + p);
            if (p < 3) {
                int[] coords = {0, 7, 299};
                for (int c = 0; c < 3; c++) assertEquals(noise[coords[c]], s.traces()[p][c][0], 0.0f, "X_0 of particle " + p);
            }
        }
        assertEquals(3, s.traces().length);
        assertEquals(k + 1, s.traces()[0][0].length);
    }

    /** An initial noise scale beyond float range makes the state infinite: the run stops at step 0 of particle 0. */
    @Test
    void nonFiniteStateStopsTheRun() {
        Interpolant ip = new Interpolant(Shape.TRIG, Family.VP, 1e300);
        RunSpec spec = new RunSpec(TwoModeMixture.ones(64, 0.8, 1, 0.1), ip, new Uniform(), IntegratorKind.EULER, 300, 1, 2);
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> Sampler.run(spec, 5, Recording.OUTCOMES, null));
        assertTrue(e.getMessage().startsWith("non-finite state at step 0 (τ = 0.0) in particle "), e.getMessage());
    }
}
