package org.phaseflow.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/**
 * A target distribution that describes itself: its exact field, its modes and their exact weights,
 * how a sample is assigned to a mode, its low-level features, and the exact law of its final
 * projection (docs/mathematics.md §2, §3, §7). Nothing outside the model package needs to know which
 * target it holds.
 *
 * <p>The high-level feature is the weight of mode 0 ("+" for the two-mode targets, component 0 of a
 * mixture); the low-level features are the target's {@link #lowFeatures()}.
 */
public interface Target {

    /** Which model family: the presets' and the mixture's. */
    ModelKind model();

    int dim();

    /** A fresh field for one worker. */
    ExactField field(Interpolant interpolant, FlowKernels kernels);

    /** True when the field is singular at τ = 1 (discrete targets): no integrator may evaluate it there. */
    boolean singularAtOne();

    /** One line for people, e.g. "GM (p = 0.8, m = 1, σ = 0.1)". */
    String describe();

    /** The target's parameters, for results files (JSON-ready values). */
    Map<String, Object> parameters();

    /** A mode: its name, its exact weight and where the mean coordinate (1/d)·Σ x_i of its samples sits. */
    record Mode(String name, double weight, double meanCoordinate) {}

    /** The modes, mode 0 first (its weight is the high-level feature). */
    List<Mode> modes();

    /** The exact weight of mode 0: the high-level feature's target value. */
    default double targetHigh() { return modes().get(0).weight(); }

    /** The low-level features, in the order of results files. */
    List<Feature> lowFeatures();

    /**
     * The features of one final sample: the mode it is assigned to, its low-level value (the per-sample
     * statistic its features pool: see {@link Feature.Kind}), and the scalar projection of the figures.
     */
    record Outcome(int mode, double low, double projection) {}

    Outcome outcome(float[] x, int off);

    /** The exact law of {@link Outcome#projection()} for samples of the target itself. */
    ProjectionLaw projectionLaw();

    /** How the projection is written on a figure's axis, e.g. "u·x/d". */
    String projectionLabel();

    /**
     * For a continuous target, writes the standardised within-mode deviations (x_i − μ_c,i)/σ_c,i of a
     * sample assigned to mode c into out[0..d) and returns true (exact samples give N(0, 1)); a
     * discrete target returns false.
     */
    default boolean standardisedDeviations(float[] x, int off, int mode, double[] out) { return false; }

    /** Draws one sample of the target itself into x[off..off+d) (for figures and tests). */
    void sampleTarget(SplittableRandom random, float[] x, int off);

    /**
     * An orthonormal basis of the directions along which the modes differ, the ones that carry the
     * high-level feature (for an adaptive scheme's mode norm, docs/mathematics.md §6.3): by default the
     * all-ones direction 1/√d, along which the mean coordinate moves.
     */
    default List<float[]> featureDirections() { return Directions.orthonormal(List.of(Directions.ones(dim()))); }

    /**
     * What tells the modes apart, for the optimizer's mode indicator (docs/mathematics.md §5.8): their
     * mean coordinate (1/d)·Σ x_i, or their spread (components with the same mean and different σ are
     * told apart by the squared norm alone), or both. A target separated by
     * {@link Separation#SPREAD} has fields that give their posterior weights ({@link ExactField#posteriorWeights}).
     */
    enum Separation { MEAN, SPREAD }

    /** By default the mean coordinate: the presets' modes sit at ±m in every coordinate. */
    default Set<Separation> separatedBy() { return EnumSet.of(Separation.MEAN); }
}
