package org.phaseflow.cli;

import java.io.PrintWriter;
import java.util.List;
import org.phaseflow.config.Direction;
import org.phaseflow.config.Names;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.NonFiniteGuard.NonFiniteException;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.plot.ImageFormat;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/** The {@code phaseflow} command: one subcommand per job. */
@Command(name = "phaseflow", mixinStandardHelpOptions = true, versionProvider = Provenance.Version.class,
        description = "Exact probability-flow sampling of high-dimensional generative models, "
                + "and the step cost of their noise schedules.",
        footer = {"", "Every command reads options from a file as well: phaseflow study @FILE takes",
                "the options written in FILE (separated by spaces or newlines; a line starting",
                "with # is a comment). --quiet (-q) keeps progress and informational lines off",
                "stderr. The launcher adds: ./phaseflow test [-Dtest=CLASS] runs the test suite",
                "(test --help), ./phaseflow jmh [JMH options] the JMH benchmarks (jmh -h)."},
        subcommands = {SampleCommand.class, StudyCommand.class, OptimizeCommand.class, OrderCommand.class, TrajectoryCommand.class, FiguresCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<? extends Enum<?>> type : NAMED) byName(cl, type);
        cl.registerConverter(ScheduleSpec.class, Main::schedule);
        cl.registerConverter(org.phaseflow.integrator.IntegratorSpec.class, value -> {
            try {
                return org.phaseflow.integrator.IntegratorSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String message = ex.getCause() instanceof TypeConversionException t && ex.getArgSpec() instanceof OptionSpec o
                    ? o.longestName() + " " + t.getMessage() : ex.getMessage();
            err.println(ex.getCommandLine().getCommandName() + ": " + message);
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof IllegalArgumentException) {
                err.println(commandLine.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            if (ex instanceof org.phaseflow.study.TaskFailedException) {   // the rows written so far stay; --resume continues
                err.println(commandLine.getCommandName() + ": " + ex.getMessage() + " (the finished rows are kept: --resume continues)");
                return 1;
            }
            if (ex instanceof NonFiniteException) {
                err.println(commandLine.getCommandName() + ": stopped: " + ex.getMessage());
                return 3;
            }
            throw ex;
        });
        return cl;
    }

    /** The enums the options take, by their lowercase names (picocli's own conversion would also take GM, Gm, …). */
    private static final List<Class<? extends Enum<?>>> NAMED = List.of(ModelKind.class, Family.class, Shape.class,
            ShapeChoice.class, Direction.class, ScheduleKind.class, IntegratorKind.class, ImageFormat.class, StudyCommand.Preset.class,
            org.phaseflow.study.Cost.class, org.phaseflow.integrator.ErrorNorm.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void byName(CommandLine cl, Class type) {
        cl.registerConverter(type, value -> {
            Enum<?> e = Names.find(type, value);
            if (e == null) throw new TypeConversionException("'" + value + "' is not allowed (allowed: " + Names.allowed(type) + ")");
            return e;
        });
    }

    /** A schedule by its text form; a file is read now, so a bad one is refused before any work. */
    private static ScheduleSpec schedule(String value) {
        try {
            ScheduleSpec s = ScheduleSpec.parse(value);
            s.check();
            return s;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
