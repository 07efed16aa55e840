package org.phaseflow.cli;

import java.io.PrintWriter;
import org.phaseflow.integrator.NonFiniteGuard.NonFiniteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code phaseflow} command: one subcommand per job. */
@Command(name = "phaseflow", mixinStandardHelpOptions = true, version = "phaseflow 0.1.0",
        description = "Exact probability-flow sampling of high-dimensional generative models, "
                + "and the step cost of their noise schedules.",
        subcommands = {SampleCommand.class, StudyCommand.class, TrajectoryCommand.class, FiguresCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof IllegalArgumentException) {
                err.println(commandLine.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            if (ex instanceof NonFiniteException) {
                err.println(commandLine.getCommandName() + ": stopped: " + ex.getMessage());
                return 3;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
