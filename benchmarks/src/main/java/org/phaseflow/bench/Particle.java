package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.integrator.Euler;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.model.ExactField;

/**
 * One particle advanced through all K steps of the paper's dilated VP schedule with Euler, through the
 * real {@link ExactField}: what a worker of the batch scheduler does per particle (temporal blocking:
 * the row stays in the core's cache). One call = copy the initial noise in, then K steps; d·K element-steps.
 */
public class Particle extends Suite {
    @Param({"scalar", "vector"}) String kernels;
    @Param({"gm", "cw"}) String model;
    @Param("100") int steps;

    final Euler euler = new Euler();
    PaperParticle p;

    @Setup(Level.Trial)
    public void setUp() {
        p = new PaperParticle(model, dim, steps, Data.kernels(kernels));
    }

    @Benchmark
    public float particle(ElementCounter c) {
        c.elementSteps += (long) dim * steps;
        p.reset();
        euler.integrate(p.field, p.ip, p.tau, p.target.singularAtOne(), p.x, 0, p.work, StepObserver.NONE);
        return p.x[0];
    }
}
