package org.phaseflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a new JVM (the JDK running the tests), for checks that
 * need code the JIT has not compiled yet. {@link #run} and {@link #runWith} start it with the
 * launcher's own JVM options (src/main/jvm/launcher.options: the Vector API module, the GC, 64-byte
 * alignment), so the checks see what users run.
 */
public final class FreshJvm {
    private FreshJvm() {}

    /** Exit code and combined output of the run. */
    public record Result(int exitCode, String output) {}

    public static Result run(Class<?> main, String... args) throws IOException, InterruptedException {
        return runWith(List.of("-Xmx512m"), main, args);
    }

    /** The launcher's JVM options, as {@code ./phaseflow} reads them. */
    public static List<String> launcherOptions() throws IOException {
        Path file = Path.of("src", "main", "jvm", "launcher.options");
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** With the launcher's options and then these. */
    public static Result runWith(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(launcherOptions());
        options.addAll(jvmOptions);
        return runWithoutVectorModule(options, main, args);
    }

    /** With these JVM options only: without the Vector API module unless they add it (a plain {@code java -jar}). */
    public static Result runWithoutVectorModule(List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Process p = command(jvmOptions, main, args).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(main.getName() + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * Starts the main class with the launcher's options and leaves the process to the caller (to kill it
     * mid-run); its output is discarded.
     */
    public static Process start(Class<?> main, String... args) throws IOException {
        List<String> options = new ArrayList<>(launcherOptions());
        options.add("-Xmx512m");
        return command(options, main, args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static ProcessBuilder command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
