package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.FreshJvm;

/**
 * Crash safety, as a user meets it: a study in its own JVM killed with SIGKILL once some rows are on
 * disk, then resumed, ends with the same rows as a study that was never interrupted, and says it was
 * resumed. Whatever the kill cut (between rows or inside one), no finished row is lost or repeated.
 */
class CrashResumeTest {

    private static final String[] PLAN = {"--models", "gm", "--families", "vp", "--schedules", "uniform,dilated",
            "--dims", "100,200,400,800", "--seeds", "2", "--particles-high", "200", "--particles-low", "8",
            "--k-cap", "2000", "--threads", "1"};
    private static final int ROWS = 2 * 4 * 2;

    @Test
    void aStudyKilledMidRunResumesToTheRowsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path killed = dir.resolve("killed"), whole = dir.resolve("whole");
        Process p = FreshJvm.start(Main.class, with(new String[] {"study"}, with(PLAN, "--out", killed.toString())));
        Path csv = killed.resolve("study.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (dataLines(csv) < 2 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int onDisk = dataLines(csv);
        assertTrue(onDisk >= 2 && onDisk < ROWS, "killed mid-run: " + onDisk + " of " + ROWS + " lines on disk");

        SampleCommandTest.Run resumed = StudyCommandTest.study(with(PLAN, "--out", killed.toString(), "--resume"));
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(0, StudyCommandTest.study(with(PLAN, "--out", whole.toString())).exit());

        assertEquals(rows(whole.resolve("study.csv")), rows(csv), "the resumed study's rows are the uninterrupted study's");
        JsonNode json = new ObjectMapper().readTree(killed.resolve("study.json").toFile());
        assertTrue(json.get("resumed").asBoolean(), json.toString());
        assertTrue(json.get("rows_resumed").asInt() >= 1, json.toString());
        assertTrue(json.get("elapsed_total_s").asDouble() >= json.get("elapsed_s").asDouble(), json.toString());
    }

    /** A cluster that gives up on a task: one line naming why, exit 1, the finished rows kept for --resume. */
    @Test
    void aFailedTaskStopsTheStudyWithOneLineAndKeepsTheRows(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s");
        SampleCommandTest.Run r = StudyCommandTest.study(with(PLAN, "--runner", "failing", "--out", out.toString()));
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("study: ") && !l.startsWith("study: [")).toList();
        assertEquals(List.of("study: failing: the study stops: lost every executor (the finished rows are kept: --resume continues)"), lines, r.err());
        assertEquals(1, dataLines(out.resolve("study.csv")));
        SampleCommandTest.Run resumed = StudyCommandTest.study(with(PLAN, "--out", out.toString(), "--resume"));
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(ROWS, dataLines(out.resolve("study.csv")));
    }

    private static int dataLines(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) return 0;
        try (Stream<String> lines = Files.lines(csv)) {
            return (int) lines.count() - 1;
        } catch (java.io.UncheckedIOException e) {
            return 0; // a line being written is not valid UTF-8 yet
        }
    }

    /** The lines in order of their content, without the columns of seconds (each row's own elapsed_s, and pilot_s). */
    static List<String> rows(Path csv) throws java.io.IOException {
        List<String> header = List.of(Files.readAllLines(csv).get(0).split(","));
        int elapsed = header.indexOf("elapsed_s"), pilot = header.indexOf("pilot_s");
        return Files.readAllLines(csv).stream().map(l -> {
            List<String> f = new java.util.ArrayList<>(List.of(l.split(",", -1)));
            if (pilot >= 0) f.remove(pilot);
            f.remove(elapsed);
            return String.join(",", f);
        }).sorted().toList();
    }

    private static String[] with(String[] a, String... more) {
        return Stream.concat(Stream.of(a), Stream.of(more)).toArray(String[]::new);
    }
}
