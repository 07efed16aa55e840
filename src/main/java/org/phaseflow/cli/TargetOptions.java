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
    @Option(names = "--m", description = "GM: mode mean scale, μ± = ±m·u, within [0.001, 1000]. Default: " + Paper.M + ".")
    Double m;
    @Option(names = "--sigma", description = "GM: within-mode standard deviation, within [m/1000, 1000·m]. Default: " + Paper.SIGMA + ".")
    Double sigma;
    @Option(names = "--direction", description = "GM: u = ${COMPLETION-CANDIDATES} (random: a fixed random ±1 vector). Default: ones.")
    Direction direction;
    @Option(names = "--mixture", description = "GM: a general mixture from a JSON file ({\"components\": [{\"weight\": w, \"mean\": number or d numbers, \"sigma\": number or d numbers}, …]}) instead of the two-mode preset; p̂ is then the weight of component 0 and each component's spread is measured.")
    Path mixture;
    @Option(names = "--beta", description = "CW: inverse temperature, above 1. Default: " + Paper.BETA + ".")
    Double beta;
    @Option(names = "--h", description = "CW: field h; mode weights W± ∝ e^{±hm}. Default: ½·ln 4.")
    Double h;

    /**
     * The target these options state. Which of them apply to the model is {@link OptionRules}' matter,
     * checked first by the command ({@link #scope}); the values out of range are refused as the target is built.
     */
    public TargetConfig config() {
        return new TargetConfig(model, ModelOptions.or(p, Paper.P), ModelOptions.or(m, Paper.M), ModelOptions.or(sigma, Paper.SIGMA),
                direction == null ? Direction.ONES : direction, mixture == null ? null : mixture.toString(),
                ModelOptions.or(beta, Paper.BETA), ModelOptions.or(h, Paper.H));
    }

    /** The run these options describe, for {@link OptionRules#check}, with its schedule and integrator (or null). */
    OptionRules.Scope scope(org.phaseflow.schedule.ScheduleSpec schedule, org.phaseflow.integrator.IntegratorKind integrator) {
        return OptionRules.Scope.run(model, mixture == null ? null : mixture.toString(), schedule, integrator);
    }
}
