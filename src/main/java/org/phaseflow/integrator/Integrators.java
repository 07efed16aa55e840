package org.phaseflow.integrator;

import org.phaseflow.kernel.FlowKernels;

/** The integrators by name. */
public final class Integrators {
    private Integrators() {}

    public static final String NAMES = "euler, heun, ddim";

    public static Integrator create(String name, FlowKernels kernels) {
        return switch (name) {
            case "euler" -> new Euler();
            case "heun" -> new Heun(kernels);
            case "ddim" -> new Ddim();
            default -> throw new IllegalArgumentException("unknown integrator '" + name + "' (allowed: " + NAMES + ")");
        };
    }
}
