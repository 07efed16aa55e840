package org.phaseflow.model;

import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/** What every exact field holds: the interpolant a(τ) it is evaluated for and the kernels it runs on. */
abstract class KernelField implements ExactField {
    final Interpolant ip;
    final FlowKernels k;

    KernelField(Interpolant ip, FlowKernels k) {
        this.ip = ip;
        this.k = k;
    }

    /** a(τ)². */
    final double a2(double tau) {
        double a = ip.a(tau);
        return a * a;
    }
}
