package org.phaseflow.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/**
 * {@code --quiet}, shared by every command: no progress and no informational lines on stderr (the
 * kernel choice, a study's row lines, "resuming"); the results on stdout, warnings and errors stay.
 */
final class QuietOption {
    /** Held so the level set on it stays (java.util.logging keeps loggers only weakly). */
    private static final Logger PHASEFLOW = Logger.getLogger("org.phaseflow");

    @Option(names = {"-q", "--quiet"}, description = "No progress and no informational lines on stderr; results, warnings and errors stay.")
    boolean quiet;

    /** Applies the choice to the log (INFO lines off or on) and returns it. */
    boolean apply() {
        PHASEFLOW.setLevel(quiet ? Level.WARNING : null);
        return quiet;
    }

    /** Where informational lines go: {@code err}, or nowhere under --quiet. */
    PrintWriter info(PrintWriter err) {
        return quiet ? new PrintWriter(OutputStream.nullOutputStream()) : err;
    }
}
