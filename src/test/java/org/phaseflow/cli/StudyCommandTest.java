package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code study} command: bad grids, tolerances and output directories are refused with one line
 * before any work; a small study writes its CSV, JSON, table and plots, and --resume recomputes
 * nothing.
 */
class StudyCommandTest {

    static SampleCommandTest.Run study(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "study";
        System.arraycopy(args, 0, all, 1, args.length);
        return SampleCommandTest.execute(all);
    }

    @Test
    void badInputIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("o").toString();
        SampleCommandTest.assertRefused(study("--dims", "1000,100", "--out", out), "--dims", "[1000, 100]");
        SampleCommandTest.assertRefused(study("--dims", "100,100", "--out", out), "--dims");
        SampleCommandTest.assertRefused(study("--tol-high", "0", "--out", out), "--tol-high", "0");
        SampleCommandTest.assertRefused(study("--tol-sigma", "-1", "--out", out), "--tol-sigma", "-1");
        SampleCommandTest.assertRefused(study("--k-start", "10", "--k-cap", "5", "--out", out), "--k-cap", "5", "10");
        SampleCommandTest.assertRefused(study("--k-ratio", "2", "--out", out), "--k-ratio", "2");
        SampleCommandTest.assertRefused(study("--models", "gm,xx", "--out", out), "--models", "xx");
        SampleCommandTest.assertRefused(study("--preset", "huge", "--out", out), "--preset", "huge");
        SampleCommandTest.assertRefused(study("--seeds", "0", "--out", out), "--seeds", "0");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        SampleCommandTest.assertRefused(study("--out", file.toString()), "--out", file.toString());
    }

    @Test
    void smallStudyWritesEverythingAndResumes(@TempDir Path dir) throws Exception {
        String[] args = {"--models", "gm", "--families", "vp", "--dims", "100,200", "--seeds", "2",
                "--particles-high", "100", "--particles-low", "8", "--k-cap", "2000", "--out", dir.toString()};
        SampleCommandTest.Run r = study(args);
        assertEquals(0, r.exit(), r.err());
        for (String f : new String[] {"study.csv", "study.json", "study.txt", "kstar.png", "kstar-gm-high.svg"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        // 2 schedules × 2 dims × 2 seeds rows, plus the header
        assertEquals(9, Files.readAllLines(dir.resolve("study.csv")).size());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        assertEquals(2, json.get("config").get("dims").size());
        assertTrue(json.get("elapsed_s").asDouble() > 0);
        JsonNode e = json.get("exponents").get(0);
        for (String key : new String[] {"model", "family", "shape", "schedule", "integrator", "feature", "gamma", "gamma_lo", "gamma_hi"}) {
            assertTrue(e.has(key), key);
        }
        String csv = Files.readString(dir.resolve("study.csv"));
        SampleCommandTest.Run again = study(append(args, "--resume"));
        assertEquals(0, again.exit(), again.err());
        assertEquals(csv, Files.readString(dir.resolve("study.csv")), "a complete study resumed recomputes nothing");
        assertTrue(again.err().contains("resuming with 8 of 8 rows done"), again.err());
        SampleCommandTest.Run other = study(append(append(append(args, "--resume"), "--tol-high"), "0.2"));
        SampleCommandTest.assertRefused(other, "--resume", "different");
    }

    private static String[] append(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
