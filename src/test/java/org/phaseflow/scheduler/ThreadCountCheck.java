package org.phaseflow.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phaseflow.config.Paper;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;

/**
 * The thread-count cases and their comparison, shared by {@link ThreadCountTest} (in process) and
 * {@link DeterminismTest} (run as a main class in a fresh JVM, as a user runs the command line: the
 * 1-thread run then executes while the code is still being compiled). Each case is run with every
 * count of {@link #THREADS} and compared, value for value, with the 1-thread run: modes, low-level
 * values, projections and M_t paths. {@link #FEW} particles make fewer batches than 7 threads.
 * The main method prints the first difference of each case and exits with the number of cases that
 * differed.
 */
public final class ThreadCountCheck {
    static final int D = 1000, N = 700, FEW = 5, K = 20;
    static final long SEED = 123;
    static final int[] THREADS = {1, 2, 3, 7};

    /** One configuration: a GM VP Euler run or a CW VE Heun run, with n particles. */
    record Case(String name, RunSpec spec) {
        RunSpec threads(int t) {
            return new RunSpec(spec.target(), spec.interpolant(), spec.schedule(), spec.integrator(), spec.particles(), spec.seed(), t);
        }

        Samples run(int threads) { return Sampler.run(threads(threads), K, Recording.PATHS, null); }
    }

    static List<Case> cases(int n) {
        Interpolant vp = Interpolant.of(Shape.TRIG, Family.VP, D), ve = Interpolant.of(Shape.LINEAR, Family.VE, D);
        return List.of(
                new Case("GM vp euler N = " + n, new RunSpec(TwoModeMixture.randomDirection(D, 0.8, 1, 0.1, 9), vp,
                        new Dilated(vp, D, 3), IntegratorKind.EULER, n, SEED, 1)),
                new Case("CW ve heun N = " + n, new RunSpec(new CurieWeiss(D, 2, Paper.H), ve,
                        new Dilated(ve, D, 3), IntegratorKind.HEUN, n, SEED, 1)));
    }

    static List<Case> allCases() {
        List<Case> all = new ArrayList<>(cases(N));
        all.addAll(cases(FEW));
        return all;
    }

    /** The first difference between {@code a} and {@code b}, or null when they agree bit for bit. */
    static String firstDifference(Samples a, Samples b) {
        int n = a.particles(), k = a.steps();
        if (b.particles() != n || b.steps() != k) return "shapes differ: " + n + "×" + k + " vs " + b.particles() + "×" + b.steps();
        for (int p = 0; p < n; p++) {
            float[] pa = Arrays.copyOfRange(a.meanPaths(), p * (k + 1), (p + 1) * (k + 1));
            float[] pb = Arrays.copyOfRange(b.meanPaths(), p * (k + 1), (p + 1) * (k + 1));
            if (a.mode()[p] != b.mode()[p]
                    || Double.doubleToRawLongBits(a.low()[p]) != Double.doubleToRawLongBits(b.low()[p])
                    || Double.doubleToRawLongBits(a.projection()[p]) != Double.doubleToRawLongBits(b.projection()[p])
                    || !Arrays.equals(pa, pb)) {
                return "particle " + p + " differs: mode " + a.mode()[p] + " vs " + b.mode()[p] + ", low-level value " + a.low()[p]
                        + " vs " + b.low()[p] + ", projection " + a.projection()[p] + " vs " + b.projection()[p]
                        + ", final M " + pa[k] + " vs " + pb[k];
            }
        }
        return null;
    }

    public static void main(String[] args) {
        int differed = 0;
        for (Case c : allCases()) {
            Samples one = c.run(1);
            for (int t : THREADS) {
                if (t == 1) continue;
                String diff = firstDifference(one, c.run(t));
                if (diff != null) {
                    System.out.println(c.name() + ", 1 vs " + t + " threads: " + diff);
                    differed++;
                    break;
                }
            }
        }
        System.exit(differed);
    }
}
