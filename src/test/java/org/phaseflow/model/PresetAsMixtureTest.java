package org.phaseflow.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * The paper's two-mode GM written as a mixture (weights 0.8/0.2, means ±1 in every coordinate, σ = 0.1)
 * is the preset: its isotropic, scalar-mean form takes the preset's affine step (docs/mathematics.md
 * §2.7), so every particle ends in the same mode with the same spread and mean coordinate to float
 * rounding, for Euler on VP and Heun on VE.
 */
class PresetAsMixtureTest {

    @Test
    void thePresetAsAMixtureGivesThePresetsSamples() {
        int d = 20_000, n = 64;
        TwoModeMixture preset = TwoModeMixture.ones(d, 0.8, 1, 0.1);
        GaussianMixture mixture = preset.asGeneral();
        for (Family family : Family.values()) {
            Interpolant ip = Interpolant.of(family == Family.VP ? Shape.TRIG : Shape.LINEAR, family, d);
            IntegratorKind integrator = family == Family.VP ? IntegratorKind.EULER : IntegratorKind.HEUN;
            Samples a = Sampler.run(new RunSpec(preset, ip, new Dilated(ip, d, 3), integrator, n, 1, 2), 60, Recording.OUTCOMES, null);
            Samples b = Sampler.run(new RunSpec(mixture, ip, new Dilated(ip, d, 3), integrator, n, 1, 2), 60, Recording.OUTCOMES, null);
            assertArrayEquals(a.mode(), b.mode(), family + ": modes");
            int plus = 0;
            for (int p = 0; p < n; p++) {
                plus += a.mode()[p] == 0 ? 1 : 0;
                double spread = Math.sqrt(a.low()[p]), other = Math.sqrt(b.low()[p]);
                assertTrue(Math.abs(spread - other) <= 1e-6 * spread, family + ": particle " + p + " spread " + spread + " vs " + other);
                assertTrue(Math.abs(a.projection()[p] - b.projection()[p]) <= 1e-6, family + ": particle " + p + " mean coordinate "
                        + a.projection()[p] + " vs " + b.projection()[p]);
            }
            assertTrue(plus > 0 && plus < n, family + ": both modes are reached (" + plus + " of " + n + " in +)");
        }
    }
}
