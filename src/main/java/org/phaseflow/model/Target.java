package org.phaseflow.model;

import java.util.SplittableRandom;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/**
 * A target distribution with its exact field and the two features the paper measures: the
 * high-level one (the weight of the + mode) and the low-level one (the within-mode spread for GM,
 * the magnetisation for CW). DESIGN.md §1, "What is measured".
 */
public interface Target {

    /** "gm" or "cw". */
    String model();

    int dim();

    /** A fresh field for one worker. */
    ExactField field(Interpolant interpolant, FlowKernels kernels);

    /** True when the field is singular at τ = 1 (discrete targets): no integrator may evaluate it there. */
    boolean singularAtOne();

    /** The exact weight of the + mode (p for GM, W+ for CW). */
    double targetHigh();

    /** The exact low-level feature (σ for GM, m for CW). */
    double targetLow();

    /** Name of the low-level feature: "sigma" or "m". */
    String lowName();

    /** The features of one final sample. */
    Outcome outcome(float[] x, int off);

    /** Draws one sample of the target itself into x[off..off+d) (for figures and tests). */
    void sampleTarget(SplittableRandom random, float[] x, int off);

    /** Mode means of the projection {@link Outcome#projection()} (for figures). */
    double[] projectionModes();

    /**
     * The features of one final sample: which mode it fell in, its low-level value (GM: mean
     * squared deviation from its mode's mean, per coordinate; CW: |mean_i sign(x_i)|), and a scalar
     * projection for histograms (GM: u·x/d; CW: mean_i sign(x_i)).
     */
    record Outcome(boolean plus, double low, double projection) {}
}
