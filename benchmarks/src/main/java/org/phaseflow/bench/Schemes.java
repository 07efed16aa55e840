package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.config.Names;
import org.phaseflow.integrator.Integrator;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ExactField;

/**
 * One particle through K steps of the paper's dilated VP schedule with each fixed-step scheme, on the
 * preferred kernels, as {@link Particle} does with Euler: Euler is in the list so that every scheme's cost
 * per step and per field evaluation is a ratio to Euler's from the same run. Counts element-steps (d·K per
 * call) and element-evaluations (d·NFE per call, {@code ElementCounter.elementEvaluations}).
 * {@code heun-passes} is Heun on a field that hides its fused second stage, so that the fused one's gain
 * (CW and GM: one pass for three, {@code ExactField.combineOnto}) is a ratio from the same run.
 */
public class Schemes extends Suite {
    @Param({"gm", "cw"}) String model;
    @Param({"euler", "heun", "heun-passes", "ddim", "dpm2m", "bs3"}) String integrator;
    @Param("100") int steps;

    PaperParticle p;
    Integrator scheme;
    ExactField field;

    @Setup(Level.Trial)
    public void setUp() {
        p = new PaperParticle(model, dim, steps, Kernels.preferred());
        boolean passes = integrator.equals("heun-passes");
        scheme = (passes ? IntegratorKind.HEUN : Names.parse(IntegratorKind.class, "integrator", integrator)).create(Kernels.preferred());
        field = passes ? threePasses(p.field) : p.field;
    }

    /** The field with prepare and combine only: its combineOnto takes the default three passes. */
    static ExactField threePasses(ExactField f) {
        return new ExactField() {
            @Override public double prepare(double tau, float[] x, int off) { return f.prepare(tau, x, off); }

            @Override public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
                return f.combine(x, xo, out, oo, cx, cEta, cKappa, tauNext);
            }
        };
    }

    @Benchmark
    public float particle(ElementCounter c) {
        p.reset();
        int nfe = scheme.integrate(field, p.ip, p.tau, p.target.singularAtOne(), p.x, 0, p.work, StepObserver.NONE);
        c.elementSteps += (long) dim * steps;
        c.elementEvaluations += (long) dim * nfe;
        return p.x[0];
    }
}
