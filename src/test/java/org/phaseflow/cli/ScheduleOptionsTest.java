package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.study.Study;
import org.phaseflow.study.StudyCsv;
import org.phaseflow.study.StudyRunner;

/**
 * {@code --schedule file:PATH}, {@code --schedule grid:…} and {@code --schedules} with files: a bad
 * file or grid is refused with one line naming the option, the file and the problem; a grid fixes
 * --steps; a study takes a knots file like any other schedule and records the file's SHA-256, so
 * --resume refuses a changed file.
 */
class ScheduleOptionsTest {
    static final String[] SMALL = {"--dim", "100", "--particles", "10"};

    static SampleCommandTest.Run sample(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + SMALL.length);
        System.arraycopy(SMALL, 0, all, args.length, SMALL.length);
        return SampleCommandTest.sample(all);
    }

    @Test
    void malformedScheduleFilesAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"{\"knots\": [[0.5, 0.2], [0.4, 0.3]]}", "t must increase strictly"},
            {"{\"knots\": [[0.3, 0.5], [0.6, 0.4]]}", "τ must increase strictly"},
            {"{\"knots\": [[0.5, 1.5]]}", "τ is outside [0, 1]"},
            {"{\"knots\": [[1.2, 0.5]]}", "t is outside [0, 1]"},
            {"{\"knots\": [[0, 0.2]]}", "τ(0) must be 0"},
            {"{\"knots\": []}", "non-empty array"},
            {"{\"knots\": [[0.5]]}", "pair of numbers"},
            {"{\"knots\": [[0.5, NaN]]}", "not finite"},
            {"{\"tau\": [0]}", "at least two times"},
            {"{\"tau\": [0, 0.5, 0.4, 1]}", "increase strictly"},
            {"{\"tau\": [0, 1.5, 1]}", "outside [0, 1]"},
            {"{\"tau\": [0, NaN, 1]}", "not a finite number"},
            {"{\"tau\": [0, 0.5]}", "the last time must be 1"},
            {"{\"knots\": [[0.5, 0.5]], \"tau\": [0, 1]}", "exactly one of"},
            {"{\"knot\": [[0.5, 0.5]]}", "unknown key \"knot\""},
            {"{\"knots\": [[0.5, 0.5]", "cannot be read as JSON"},
            {"[0, 0.5, 1]", "needs a JSON object"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path f = Files.writeString(dir.resolve("bad" + i + ".json"), cases[i][0]);
            SampleCommandTest.assertRefused(sample("--schedule", "file:" + f), "--schedule", "file:" + f, cases[i][1]);
            SampleCommandTest.assertRefused(StudyCommandTest.study("--schedules", "uniform,file:" + f, "--out", dir.resolve("o").toString()),
                    "--schedules", "file:" + f, cases[i][1]);
        }
        Path missing = dir.resolve("missing.json");
        SampleCommandTest.assertRefused(sample("--schedule", "file:" + missing), "--schedule", "file:" + missing, "no such readable file");
    }

    @Test
    void anExplicitGridFixesTheSteps(@TempDir Path dir) throws Exception {
        SampleCommandTest.Run r = sample("--schedule", "grid:0,0.1,0.5,1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(3, json.get("steps").asInt());
        assertEquals("grid:0,0.1,0.5,1", json.get("schedule").asText());
        SampleCommandTest.assertRefused(sample("--schedule", "grid:0,0.1,0.5,1", "--steps", "4"),
                "--steps 4", "grid:0,0.1,0.5,1", "explicit grid of 3 steps");
        SampleCommandTest.Run karras = sample("--schedule", "karras:sigma_max=500", "--steps", "7", "--json");
        assertEquals(0, karras.exit(), karras.err());
        assertEquals("karras:sigma_max=500", new ObjectMapper().readTree(karras.out()).get("schedule").asText());
        SampleCommandTest.assertRefused(sample("--schedule", "karras:rho=-1"), "--schedule", "karras", "rho must be positive");
        SampleCommandTest.assertRefused(sample("--schedule", "grid:0,0.5"), "--schedule", "grid:0,0.5", "the last time must be 1");
        SampleCommandTest.assertRefused(sample("--schedule", "grid:0,abc,1"), "--schedule", "'abc' is not a number");
        Path grid = Files.writeString(dir.resolve("g.json"), "{\"tau\": [0, 0.2, 1]}");
        SampleCommandTest.assertRefused(sample("--schedule", "file:" + grid, "--steps", "5"), "--steps 5", "file:" + grid, "explicit grid of 2 steps");
        SampleCommandTest.Run ok = sample("--schedule", "file:" + grid, "--json");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(2, new ObjectMapper().readTree(ok.out()).get("steps").asInt());
        // a study searches K, so it refuses a schedule that fixes K
        SampleCommandTest.assertRefused(StudyCommandTest.study("--schedules", "uniform,grid:0,0.5,1", "--out", dir.resolve("o").toString()),
                "--schedules", "grid:0,0.5,1", "fixes K = 2");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--schedules", "file:" + grid, "--out", dir.resolve("o").toString()),
                "--schedules", "file:" + grid, "fixes K = 2");
    }

    @Test
    void aStudyTakesKarrasAndAKnotsFileAndResumeRefusesAChangedFile(@TempDir Path dir) throws Exception {
        Path knots = Files.writeString(dir.resolve("front.json"), "{\"description\": \"fast start\", \"knots\": [[0.5, 0.2]]}\n");
        Path out = dir.resolve("out");
        String[] args = {"--models", "gm", "--families", "vp", "--dims", "100", "--seeds", "1", "--particles-high", "100",
                "--particles-low", "8", "--k-cap", "500", "--schedules", "uniform,karras,file:" + knots, "--out", out.toString()};
        SampleCommandTest.Run r = StudyCommandTest.study(args);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("study.csv"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).contains(",karras,"), lines.get(2));
        assertTrue(lines.get(3).contains(",file:" + knots + ","), lines.get(3));
        JsonNode json = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals("file:" + knots, json.get("plan").get("schedules").get(2).asText());
        assertEquals(org.phaseflow.schedule.ScheduleFile.sha256(knots), json.get("config").get("schedule_sha256").get(knots.toString()).asText());
        StudyPlan plan = StudyRunner.readPlan(out.resolve("study.json"));
        assertEquals("[uniform, karras, file:" + knots + "]", plan.schedules().toString());
        List<Study.Row> rows = StudyCsv.read(out.resolve("study.csv"), plan);
        assertEquals(plan.schedules(), rows.stream().map(row -> row.setting().schedule()).toList());
        String fingerprint = plan.fingerprint();
        assertTrue(lines.get(1).startsWith(fingerprint + ","));

        SampleCommandTest.Run again = StudyCommandTest.study(append(args, "--resume"));
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("resuming with 3 of 3 rows done"), again.err());
        Files.writeString(knots, "{\"knots\": [[0.5, 0.3]]}\n");
        assertTrue(!fingerprint.equals(plan.fingerprint()), "the file's contents are part of the plan's identity");
        SampleCommandTest.assertRefused(StudyCommandTest.study(append(args, "--resume")), "--resume", "different");
    }

    private static String[] append(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
