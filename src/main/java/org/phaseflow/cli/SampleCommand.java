package org.phaseflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.metrics.Features;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phaseflow sample}: one configuration, its features against the exact target. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample one configuration with the exact probability-flow field and compare the mode weight "
                + "and the within-mode feature with the target's exact values.")
public final class SampleCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunSpec spec = options.spec();
        Samples s;
        try (Progress progress = new Progress("sample", spec.particles())) {
            s = Sampler.run(spec, options.steps, Recording.PATHS, progress);
        }
        Features f = Features.of(s, spec.target());
        Map<String, Object> out = describe(spec, options, s, f);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.print(summary(out, f));
        }
        return 0;
    }

    /** The JSON record of one run. */
    static Map<String, Object> describe(RunSpec spec, ModelOptions o, Samples s, Features f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", spec.target().model());
        m.put("family", spec.interpolant().family().id());
        m.put("shape", spec.interpolant().shape().id());
        m.put("s0", spec.interpolant().s0());
        m.put("schedule", spec.schedule().id());
        m.put("k", o.k);
        m.put("integrator", spec.integrator());
        m.put("dim", spec.dim());
        m.put("particles", spec.particles());
        m.put("steps", s.steps());
        m.put("seed", spec.seed());
        m.put("threads", spec.threads());
        m.put("kernels", Kernels.preferred().name());
        m.put("phat", f.phat());
        m.put("phat_se", f.phatSe());
        m.put("target_p", f.targetP());
        String low = f.lowName().equals("sigma") ? "sigma" : "m";
        m.put(low + "_hat", f.low());
        m.put(low + "_hat_se", f.lowSe());
        m.put("target_" + low, f.targetLow());
        m.put("elapsed_s", s.wallSeconds());
        m.put("integration_s", s.integrationSeconds());
        m.put("element_steps_per_s", (double) spec.particles() * spec.dim() * s.steps() / s.integrationSeconds());
        return m;
    }

    private static String summary(Map<String, Object> m, Features f) {
        String low = f.lowName().equals("sigma") ? "σ̂" : "m̂";
        return String.format(
                "%s %s/%s (s0 = %.4g), %s schedule%s, %s, d = %d, N = %d, K = %d, seed %d, %d threads%n"
                        + "  p̂ = %.4f ± %.4f   target %.4f   (%+.1f standard errors)%n"
                        + "  %s = %.4f ± %.4f   target %.4f   (relative error %+.2f %%)%n"
                        + "  %.3f s (integration %.3f s), %.3g element-steps/s, kernels %s%n",
                m.get("model"), m.get("family"), m.get("shape"), (Double) m.get("s0"), m.get("schedule"),
                "dilated".equals(m.get("schedule")) ? String.format(" (k = %s)", m.get("k")) : "",
                m.get("integrator"), m.get("dim"), m.get("particles"), m.get("steps"), m.get("seed"), m.get("threads"),
                f.phat(), f.phatSe(), f.targetP(), f.phatSe() > 0 ? (f.phat() - f.targetP()) / f.phatSe() : 0.0,
                low, f.low(), f.lowSe(), f.targetLow(), 100 * (f.low() / f.targetLow() - 1),
                m.get("elapsed_s"), m.get("integration_s"), m.get("element_steps_per_s"), m.get("kernels"));
    }
}
