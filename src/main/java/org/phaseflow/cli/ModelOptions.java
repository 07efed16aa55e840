package org.phaseflow.cli;

import org.phaseflow.config.Limits;
import org.phaseflow.config.Paper;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.TargetConfig;
import org.phaseflow.integrator.ErrorNorm;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.Tolerances;
import org.phaseflow.interpolant.Family;
import org.phaseflow.schedule.ScheduleSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The options that fix one sampling run, shared by sample and trajectory: they parse into a {@link RunConfig}. */
public final class ModelOptions {
    @Mixin TargetOptions target = new TargetOptions();

    @Option(names = "--family", defaultValue = "vp", description = "${COMPLETION-CANDIDATES} (VP: s0 = 1, VE: s0 = √d). Default: ${DEFAULT-VALUE}.")
    Family family;

    @Option(names = "--shape", defaultValue = "paper", description = "Noise level a(τ): ${COMPLETION-CANDIDATES} (paper: trig for GM with VP, linear otherwise). Default: ${DEFAULT-VALUE}.")
    ShapeChoice shape;

    @Option(names = "--s0", description = "Initial noise scale, overriding the family's (VP: 1, VE: √d); within [0.001, 1000·√d].")
    Double s0;

    @Option(names = "--schedule", defaultValue = "dilated", description = "uniform, dilated, cosine, karras, logsnr, file:PATH or grid:τ0,…,τK (dilated: the paper's; cosine: τ = sin(πt/2), for comparison; "
            + "karras: EDM's ρ-ladder of noise levels, logsnr: uniform in log σ, both with σ_min = 0.002, σ_max = 80, ρ = 7 unless karras:sigma_min=S:sigma_max=S:rho=R says otherwise; "
            + "file: a JSON schedule, {\"knots\": [[t, τ], …]} for any K or {\"tau\": [τ0, …, τK]} an explicit grid; grid: an explicit grid, which fixes --steps). Default: ${DEFAULT-VALUE}.")
    ScheduleSpec schedule;

    @Option(names = "--k", description = "Width parameter of the dilated schedule (refused with any other). Default: " + Paper.K + ".")
    Double k;

    @Option(names = "--integrator", defaultValue = "euler", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    IntegratorKind integrator;

    @Option(names = "--rtol", description = "bs3a: relative tolerance of a step's error estimate (RMS over the coordinates). Default: 1e-3.")
    Double rtol;

    @Option(names = "--atol", description = "bs3a: absolute tolerance of a step's error estimate. Default: 1e-6.")
    Double atol;

    @Option(names = "--error-norm", description = "bs3a: how a step's error is measured: ${COMPLETION-CANDIDATES} (mode: the larger of rms "
            + "and the projection onto the directions that carry the mode weight). Default: rms.")
    ErrorNorm norm;

    @Option(names = "--dim", defaultValue = "10000", description = "Dimension d. Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--particles", defaultValue = "2000", description = "Number of samples N, at least 2. Default: ${DEFAULT-VALUE}.")
    int particles;

    @Option(names = "--steps", description = "Number of integration steps K. Default: 100; an explicit grid's own K.")
    Integer steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: it fixes every number, whatever the thread count. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads, at most 4 per available processor. Default: all cores.")
    Integer threads;

    static int positive(String option, int v) {
        if (v <= 0) throw new IllegalArgumentException(option + " must be a positive integer, got " + v);
        return v;
    }

    /** --threads, all cores when not given, within {@link Limits#threads}. */
    static int threads(Integer threads) {
        return Limits.threads("--threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    /**
     * The run these options state, after refusing any given option that does not apply to it
     * ({@link OptionRules}); IllegalArgumentException naming the option.
     */
    public RunConfig config(ParseResult parsed) {
        OptionRules.check(parsed, target.scope(schedule, integrator));
        Limits.particles("--particles", particles);
        TargetConfig target = this.target.config();
        int n = steps != null ? steps : schedule.fixedSteps() > 0 ? schedule.fixedSteps() : 100;
        Tolerances d = Tolerances.DEFAULT;   // --rtol, --atol, --error-norm are given only with an adaptive integrator (OptionRules)
        Tolerances tolerances = new Tolerances(or(rtol, d.rtol()), or(atol, d.atol()), norm != null ? norm : d.norm());
        return new RunConfig(target, family, shape, s0, schedule, or(k, Paper.K), integrator, dim, particles, n, seed, threads(threads), tolerances);
    }

    static double or(Double v, double dflt) { return v == null ? dflt : v; }
}
