package org.phaseflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phaseflow.metrics.Features;
import org.phaseflow.plot.Figure;
import org.phaseflow.plot.RunFigures;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phaseflow trajectory}: one configuration drawn as the paper draws it. */
@Command(name = "trajectory", mixinStandardHelpOptions = true,
        header = "Sample one configuration and draw its paths, traces and final distributions.",
        description = {"Sample one configuration (every option of 'sample') and draw it, PNG and SVG:",
                "  NAME-paths   M_t = (1/d)·Σ_i X_t^i of many particles against t;",
                "  NAME-coords  X_t^i of a few coordinates of a few particles against t;",
                "  NAME-final   the final projection per mode (GM: u·x/d, CW: (1/d)·Σ sign x_i)",
                "               over the exact target law; GM: within-mode coordinates",
                "               against N(0, σ²).",
                "Keeps M_t of every particle (N×(K+1) floats), X_t^i of the traced ones only,",
                "and the final states of a few (GM)."})
public final class TrajectoryCommand implements Callable<Integer> {
    @Spec CommandSpec commandSpec;

    @Mixin ModelOptions options;

    @Option(names = "--out", defaultValue = "results/trajectory", description = "Directory for the pictures. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--name", description = "File name prefix. Default: MODEL-FAMILY-SCHEDULE, e.g. gm-vp-dilated.")
    String name;

    @Option(names = "--paths", defaultValue = "300", description = "How many M_t lines to draw (the first particles). Default: ${DEFAULT-VALUE}.")
    int paths;

    @Option(names = "--trace-particles", defaultValue = "3", description = "How many particles' coordinates X_t^i to draw. Default: ${DEFAULT-VALUE}.")
    int traceParticles;

    @Option(names = "--coords", split = ",", defaultValue = "0,1", description = "Which coordinates i to draw, comma-separated. Default: ${DEFAULT-VALUE}.")
    int[] coords;

    @Option(names = "--final-states", defaultValue = "20",
            description = "GM: how many particles' final coordinates feed the within-mode histogram (each d floats). Default: ${DEFAULT-VALUE}.")
    int finalStates;

    @Option(names = "--formats", split = ",", defaultValue = "png,svg", description = "png, svg or both. Default: ${DEFAULT-VALUE}.")
    List<String> formats;

    /** What one run drew. */
    record Drawn(String name, ModelOptions options, int traceParticles, int[] coords, int finalStates,
                 RunFigures figures, Features features, List<Path> files) {}

    @Override
    public Integer call() throws Exception {
        Drawn d = draw();
        stdout().println(d.figures().configuration());
        stdout().println("  " + d.figures().result());
        for (Path f : d.files()) stdout().println("  wrote " + f);
        return 0;
    }

    /** The default file name prefix of a configuration. */
    String defaultName() {
        return String.join("-", options.model, options.family, options.schedule).toLowerCase(Locale.ROOT);
    }

    Drawn draw() throws IOException {
        RunSpec spec = options.spec();
        if (options.mixture != null) {
            throw new IllegalArgumentException("--mixture " + options.mixture + ": trajectory draws the paper's two-mode GM and the CW"
                    + " model (their exact projection laws); a general mixture's figures are not available");
        }
        ModelOptions.positive("--paths", paths);
        ModelOptions.positive("--trace-particles", traceParticles);
        if (finalStates < 0) throw new IllegalArgumentException("--final-states must not be negative, got " + finalStates);
        if (coords.length == 0) throw new IllegalArgumentException("--coords needs at least one coordinate");
        for (int c : coords) {
            if (c < 0 || c >= spec.dim()) {
                throw new IllegalArgumentException("--coords " + c + " is not a coordinate (allowed: 0 to " + (spec.dim() - 1) + ")");
            }
        }
        for (String f : formats) ModelOptions.oneOf("--formats", f, "png", "svg");
        String prefix = name == null ? defaultName() : name;
        if (prefix.isBlank() || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--name '" + prefix + "' is not allowed (letters, digits, '.', '_' and '-' only)");
        }
        int keep = "gm".equals(spec.target().model()) ? finalStates : 0;
        Recording rec = new Recording(true, traceParticles, coords, false, keep);
        Samples s;
        try (Progress progress = new Progress("trajectory " + prefix, spec.particles())) {
            s = Sampler.run(spec, options.steps, rec, progress);
        }
        Features f = Features.of(s, spec.target());
        RunFigures figs = new RunFigures(spec, s, f, spec.schedule().times(options.steps), coords);
        Files.createDirectories(out);
        List<Path> files = new ArrayList<>();
        write(figs.meanPaths(paths), prefix + "-paths", files);
        write(figs.coordinates(), prefix + "-coords", files);
        write(figs.finals(), prefix + "-final", files);
        return new Drawn(prefix, options, Math.min(traceParticles, spec.particles()), coords.clone(),
                Math.min(keep, spec.particles()), figs, f, files);
    }

    private void write(Figure fig, String base, List<Path> files) throws IOException {
        for (String f : formats) {
            Path p = out.resolve(base + "." + f);
            if (f.equals("png")) fig.writePng(p);
            else fig.writeSvg(p);
            files.add(p);
        }
    }

    /** The command line's output stream (stdout unless a caller set another). */
    private PrintWriter stdout() {
        return commandSpec != null ? commandSpec.commandLine().getOut() : new PrintWriter(System.out, true);
    }
}
