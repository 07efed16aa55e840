package org.phaseflow.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.phaseflow.kernel.Kernels;

/** Where a result came from: version, git commit, JVM, CPU, kernels. */
final class Provenance {
    private Provenance() {}

    static final String VERSION = "0.1.0";

    /** Short git commit of the working directory ("-dirty" with uncommitted changes), or "unknown". */
    static String gitCommit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head == null || !head.strip().matches("[0-9a-f]{4,40}")) return "unknown";
        String status = git("status", "--porcelain", "--untracked-files=no");
        return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
    }

    /**
     * The checkout phaseflow runs from: the folder above the jar's (or the classes') {@code target},
     * so the commit is phaseflow's own whatever the working directory; null when it cannot be told.
     */
    static Path checkout() {
        try {
            Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();   // code is target/phaseflow.jar or target/classes
            Path root = target == null ? null : target.getParent();
            return root != null && Files.isDirectory(root) ? root : null;
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
            Path dir = checkout();
            if (dir != null) b.directory(dir.toFile());
            Process p = b.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The CPU's model name (Linux), else the architecture. */
    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** What {@code phaseflow -V} prints. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"phaseflow " + VERSION + " (git commit " + gitCommit() + ")",
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")};
        }
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phaseflow", VERSION);
        m.put("git_commit", gitCommit());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpu());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("kernels", Kernels.preferred().name());
        return m;
    }
}
