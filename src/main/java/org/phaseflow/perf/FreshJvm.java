package org.phaseflow.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fresh JVM started like this one (its JVM options and class path) running a command line of this
 * program that prints one JSON object: how {@code bench} isolates what it measures from what ran before
 * in its own process (docs/reproducibility.md §3.4, §3.5). {@code child} turns the command's arguments
 * into the main class and its arguments (the command line lives in {@code cli}, which this package does
 * not import).
 */
final class FreshJvm {
    private FreshJvm() {}

    static final long TIMEOUT_S = 600;

    /** Runs {@code args} in a fresh JVM and returns the JSON it printed; {@code what} names it in errors. */
    static JsonNode json(Function<List<String>, List<String>> child, List<String> args, String what) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(child.apply(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("bench: " + what + " did not finish in " + TIMEOUT_S + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new IllegalStateException("bench: " + what + " exited with " + p.exitValue() + ": " + text.strip());
            return BenchReport.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: starting " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench: interrupted while " + what + " ran", e);
        }
    }
}
