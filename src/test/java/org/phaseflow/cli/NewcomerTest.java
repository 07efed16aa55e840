package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.FreshJvm;

/** What a newcomer meets first: the help texts, the README beside them, --quiet, @FILE, the launcher's own commands. */
class NewcomerTest {

    /** Loads JLine's native part, as the progress bar does on a terminal. */
    public static void main(String[] args) {
        org.jline.nativ.JLineNativeLoader.initialize();
        System.out.println("loaded");
    }

    /** JLine's System.load is a restricted method: the launcher's options enable native access for it, so no warnings. */
    @Test
    void theProgressBarsNativeLibraryLoadsWithoutWarnings() throws Exception {
        FreshJvm.Result r = FreshJvm.run(NewcomerTest.class);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("loaded"), r.output());
        assertFalse(r.output().contains("restricted method"), r.output());
        // without the option the JVM warns, so the check above can fail
        List<String> without = new ArrayList<>(FreshJvm.launcherOptions());
        without.removeIf(o -> o.startsWith("--enable-native-access"));
        FreshJvm.Result w = FreshJvm.runWithoutVectorModule(without, NewcomerTest.class);
        assertTrue(w.output().contains("restricted method"), w.output());
    }

    /** At picocli's 80 columns no line of any help is longer, the study's description is not broken inside a word. */
    @Test
    void helpFitsEightyColumnsAndTheStudysTimeAgreesWithTheReadme() throws Exception {
        for (String command : List.of("sample", "study", "optimize", "trajectory", "figures", "bench")) {
            String help = Main.commandLine().getSubcommands().get(command).getUsageMessage();
            for (String line : help.lines().toList()) assertTrue(line.length() <= 80, command + ": " + line);
        }
        String study = Main.commandLine().getSubcommands().get("study").getUsageMessage();
        assertTrue(study.contains("study.csv (one row per setting, d and seed, as soon as known), study.json,"), study);
        assertFalse(study.contains("study.\njson"), study);
        assertFalse(study.contains("(?="), "the synopsis shows the list separator, not its regular expression: " + study);
        String readme = Files.readString(Path.of("README.md"));
        for (String time : List.of("about 5 to 14 min on 2 cores", "512 s", "under a minute")) {
            assertTrue(study.replace('\n', ' ').contains(time), "study --help says " + time);
            assertTrue(readme.contains(time), "README says " + time + " as study --help does");
        }
        assertFalse(readme.contains("~6 min") || readme.contains("about a minute"), "README keeps no other figure for the study's time");
    }

    @Test
    void argumentFilesAreDocumentedAndWork(@TempDir Path dir) throws Exception {
        assertTrue(Main.commandLine().getUsageMessage().contains("@FILE"), "phaseflow --help names @FILE");
        assertTrue(Files.readString(Path.of("README.md")).contains("@FILE"), "README names @FILE");
        Path args = Files.writeString(dir.resolve("args"), "# a small run\n--dim 100 --particles 20\n--steps 4 --threads 1 --json\n");
        SampleCommandTest.Run r = SampleCommandTest.sample("@" + args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"dim\":100") && r.out().contains("\"particles\":20"), r.out());
    }

    /** --quiet keeps a study's row lines and the kernel line off stderr, and its results on stdout. */
    @Test
    void quietKeepsInformationalLinesOffStderr(@TempDir Path dir) throws Exception {
        String[] study = {"study", "--models", "gm", "--families", "vp", "--schedules", "dilated", "--dims", "100", "--seeds", "1",
                "--particles-high", "40", "--particles-low", "4", "--k-cap", "30", "--threads", "1"};
        String loud = stderrOf(study, "--out", dir.resolve("a").toString());
        assertTrue(loud.contains("study: [1/1] gm vp/trig dilated euler d=100"), loud);
        String quiet = stderrOf(study, "--quiet", "--out", dir.resolve("b").toString());
        assertEquals("", quiet);
        assertTrue(Files.exists(dir.resolve("b/study.csv")));
        // the kernel choice is an INFO line of the log, printed once per JVM: a fresh one shows it, or not under --quiet
        String[] sample = {"sample", "--dim", "100", "--particles", "20", "--steps", "4", "--threads", "1"};
        FreshJvm.Result plain = FreshJvm.run(Main.class, sample);
        assertTrue(plain.output().contains("INFO: kernels:"), plain.output());
        FreshJvm.Result q = FreshJvm.run(Main.class, append(sample, "-q"));
        assertEquals(0, q.exitCode(), q.output());
        assertFalse(q.output().contains("INFO"), q.output());
        assertTrue(q.output().contains("p̂ = "), q.output());
    }

    /** ./phaseflow test --help (and help test) is the launcher's own short help, not Maven's. */
    @Test
    void launcherTestHelpIsItsOwn() throws Exception {
        for (String[] cmd : new String[][] {{"test", "--help"}, {"help", "test"}}) {
            Process p = new ProcessBuilder("bash", "phaseflow", cmd[0], cmd[1]).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("usage: ./phaseflow test [-Dtest=CLASS"), String.join(" ", cmd) + ": " + out);
            assertFalse(out.contains("usage: mvn"), out);
        }
    }

    private static String[] append(String[] a, String... more) {
        String[] all = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, all, a.length, more.length);
        return all;
    }

    /** System.err of an in-process run (the study writes its row lines there). */
    private static synchronized String stderrOf(String[] args, String... more) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            SampleCommandTest.Run r = SampleCommandTest.execute(append(args, more));
            assertEquals(0, r.exit(), r.err());
            return err.toString(StandardCharsets.UTF_8) + r.err();
        } finally {
            System.setErr(saved);
        }
    }
}
