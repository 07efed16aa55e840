package org.phaseflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phaseflow.config.RunConfig;
import org.phaseflow.plot.ImageFormat;
import org.phaseflow.plot.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phaseflow trajectory}: one configuration drawn as the paper draws it. */
@Command(name = "trajectory", mixinStandardHelpOptions = true,
        header = "Sample one configuration and draw its paths, traces and final distributions.",
        description = {"Sample one configuration (every option of 'sample', --mixture included) and draw it, PNG and SVG:",
                "  NAME-paths   M_t = (1/d)·Σ_i X_t^i of many particles against t;",
                "  NAME-coords  X_t^i of a few coordinates of a few particles against t;",
                "  NAME-final   the final projection per mode (GM: u·x/d, CW: (1/d)·Σ sign x_i,",
                "               a mixture: (1/d)·Σ x_i) over the exact target law; for a Gaussian",
                "               target the standardised within-mode coordinates against N(0, 1).",
                "Keeps M_t of every particle (N×(K+1) floats), X_t^i of the traced ones only,",
                "and the final states of a few."})
public final class TrajectoryCommand implements Callable<Integer> {
    @Spec CommandSpec commandSpec;

    @Mixin ModelOptions options;

    @Mixin QuietOption quiet = new QuietOption();

    @Option(names = "--out", defaultValue = "out/trajectory", description = "Directory for the pictures. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--force", description = "Replace pictures of the same --name already in --out (refused without it).")
    boolean force;

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

    @Option(names = "--formats", split = ",", defaultValue = "png,svg", description = "${COMPLETION-CANDIDATES}, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<ImageFormat> formats;

    @Override
    public Integer call() throws Exception {
        quiet.apply();
        RunConfig config = options.config(commandSpec.commandLine().getParseResult());
        Trajectory.Options o = new Trajectory.Options(out, name, paths, traceParticles, coords, finalStates, formats);
        String prefix = Trajectory.check(config, config.spec(), o);
        OutputDir.checkWritable("--out", out);
        OutputDir.claimFiles("--out", files(o, prefix), force);
        Trajectory.Drawn d;
        try (Progress progress = new Progress("trajectory " + (name == null ? Trajectory.defaultName(config) : name), config.particles(), quiet.quiet)) {
            d = Trajectory.draw(config, o, progress);
        }
        stdout().println(d.figures().configuration());
        stdout().println("  " + d.figures().result());
        for (Path f : d.files()) stdout().println("  wrote " + f);
        return 0;
    }

    /** The pictures a run named {@code prefix} writes. */
    static List<Path> files(Trajectory.Options o, String prefix) {
        List<Path> files = new java.util.ArrayList<>();
        for (String kind : new String[] {"paths", "coords", "final"}) {
            for (ImageFormat f : o.formats()) files.add(o.out().resolve(prefix + "-" + kind + "." + f));
        }
        return files;
    }

    /** The command line's output stream (stdout unless a caller set another). */
    private PrintWriter stdout() {
        return commandSpec != null ? commandSpec.commandLine().getOut() : new PrintWriter(System.out, true);
    }
}
