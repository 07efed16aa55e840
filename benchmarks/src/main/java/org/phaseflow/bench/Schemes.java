package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.config.Names;
import org.phaseflow.config.Paper;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.Integrator;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Dilated;

/**
 * One particle through K steps of the paper's dilated VP schedule with each fixed-step scheme, on the
 * preferred kernels, as {@link Particle} does with Euler: Euler is in the list so that every scheme's cost
 * per step and per field evaluation is a ratio to Euler's from the same run. Counts element-steps (d·K per
 * call) and element-evaluations (d·NFE per call, {@code ElementCounter.elementEvaluations}).
 */
public class Schemes extends Suite {
    @Param({"gm", "cw"}) String model;
    @Param({"euler", "heun", "ddim", "dpm2m", "bs3"}) String integrator;
    @Param("100") int steps;

    ExactField field;
    Interpolant ip;
    Target target;
    Integrator scheme;
    double[] tau;
    float[] x0, x, work;

    @Setup(Level.Trial)
    public void setUp() {
        ModelKind kind = Names.parse(ModelKind.class, "model", model);
        target = TargetConfig.paper(kind).build(dim, 0);
        ip = Interpolant.of(Paper.shape(kind, Family.VP), Family.VP, dim);
        field = target.field(ip, Kernels.preferred());
        scheme = Names.parse(IntegratorKind.class, "integrator", integrator).create(Kernels.preferred());
        tau = new Dilated(ip, dim, Paper.K).grid(steps);
        x0 = Data.gaussian(dim, ip.s0(), 3);
        x = new float[dim];
        work = new float[dim];
    }

    @Benchmark
    public float particle(ElementCounter c) {
        System.arraycopy(x0, 0, x, 0, dim);
        int nfe = scheme.integrate(field, ip, tau, target.singularAtOne(), x, 0, work, StepObserver.NONE);
        c.elementSteps += (long) dim * steps;
        c.elementEvaluations += (long) dim * nfe;
        return x[0];
    }
}
