package org.phaseflow.integrator;

import java.util.List;
import java.util.Locale;
import org.phaseflow.kernel.FlowKernels;

/** The stepping schemes by name (docs/mathematics.md §6). */
public enum IntegratorKind implements IntegratorSpec {
    /** First order, one evaluation per step: the paper's. */
    EULER,
    /** Second order (explicit trapezoid), two evaluations per step. */
    HEUN,
    /** The exponential step that treats the linear part exactly, one evaluation per step. */
    DDIM,
    /** Second order, one evaluation per step: the exponential step with a linear denoiser (DPM-Solver++(2M) type). */
    DPM2M,
    /** Third order (Bogacki–Shampine 3(2), first same as last), three evaluations per step, with an embedded error estimate. */
    BS3,
    /** BS3 with PI step-size control on its estimate (rtol, atol): the τ grid gives the output points only. */
    BS3A;

    /** A fresh instance for one worker (an adaptive scheme with the default tolerances). */
    public Integrator create(FlowKernels kernels) { return create(kernels, Tolerances.DEFAULT); }

    /** A fresh instance for one worker; {@code tolerances} matter to an adaptive scheme only (the mode norm without directions). */
    public Integrator create(FlowKernels kernels, Tolerances tolerances) { return create(kernels, tolerances, List.of()); }

    /**
     * A fresh instance for one worker; {@code tolerances} and the target's orthonormal feature
     * {@code directions} (for {@link ErrorNorm#MODE}) matter to an adaptive scheme only.
     */
    public Integrator create(FlowKernels kernels, Tolerances tolerances, List<float[]> directions) {
        return switch (this) {
            case EULER -> new Euler();
            case HEUN -> new Heun(kernels);
            case DDIM -> new Ddim();
            case DPM2M -> new Dpm2m(kernels);
            case BS3 -> new Bs3(kernels);
            case BS3A -> new Bs3Adaptive(kernels, tolerances, directions);
        };
    }

    /** The nominal order of the scheme's global error in the step size (an adaptive scheme: that of the steps it takes). */
    public int order() {
        return switch (this) {
            case EULER, DDIM -> 1;
            case HEUN, DPM2M -> 2;
            case BS3, BS3A -> 3;
        };
    }

    /** Whether the scheme chooses its own steps (its evaluation count then depends on the particle). */
    @Override public boolean adaptive() { return this == BS3A; }

    @Override public IntegratorKind kind() { return this; }

    /** The default norm for {@link #BS3A} (RMS; another is {@link IntegratorSpec.Normed}), null for a fixed-step scheme. */
    @Override public ErrorNorm norm() { return adaptive() ? ErrorNorm.RMS : null; }

    /** Field evaluations of K = {@code steps} steps (the same for every particle; −1 for an adaptive scheme). */
    public int evaluations(int steps, boolean singularAtOne) {
        return create(org.phaseflow.kernel.Kernels.scalar()).evaluations(steps, singularAtOne);
    }

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
