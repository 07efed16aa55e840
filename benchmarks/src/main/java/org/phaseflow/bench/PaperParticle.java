package org.phaseflow.bench;

import org.phaseflow.config.Names;
import org.phaseflow.config.Paper;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Dilated;

/**
 * The paper's preset of a model at d on its VP shape, the dilated grid of K steps and one particle's
 * initial noise: what {@link Particle} and {@link Schemes} advance, so both time the same work.
 */
final class PaperParticle {
    final Target target;
    final Interpolant ip;
    final ExactField field;
    final double[] tau;
    final float[] x0, x, work;

    PaperParticle(String model, int dim, int steps, FlowKernels kernels) {
        ModelKind kind = Names.parse(ModelKind.class, "model", model);
        target = TargetConfig.paper(kind).build(dim, 0);
        ip = Interpolant.of(Paper.shape(kind, Family.VP), Family.VP, dim);
        field = target.field(ip, kernels);
        tau = new Dilated(ip, dim, Paper.K).grid(steps);
        x0 = Data.gaussian(dim, ip.s0(), 3);
        x = new float[dim];
        work = new float[dim];
    }

    /** Puts the initial noise back: the start of every benchmark call. */
    void reset() {
        System.arraycopy(x0, 0, x, 0, x.length);
    }
}
