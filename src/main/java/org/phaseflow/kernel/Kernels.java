package org.phaseflow.kernel;

import java.util.logging.Logger;

/**
 * Chooses the kernel implementation once, at start-up: the Vector API form when the incubator
 * module is present and the preferred species has more than one float lane, else the scalar form.
 * {@code -Dphaseflow.kernels=scalar} forces the fallback. One log line says which was chosen.
 */
public final class Kernels {
    private static final Logger LOG = Logger.getLogger(Kernels.class.getName());
    private static final FlowKernels PREFERRED = choose();

    private Kernels() {}

    /** The implementation chosen at start-up. */
    public static FlowKernels preferred() { return PREFERRED; }

    /** True when the Vector API form was selected. */
    public static boolean vectorized() { return PREFERRED instanceof VectorKernels; }

    /** The scalar twin. */
    public static FlowKernels scalar() { return new ScalarKernels(); }

    /** The Vector API form, or an exception saying why it cannot be had. */
    public static FlowKernels vector() {
        return new VectorKernels();
    }

    private static FlowKernels choose() {
        if ("scalar".equals(System.getProperty("phaseflow.kernels"))) {
            LOG.info("kernels: scalar (forced by -Dphaseflow.kernels=scalar)");
            return new ScalarKernels();
        }
        try {
            FlowKernels v = new VectorKernels();
            if (VectorKernels.L < 2) {
                LOG.info("kernels: scalar (the preferred vector species has one float lane)");
                return new ScalarKernels();
            }
            LOG.info("kernels: " + v.name());
            return v;
        } catch (LinkageError e) {
            LOG.warning("kernels: scalar (Vector API unavailable: " + e + "; run with --add-modules jdk.incubator.vector)");
            return new ScalarKernels();
        }
    }
}
