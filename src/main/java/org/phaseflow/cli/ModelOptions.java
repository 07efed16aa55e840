package org.phaseflow.cli;

import java.nio.file.Path;
import org.phaseflow.config.Direction;
import org.phaseflow.config.Paper;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleSpec;
import picocli.CommandLine.Option;

/** The options that fix one sampling run, shared by sample and trajectory: they parse into a {@link RunConfig}. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "gm", description = "${COMPLETION-CANDIDATES}: two-mode Gaussian mixture or Curie–Weiss. Default: ${DEFAULT-VALUE}.")
    ModelKind model;

    @Option(names = "--family", defaultValue = "vp", description = "${COMPLETION-CANDIDATES} (VP: s0 = 1, VE: s0 = √d). Default: ${DEFAULT-VALUE}.")
    Family family;

    @Option(names = "--shape", defaultValue = "paper", description = "Noise level a(τ): ${COMPLETION-CANDIDATES} (paper: trig for GM with VP, linear otherwise). Default: ${DEFAULT-VALUE}.")
    ShapeChoice shape;

    @Option(names = "--s0", description = "Initial noise scale, overriding the family's (VP: 1, VE: √d).")
    Double s0;

    @Option(names = "--schedule", defaultValue = "dilated", description = "uniform, dilated, cosine, karras, logsnr, file:PATH or grid:τ0,…,τK (dilated: the paper's; cosine: τ = sin(πt/2), for comparison; "
            + "karras: EDM's ρ-ladder of noise levels, logsnr: uniform in log σ, both with σ_min = 0.002, σ_max = 80, ρ = 7 unless karras:sigma_min=S:sigma_max=S:rho=R says otherwise; "
            + "file: a JSON schedule, {\"knots\": [[t, τ], …]} for any K or {\"tau\": [τ0, …, τK]} an explicit grid; grid: an explicit grid, which fixes --steps). Default: ${DEFAULT-VALUE}.")
    ScheduleSpec schedule;

    @Option(names = "--k", description = "Width parameter of the dilated schedule. Default: " + Paper.K + ".")
    Double k;

    @Option(names = "--integrator", defaultValue = "euler", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    IntegratorKind integrator;

    @Option(names = "--dim", defaultValue = "10000", description = "Dimension d. Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--particles", defaultValue = "2000", description = "Number of samples N. Default: ${DEFAULT-VALUE}.")
    int particles;

    @Option(names = "--steps", description = "Number of integration steps K. Default: 100; an explicit grid's own K.")
    Integer steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: it fixes every number, whatever the thread count. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads. Default: all cores.")
    Integer threads;

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

    static int positive(String option, int v) {
        if (v <= 0) throw new IllegalArgumentException(option + " must be a positive integer, got " + v);
        return v;
    }

    static int threads(Integer threads) {
        return positive("--threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    /** The run these options state; IllegalArgumentException naming the option when they contradict each other. */
    public RunConfig config() {
        if (model == ModelKind.GM) {
            if (beta != null) throw new IllegalArgumentException("--beta applies to --model cw only");
            if (h != null) throw new IllegalArgumentException("--h applies to --model cw only");
            if (mixture != null && (p != null || m != null || sigma != null || direction != null)) {
                throw new IllegalArgumentException("--mixture " + mixture + " replaces --p, --m, --sigma and --direction; give one or the other");
            }
        } else if (p != null || m != null || sigma != null || mixture != null || direction != null) {
            throw new IllegalArgumentException("--p, --m, --sigma, --direction and --mixture apply to --model gm only");
        }
        TargetConfig target = new TargetConfig(model, or(p, Paper.P), or(m, Paper.M), or(sigma, Paper.SIGMA),
                direction == null ? Direction.ONES : direction, mixture == null ? null : mixture.toString(),
                or(beta, Paper.BETA), or(h, Paper.H));
        int n = steps != null ? steps : schedule.fixedSteps() > 0 ? schedule.fixedSteps() : 100;
        return new RunConfig(target, family, shape, s0, schedule, or(k, Paper.K), integrator, dim, particles, n, seed, threads(threads));
    }

    private static double or(Double v, double dflt) { return v == null ? dflt : v; }
}
