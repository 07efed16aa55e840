package org.phaseflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phaseflow.config.Json;
import org.phaseflow.config.RunConfig;
import org.phaseflow.interpolant.Family;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.metrics.Features;
import org.phaseflow.model.MixtureFile;
import org.phaseflow.model.Format;
import org.phaseflow.perf.WarmUpCheck;
import org.phaseflow.plot.ScheduleDensity;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.Uniform;
import org.phaseflow.scheduler.AcceptedSteps;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phaseflow sample}: one configuration, its features against the exact target. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample one configuration with the exact probability-flow field and compare the mode weight "
                + "and the within-mode features with the target's exact values.")
public final class SampleCommand implements Callable<Integer> {
    @Spec CommandSpec commandSpec;

    @Mixin ModelOptions options;

    @Mixin QuietOption quiet = new QuietOption();

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Option(names = "--step-density", paramLabel = "DIR", description = "bs3a only: pool the accepted steps of the first "
            + AcceptedSteps.PARTICLES + " particles (integrated again on one thread) and write their step density beside uniform's and "
            + "dilated's, as steps-MODEL-FAMILY-bs3a-NORM-dD.png and .svg in DIR; --json adds step_density.")
    Path stepDensity;

    @Override
    public Integer call() throws Exception {
        quiet.apply();
        RunConfig config = options.config(commandSpec.commandLine().getParseResult());
        RunSpec spec = config.spec();
        Dilated dilated = stepDensity == null ? null : dilatedBeside(config, spec);
        Samples s;
        WarmUpCheck.Verdict warmUp;
        try (Progress progress = new Progress("sample", spec.particles(), quiet.quiet)) {
            WarmUpCheck check = new WarmUpCheck(progress);
            s = Sampler.run(spec, config.steps(), Recording.PATHS, check);
            warmUp = check.verdict(s.integrationSeconds(), Kernels.compiled());
        }
        Features f = Features.of(s, spec.target());
        Map<String, Object> out = describe(config, spec, s, f, warmUp);
        if (stepDensity != null) {
            Map<String, Object> density = stepDensity(config, spec, dilated, stepDensity, quiet.info(commandSpec.commandLine().getErr()));
            Map<String, Object> ordered = new LinkedHashMap<>();   // before the configuration, beside the other results
            for (Map.Entry<String, Object> e : out.entrySet()) {
                if (e.getKey().equals("config")) ordered.put("step_density", density);
                ordered.put(e.getKey(), e.getValue());
            }
            out = ordered;
        }
        if (json) {
            System.out.println(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            System.out.print(summary(spec, config, s, f));
            if (warmUp.dominated()) System.out.printf("  warm-up dominated, not the kernels' steady rate: %s%n", warmUp.reason());
        }
        return 0;
    }

    /**
     * The JSON record of one run: the configuration, then p̂ and each low-level feature as
     * {@code NAME_hat}, {@code NAME_hat_se} and {@code target_NAME} (the two-mode GM: sigma; CW: m; a
     * mixture: sigma[c] for each component c), then the timing. {@code nfe} is the field evaluations per
     * particle (an integer for a fixed-step scheme, else the mean over the particles); an adaptive scheme
     * adds its tolerances, the largest count and the mean accepted and rejected steps per particle;
     * {@code warm_up_dominated} and {@code steady_integration_s} are {@link WarmUpCheck}'s verdict.
     */
    static Map<String, Object> describe(RunConfig config, RunSpec spec, Samples s, Features f, WarmUpCheck.Verdict warmUp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", spec.target().model().toString());
        m.put("family", spec.interpolant().family().toString());
        m.put("shape", spec.interpolant().shape().toString());
        m.put("s0", spec.interpolant().s0());
        m.put("schedule", spec.schedule().id());
        m.put("k", config.k());
        m.put("integrator", spec.integrator().toString());
        m.put("dim", spec.dim());
        m.put("particles", spec.particles());
        m.put("steps", s.steps());
        m.put("nfe", nfe(s));
        if (spec.integrator().adaptive()) {
            m.put("rtol", spec.tolerances().rtol());
            m.put("atol", spec.tolerances().atol());
            m.put("error_norm", spec.tolerances().norm().toString());
            m.put("nfe_max", java.util.Arrays.stream(s.nfe()).max().orElse(0));
            m.put("steps_accepted", s.meanAccepted());
            m.put("steps_rejected", s.meanRejected());
        }
        m.put("seed", spec.seed());
        m.put("threads", spec.threads());
        m.put("kernels", Kernels.preferred().name());
        m.put("phat", f.phat());
        m.put("phat_se", f.phatSe());
        m.put("phat_ci_lo", f.phatCiLo());
        m.put("phat_ci_hi", f.phatCiHi());
        m.put("target_p", f.targetP());
        m.put("target_p_se", f.high().exactSe());
        m.put("phat_z", f.phatZ());
        for (Features.Estimate e : f.low()) {
            m.put(e.name() + "_hat", e.value());
            m.put(e.name() + "_hat_se", e.se());
            m.put("target_" + e.name(), e.exact());
            m.put("target_" + e.name() + "_se", e.exactSe());
            m.put(e.name() + "_z", e.z());
        }
        m.put("elapsed_s", s.wallSeconds());
        m.put("integration_s", s.integrationSeconds());
        m.put("element_steps_per_s", elementSteps(spec, s) / s.integrationSeconds());
        m.put("warm_up_dominated", warmUp.dominated());   // docs/reproducibility.md §3.4
        m.put("steady_integration_s", Double.isNaN(warmUp.steadySeconds()) ? null : warmUp.steadySeconds());
        // the full configuration as typed records (every parameter of the target, schedule and run), the
        // mixture file's SHA-256, and where the result came from
        m.put("config", config);
        if (config.target().mixture() != null) m.put("mixture_sha256", MixtureFile.sha256(Path.of(config.target().mixture())));
        m.put("provenance", Provenance.describe());
        return m;
    }

    /**
     * The dilated schedule the step density is drawn beside (the run's k), refused before any work
     * when --step-density names a file or the dilated schedule cannot be built for this d and k.
     */
    private Dilated dilatedBeside(RunConfig config, RunSpec spec) {
        if (Files.exists(stepDensity) && !Files.isDirectory(stepDensity)) {
            throw new IllegalArgumentException("--step-density " + stepDensity + " is a file; give a directory");
        }
        if (spec.schedule() instanceof Dilated d) return d;
        try {
            return new Dilated(spec.interpolant(), spec.dim(), config.k());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--step-density " + stepDensity + " draws the dilated schedule beside the steps, and "
                    + e.getMessage(), e);
        }
    }

    /**
     * --step-density: pools the accepted steps of the first particles ({@link AcceptedSteps}), writes
     * their step density beside uniform's and dilated's, says on {@code info} how many were pooled and
     * what share of them lies in the dilated window, beside uniform's and dilated's shares of their
     * steps there (docs/mathematics.md §6.3), and returns the JSON object {@code step_density}.
     */
    static Map<String, Object> stepDensity(RunConfig config, RunSpec spec, Dilated dilated, Path dir, java.io.PrintWriter info)
            throws java.io.IOException {
        AcceptedSteps pool = AcceptedSteps.pool(spec, config.steps());
        double[] w = dilated.window();
        double share = pool.share(w[0], w[1]), uniform = dilated.windowLength(), half = 0.5;   // dilated: half its t, §5.3
        double tb = dilated.kinkTau();
        boolean vp = spec.interpolant().family() == Family.VP;
        String window = vp ? "τ ≤ k/√d" : "a(τ) ≤ k", norm = spec.tolerances().norm().toString();
        Files.createDirectories(dir);
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        schedules.put("uniform", new Uniform());
        schedules.put("dilated (k = " + dilated.k() + ")", dilated);
        schedules.put("bs3a accepted steps", pool.schedule());
        String base = "steps-" + spec.target().model() + "-" + spec.interpolant().family() + "-bs3a-" + norm + "-d" + spec.dim();
        List<Path> files = ScheduleDensity.write(schedules, List.of("Where bs3a puts its accepted steps, beside uniform and dilated",
                spec.target().describe() + " · " + spec.interpolant().family() + "/" + spec.interpolant().shape() + " · bs3a (rtol "
                        + plain(spec.tolerances().rtol()) + ", atol " + plain(spec.tolerances().atol()) + ", " + norm + " norm) · d = "
                        + spec.dim() + " · " + pool.count() + " steps of " + pool.particles() + " particles, " + config.steps() + " output interval"
                        + (config.steps() == 1 ? "" : "s") + " (" + spec.schedule().id() + ")"), dir, base);
        String where = vp ? String.format(Locale.ROOT, "τ ≤ k/√d = %.4g", tb) : String.format(Locale.ROOT, "a(τ) ≤ k, τ ≥ %.6g", tb);
        info.printf(Locale.ROOT, "sample: step density: %d accepted steps of the first %d particles, %.4f of them in the dilated window %s "
                        + "(%d end there; uniform: %.4f of its steps, dilated: %.4f); wrote %s and .svg in %s%n",
                pool.count(), pool.particles(), share, where, pool.endingIn(w[0], w[1]), uniform, half, files.get(0).getFileName(), dir);
        info.flush();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("particles_pooled", pool.particles());
        m.put("steps_pooled", pool.count());
        m.put("knots", AcceptedSteps.KNOTS);
        m.put("k", dilated.k());
        m.put("window", window);
        m.put("window_tau", List.of(w[0], w[1]));
        m.put("share_in_window", share);
        m.put("steps_ending_in_window", pool.endingIn(w[0], w[1]));
        m.put("uniform_share_in_window", uniform);
        m.put("dilated_share_in_window", half);
        m.put("files", files.stream().map(p -> p.getFileName().toString()).toList());
        return m;
    }

    /** 0.001, 1E-6: a tolerance as short as it reads. */
    private static String plain(double v) { return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toString(); }

    /** Coordinates advanced, step by step: N · d · K, or for an adaptive scheme its accepted steps in place of K (not the output points). */
    static double elementSteps(RunSpec spec, Samples s) {
        double steps = spec.integrator().adaptive() ? s.meanAccepted() : s.steps();
        return (double) spec.particles() * spec.dim() * steps;
    }

    /** Evaluations per particle: the common count, or the mean when particles differ. */
    static Number nfe(Samples s) {
        int common = s.commonNfe();
        return common >= 0 ? (Number) common : (Number) s.meanNfe();
    }

    private static String summary(RunSpec spec, RunConfig config, Samples s, Features f) {
        StringBuilder b = new StringBuilder(String.format(
                "%s %s/%s (s0 = %.4g), %s schedule%s, %s, d = %d, N = %d, K = %d (%s field evaluations per particle), seed %d, %d threads%n",
                spec.target().model(), spec.interpolant().family(), spec.interpolant().shape(), spec.interpolant().s0(),
                spec.schedule().id(), config.schedule().usesK() ? String.format(" (k = %s)", config.k()) : "",
                spec.integrator(), spec.dim(), spec.particles(), s.steps(),
                s.commonNfe() >= 0 ? Integer.toString(s.commonNfe()) : String.format("%.1f", s.meanNfe()), spec.seed(), spec.threads()));
        if (spec.integrator().adaptive()) {
            b.append(String.format(Locale.ROOT, "  adaptive (rtol %.3g, atol %.3g, %s norm): %.1f accepted and %.1f rejected steps per particle, "
                            + "%.1f field evaluations on average (at most %d)%n", spec.tolerances().rtol(), spec.tolerances().atol(),
                    spec.tolerances().norm(), s.meanAccepted(), s.meanRejected(), s.meanNfe(), java.util.Arrays.stream(s.nfe()).max().orElse(0)));
        }
        // no plug-in ± for p̂: it is 0 exactly when a mode is lost; the Wilson interval keeps its width there
        b.append(String.format("  p̂ = %.4f, 95 %% interval [%.4f, %.4f]   target %.4f   (%+.1f standard errors at the target)%n",
                f.phat(), f.phatCiLo(), f.phatCiHi(), f.targetP(), f.phatZ()));
        for (Features.Estimate e : f.low()) {
            if (e.count() == 0) {   // a component no sample ended in: no spread to estimate (NaN ± NaN would read as a bug)
                b.append(String.format("  %ŝ: no sample ended in this component   target %.4f%n", e.symbol(), e.exact()));
                continue;
            }
            b.append(String.format("  %ŝ = %.4f ± %.2g   target %.4f   (relative error %+.2f %%, %+.1f standard errors of exact samples)%s%n",
                    e.symbol(), e.value(), e.se(), e.exact(), 100 * (e.value() / e.exact() - 1), e.z(),
                    f.low().size() > 1 ? String.format(Locale.ROOT, "   from %d samples", e.count()) : ""));
        }
        b.append(String.format("  %.3f s (integration %.3f s), %.3g element-steps/s, kernels %s%n", s.wallSeconds(), s.integrationSeconds(),
                elementSteps(spec, s) / s.integrationSeconds(), Kernels.preferred().name()));
        return b.toString();
    }
}
