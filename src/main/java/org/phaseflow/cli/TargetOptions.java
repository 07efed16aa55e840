package org.phaseflow.cli;

import java.nio.file.Path;
import org.phaseflow.config.Direction;
import org.phaseflow.config.Paper;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.model.ModelKind;
import picocli.CommandLine.Option;

/** The options that fix a target (the model and its parameters), shared by sample, trajectory and optimize. */
public final class TargetOptions {
    @Option(names = "--model", defaultValue = "gm", description = "${COMPLETION-CANDIDATES}: two-mode Gaussian mixture or Curie–Weiss. Default: ${DEFAULT-VALUE}.")
    ModelKind model;
    @Option(names = "--p", description = "GM: weight of the + mode. Default: " + Paper.P + ".")
    Double p;
    @Option(names = "--m", description = "GM: mode mean scale, μ± = ±m·u. Default: " + Paper.M + ".")
    Double m;
    @Option(names = "--sigma", description = "GM: within-mode standard deviation. Default: " + Paper.SIGMA + ".")
    Double sigma;
    @Option(names = "--direction", description = "GM: u = ${COMPLETION-CANDIDATES} (random: a fixed random ±1 vector). Default: ones.")
    Direction direction;
    @Option(names = "--mixture", description = "GM: a general mixture from a JSON file ({\"components\": [{\"weight\": w, \"mean\": number or d numbers, \"sigma\": number or d numbers}, …]}) instead of the two-mode preset; p̂ is then the weight of component 0 and each component's spread is measured.")
    Path mixture;
    @Option(names = "--beta", description = "CW: inverse temperature, above 1. Default: " + Paper.BETA + ".")
    Double beta;
    @Option(names = "--h", description = "CW: field h; mode weights W± ∝ e^{±hm}. Default: ½·ln 4.")
    Double h;

    /** The target these options state; IllegalArgumentException naming the option when they contradict each other. */
    public TargetConfig config() {
        if (model == ModelKind.GM) {
            if (beta != null) throw new IllegalArgumentException("--beta applies to --model cw only");
            if (h != null) throw new IllegalArgumentException("--h applies to --model cw only");
            if (mixture != null && (p != null || m != null || sigma != null || direction != null)) {
                throw new IllegalArgumentException("--mixture " + mixture + " replaces --p, --m, --sigma and --direction; give one or the other");
            }
        } else if (p != null || m != null || sigma != null || mixture != null || direction != null) {
            throw new IllegalArgumentException("--p, --m, --sigma, --direction and --mixture apply to --model gm only");
        }
        return new TargetConfig(model, ModelOptions.or(p, Paper.P), ModelOptions.or(m, Paper.M), ModelOptions.or(sigma, Paper.SIGMA),
                direction == null ? Direction.ONES : direction, mixture == null ? null : mixture.toString(),
                ModelOptions.or(beta, Paper.BETA), ModelOptions.or(h, Paper.H));
    }
}
