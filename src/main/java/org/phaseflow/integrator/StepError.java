package org.phaseflow.integrator;

import java.util.List;
import org.phaseflow.kernel.FlowKernels;

/**
 * A step's error norm E (docs/mathematics.md §6.3): the embedded estimate err against
 * atol + rtol·scale, the scale taken from the state before (x) and after (x') the step, so that E ≤ 1
 * accepts. The feature directions are orthonormal; an empty list leaves the mode norm equal to RMS.
 */
final class StepError {
    private final Tolerances tolerances;
    private final FlowKernels kernels;
    private final List<float[]> directions;

    StepError(Tolerances tolerances, FlowKernels kernels, List<float[]> directions) {
        this.tolerances = tolerances;
        this.kernels = kernels;
        this.directions = directions;
    }

    double of(float[] err, float[] x, int off, float[] next, int d) {
        double atol = tolerances.atol(), rtol = tolerances.rtol();
        if (tolerances.norm() == ErrorNorm.MAX) {
            double scale = Math.max(maxAbs(x, off, d), maxAbs(next, 0, d));
            return maxAbs(err, 0, d) / (atol + rtol * scale);
        }
        double bound = atol + rtol * Math.sqrt(Math.max(kernels.dot(x, off, x, off, d), kernels.dot(next, 0, next, 0, d)) / d);
        double e = Math.sqrt(kernels.dot(err, 0, err, 0, d) / d) / bound;
        if (tolerances.norm() == ErrorNorm.MODE && !directions.isEmpty()) {
            double projected = 0;
            for (float[] q : directions) {
                double c = kernels.dot(err, 0, q, 0, d);
                projected += c * c;
            }
            e = Math.max(e, Math.sqrt(projected) / bound);
        }
        return e;
    }

    /** max_i |a_i| over a[off..off+n); exact in any order, so no kernel form can change it. */
    private static double maxAbs(float[] a, int off, int n) {
        float m = 0;
        for (int i = off; i < off + n; i++) m = Math.max(m, Math.abs(a[i]));
        return m;
    }
}
