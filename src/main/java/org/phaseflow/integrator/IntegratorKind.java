package org.phaseflow.integrator;

import java.util.Locale;
import org.phaseflow.kernel.FlowKernels;

/** The stepping schemes by name (docs/mathematics.md §6). */
public enum IntegratorKind {
    /** First order, one evaluation per step: the paper's. */
    EULER,
    /** Second order (explicit trapezoid), two evaluations per step. */
    HEUN,
    /** The exponential step that treats the linear part exactly, one evaluation per step. */
    DDIM,
    /** Second order, one evaluation per step: the exponential step with a linear denoiser (DPM-Solver++(2M) type). */
    DPM2M,
    /** Third order (Bogacki–Shampine 3(2), first same as last), three evaluations per step, with an embedded error estimate. */
    BS3;

    /** A fresh instance for one worker. */
    public Integrator create(FlowKernels kernels) {
        return switch (this) {
            case EULER -> new Euler();
            case HEUN -> new Heun(kernels);
            case DDIM -> new Ddim();
            case DPM2M -> new Dpm2m(kernels);
            case BS3 -> new Bs3(kernels);
        };
    }

    /** Field evaluations of K = {@code steps} steps (the same for every particle). */
    public int evaluations(int steps, boolean singularAtOne) {
        return create(org.phaseflow.kernel.Kernels.scalar()).evaluations(steps, singularAtOne);
    }

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
