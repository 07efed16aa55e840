package org.phaseflow.config;

import java.nio.file.Path;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.MixtureFile;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.scheduler.Sampler;

/**
 * What fixes a target apart from its dimension: the model and its parameters (GM: p, m, σ and the
 * direction, or a mixture file; CW: β and h). Values not used by the model are kept at the paper's.
 *
 * @param mixture a mixture file (GM only), replacing p, m, σ and the direction; null for the preset
 */
public record TargetConfig(ModelKind model, double p, double m, double sigma, Direction direction, String mixture,
                           double beta, double h) {

    public TargetConfig {
        if (model == null) throw new IllegalArgumentException("--model is required");
        if (direction == null) direction = Direction.ONES;
        if (mixture != null && model != ModelKind.GM) throw new IllegalArgumentException("--mixture applies to --model gm only");
    }

    /** The paper's target of a model. */
    public static TargetConfig paper(ModelKind model) {
        return new TargetConfig(model, Paper.P, Paper.M, Paper.SIGMA, Direction.ONES, null, Paper.BETA, Paper.H);
    }

    public TargetConfig withModel(ModelKind other) {
        return new TargetConfig(other, p, m, sigma, direction, other == ModelKind.GM ? mixture : null, beta, h);
    }

    /** The target in dimension d; a random direction is drawn from {@code seed}. */
    public Target build(int dim, long seed) {
        if (model == ModelKind.CW) return new CurieWeiss(dim, beta, h);
        if (mixture != null) {
            Sampler.requireHeap(8L * dim, "--mixture with --dim " + dim, "lower --dim");
            return MixtureFile.read(Path.of(mixture), dim);
        }
        Limits.gmScales(m, sigma);
        if (direction == Direction.ONES) return TwoModeMixture.ones(dim, p, m, sigma);
        Sampler.requireHeap(4L * dim, "--direction random with --dim " + dim, "lower --dim");
        return TwoModeMixture.randomDirection(dim, p, m, sigma, seed ^ 0x5DEECE66DL);
    }
}
