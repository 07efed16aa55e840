package org.phaseflow.integrator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.phaseflow.kernel.Kernels;

/**
 * The adaptive scheme's error norms (docs/mathematics.md §6.3) against a double-precision evaluation
 * of their definitions: an error along the mode direction is diluted by √d in the RMS and max norms
 * and counted in full by the mode norm; an error spread over all coordinates reads alike in RMS and mode.
 */
class StepErrorTest {

    static final int D = 4099;
    static final Tolerances BASE = new Tolerances(1e-2, 1e-6);

    static double norm(ErrorNorm n, float[] err, float[] x, float[] next, List<float[]> directions) {
        Tolerances t = new Tolerances(BASE.rtol(), BASE.atol(), n);
        return new StepError(t, Kernels.scalar(), directions).of(err, x, 0, next, D);
    }

    @Test
    void eachNormIsItsDefinition() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[D], next = new float[D], err = new float[D], q = new float[D];
        for (int i = 0; i < D; i++) {
            x[i] = (float) r.nextGaussian();
            next[i] = (float) (1.1 * r.nextGaussian());
            err[i] = (float) (1e-3 * r.nextGaussian());
        }
        Arrays.fill(q, (float) (1 / Math.sqrt(D)));
        double xx = 0, nn = 0, ee = 0, xmax = 0, emax = 0, qe = 0;
        for (int i = 0; i < D; i++) {
            xx += (double) x[i] * x[i];
            nn += (double) next[i] * next[i];
            ee += (double) err[i] * err[i];
            xmax = Math.max(xmax, Math.max(Math.abs(x[i]), Math.abs(next[i])));
            emax = Math.max(emax, Math.abs(err[i]));
            qe += (double) q[i] * err[i];
        }
        double bound = BASE.atol() + BASE.rtol() * Math.sqrt(Math.max(xx, nn) / D), rms = Math.sqrt(ee / D) / bound;
        assertEquals(rms, norm(ErrorNorm.RMS, err, x, next, List.of(q)), 1e-5 * rms);
        assertEquals(emax / (BASE.atol() + BASE.rtol() * xmax), norm(ErrorNorm.MAX, err, x, next, List.of(q)), 1e-6 * emax / (BASE.rtol() * xmax));
        assertEquals(Math.max(rms, Math.abs(qe) / bound), norm(ErrorNorm.MODE, err, x, next, List.of(q)), 1e-5 * rms);
        assertEquals(rms, norm(ErrorNorm.MODE, err, x, next, List.of()), 1e-5 * rms, "no directions: the mode norm is RMS");
    }

    @Test
    void anErrorAlongTheModeIsDilutedByRootDInRmsAndMaxButNotInMode() {
        float[] x = new float[D], err = new float[D], q = new float[D];
        Arrays.fill(x, 1f);
        double eps = 1e-2, unit = 1 / Math.sqrt(D);
        Arrays.fill(q, (float) unit);
        Arrays.fill(err, (float) (eps * unit));   // |err| = eps, all of it along q
        double bound = BASE.atol() + BASE.rtol();
        assertEquals(eps * unit / bound, norm(ErrorNorm.RMS, err, x, x, List.of(q)), 1e-4 * eps * unit / bound);
        assertEquals(eps * unit / bound, norm(ErrorNorm.MAX, err, x, x, List.of(q)), 1e-4 * eps * unit / bound);
        assertEquals(eps / bound, norm(ErrorNorm.MODE, err, x, x, List.of(q)), 1e-4 * eps / bound);
    }
}
