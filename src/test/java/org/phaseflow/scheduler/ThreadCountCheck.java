package org.phaseflow.scheduler;

import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.config.Paper;
import java.util.Arrays;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;

/**
 * Run in a fresh JVM, as a user runs the command line: the same configuration with 1 thread (while
 * the code is still being compiled), then with 2 threads. Prints the first particle whose outcome or
 * M_t path differs and exits with the number of configurations that differed.
 */
public final class ThreadCountCheck {
    public static void main(String[] args) {
        int d = 1000, n = 700, k = 20, differed = 0;
        Interpolant vp = Interpolant.of(Shape.TRIG, Family.VP, d), ve = Interpolant.of(Shape.LINEAR, Family.VE, d);
        Object[][] cases = {
            {TwoModeMixture.randomDirection(d, 0.8, 1, 0.1, 9), vp, IntegratorKind.EULER},
            {new CurieWeiss(d, 2, Paper.H), ve, IntegratorKind.HEUN},
        };
        for (Object[] c : cases) {
            Target t = (Target) c[0];
            Interpolant ip = (Interpolant) c[1];
            RunSpec spec = new RunSpec(t, ip, new Dilated(ip, d, 3), (IntegratorKind) c[2], n, 123, 1);
            Samples one = Sampler.run(spec, k, Recording.PATHS, null);
            Samples two = Sampler.run(new RunSpec(t, ip, spec.schedule(), spec.integrator(), n, 123, 2), k, Recording.PATHS, null);
            for (int p = 0; p < n; p++) {
                float[] a = Arrays.copyOfRange(one.meanPaths(), p * (k + 1), (p + 1) * (k + 1));
                float[] b = Arrays.copyOfRange(two.meanPaths(), p * (k + 1), (p + 1) * (k + 1));
                if (one.mode()[p] != two.mode()[p] || one.low()[p] != two.low()[p] || !Arrays.equals(a, b)) {
                    System.out.println(t.model() + " " + ip.family() + " " + c[2] + ": particle " + p + " differs: low-level value "
                            + one.low()[p] + " (1 thread) vs " + two.low()[p] + " (2 threads), final M " + a[k] + " vs " + b[k]);
                    differed++;
                    break;
                }
            }
        }
        System.exit(differed);
    }
}
