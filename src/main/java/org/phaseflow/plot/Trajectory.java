package org.phaseflow.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.phaseflow.config.RunConfig;
import org.phaseflow.metrics.Features;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * One run drawn as the paper draws it: NAME-paths (M_t of many particles), NAME-coords (X_t^i of a few
 * coordinates of a few particles) and NAME-final (the final projection per mode over the exact law;
 * for a continuous target the standardised within-mode coordinates against N(0, 1)). Keeps M_t of
 * every particle (N×(K+1) floats), X_t^i of the traced ones only, and the final states of a few.
 */
public final class Trajectory {
    private Trajectory() {}

    /** What to draw and where. */
    public record Options(Path out, String name, int paths, int traceParticles, int[] coords, int finalStates,
                          List<ImageFormat> formats) {
        public Options {
            coords = coords.clone();
            formats = List.copyOf(formats);
        }
    }

    /** What one run drew. */
    public record Drawn(String name, RunConfig config, int traceParticles, int[] coords, int finalStates,
                        RunFigures figures, Features features, List<Path> files) {}

    /** The default file name prefix of a run: MODEL-FAMILY-SCHEDULE, e.g. gm-vp-dilated. */
    public static String defaultName(RunConfig c) {
        return c.target().model() + "-" + c.family() + "-" + c.schedule().slug();
    }

    /** Checks the run and the options before any work; returns the file name prefix. */
    public static String check(RunConfig config, RunSpec spec, Options o) {
        positive("--paths", o.paths());
        positive("--trace-particles", o.traceParticles());
        if (o.finalStates() < 0) throw new IllegalArgumentException("--final-states must not be negative, got " + o.finalStates());
        if (o.coords().length == 0) throw new IllegalArgumentException("--coords needs at least one coordinate");
        for (int c : o.coords()) {
            if (c < 0 || c >= spec.dim()) {
                throw new IllegalArgumentException("--coords " + c + " is not a coordinate (allowed: 0 to " + (spec.dim() - 1) + ")");
            }
        }
        if (o.formats().isEmpty()) throw new IllegalArgumentException("--formats needs at least one format");
        String prefix = o.name() == null ? defaultName(config) : o.name();
        if (prefix.isBlank() || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--name '" + prefix + "' is not allowed (letters, digits, '.', '_' and '-' only)");
        }
        return prefix;
    }

    private static void positive(String option, int v) {
        if (v <= 0) throw new IllegalArgumentException(option + " must be a positive integer, got " + v);
    }

    /** Samples the run and writes its pictures. */
    public static Drawn draw(RunConfig config, Options o, LongConsumer progress) throws IOException {
        RunSpec spec = config.spec();
        String prefix = check(config, spec, o);
        Recording rec = new Recording(true, o.traceParticles(), o.coords(), false, o.finalStates());
        Samples s = Sampler.run(spec, config.steps(), rec, progress);
        Features f = Features.of(s, spec.target());
        RunFigures figs = new RunFigures(spec, s, f, spec.schedule().times(config.steps()), o.coords());
        Files.createDirectories(o.out());
        List<Path> files = new ArrayList<>();
        write(figs.meanPaths(o.paths()), o, prefix + "-paths", files);
        write(figs.coordinates(), o, prefix + "-coords", files);
        write(figs.finals(), o, prefix + "-final", files);
        return new Drawn(prefix, config, Math.min(o.traceParticles(), spec.particles()), o.coords(),
                Math.min(o.finalStates(), spec.particles()), figs, f, files);
    }

    private static void write(Figure fig, Options o, String base, List<Path> files) throws IOException {
        for (ImageFormat f : o.formats()) {
            Path p = o.out().resolve(base + "." + f);
            if (f == ImageFormat.PNG) fig.writePng(p);
            else fig.writeSvg(p);
            files.add(p);
        }
    }
}
