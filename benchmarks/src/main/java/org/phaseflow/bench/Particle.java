package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.config.Names;
import org.phaseflow.config.Paper;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.Euler;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Dilated;

/**
 * One particle advanced through all K steps of the paper's dilated VP schedule with Euler, through the
 * real {@link ExactField}: what a worker of the batch scheduler does per particle (temporal blocking:
 * the row stays in the core's cache). One call = copy the initial noise in, then K steps; d·K element-steps.
 */
public class Particle extends Suite {
    @Param({"scalar", "vector"}) String kernels;
    @Param({"gm", "cw"}) String model;
    @Param("100") int steps;

    ExactField field;
    Interpolant ip;
    Target target;
    double[] tau;
    float[] x0, x, work;
    final Euler euler = new Euler();

    @Setup(Level.Trial)
    public void setUp() {
        FlowKernels k = Data.kernels(kernels);
        ModelKind kind = Names.parse(ModelKind.class, "model", model);
        target = TargetConfig.paper(kind).build(dim, 0);
        ip = Interpolant.of(Paper.shape(kind, Family.VP), Family.VP, dim);
        field = target.field(ip, k);
        tau = new Dilated(ip, dim, Paper.K).grid(steps);
        x0 = Data.gaussian(dim, ip.s0(), 3);
        x = new float[dim];
        work = new float[dim];
    }

    @Benchmark
    public float particle(ElementCounter c) {
        c.elementSteps += (long) dim * steps;
        System.arraycopy(x0, 0, x, 0, dim);
        euler.integrate(field, ip, tau, target.singularAtOne(), x, 0, work, StepObserver.NONE);
        return x[0];
    }
}
