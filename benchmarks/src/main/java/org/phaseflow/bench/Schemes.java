package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.config.Names;
import org.phaseflow.integrator.Integrator;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.kernel.Kernels;

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

    PaperParticle p;
    Integrator scheme;

    @Setup(Level.Trial)
    public void setUp() {
        p = new PaperParticle(model, dim, steps, Kernels.preferred());
        scheme = Names.parse(IntegratorKind.class, "integrator", integrator).create(Kernels.preferred());
    }

    @Benchmark
    public float particle(ElementCounter c) {
        p.reset();
        int nfe = scheme.integrate(p.field, p.ip, p.tau, p.target.singularAtOne(), p.x, 0, p.work, StepObserver.NONE);
        c.elementSteps += (long) dim * steps;
        c.elementEvaluations += (long) dim * nfe;
        return p.x[0];
    }
}
