package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code study --replot}: a finished study's plots are drawn again from its study.json and study.csv,
 * with nothing computed and no other file changed; without those files, or with --resume or --force,
 * it is refused with one line. {@code --profile} reads the same files and writes profile.txt only.
 */
class StudyReplotTest {

    @Test
    void replotRedrawsThePlotsAndChangesNothingElse(@TempDir Path dir) throws Exception {
        String[] args = {"--models", "gm", "--families", "vp", "--dims", "100,200", "--seeds", "2",
                "--particles-high", "100", "--particles-low", "8", "--k-cap", "2000", "--out", dir.toString()};
        SampleCommandTest.Run r = StudyCommandTest.study(args);
        assertEquals(0, r.exit(), r.err());
        byte[] csv = Files.readAllBytes(dir.resolve("study.csv")), json = Files.readAllBytes(dir.resolve("study.json")),
                txt = Files.readAllBytes(dir.resolve("study.txt"));
        List<Path> plots = plots(dir);
        assertEquals(7, plots.size(), "kstar.png, and an SVG and a PNG per feature (high, low, both): " + plots);
        for (Path p : plots) Files.delete(p);

        SampleCommandTest.Run again = StudyCommandTest.study("--replot", "--out", dir.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("redrew 7 plots from the 8 rows"), again.out());
        assertEquals(plots, plots(dir), "the same plots, drawn again");
        for (Path p : plots) assertTrue(Files.size(p) > 1000, p + " is empty");
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve("study.csv")), "study.csv unchanged");
        assertArrayEquals(json, Files.readAllBytes(dir.resolve("study.json")), "study.json unchanged");
        assertArrayEquals(txt, Files.readAllBytes(dir.resolve("study.txt")), "study.txt unchanged");

        SampleCommandTest.assertRefused(StudyCommandTest.study("--replot", "--resume", "--out", dir.toString()), "--replot", "--resume");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--replot", "--force", "--out", dir.toString()), "--replot", "--force");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--replot", "--dims", "100", "--out", dir.toString()), "--dims 100 does not apply with --replot, which redraws");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        SampleCommandTest.assertRefused(StudyCommandTest.study("--replot", "--out", empty.toString()), "--replot", "study.json");
        assertFalse(Files.exists(empty.resolve("kstar.png")));

        // --profile reads the same files, writes profile.txt only, and is refused beside the options of a run
        SampleCommandTest.Run prof = StudyCommandTest.study("--profile", "--out", dir.toString());
        assertEquals(0, prof.exit(), prof.err());
        assertTrue(prof.out().contains("study profile: 8 rows"), prof.out());
        assertEquals(prof.out(), Files.readString(dir.resolve("profile.txt")));
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve("study.csv")), "study.csv unchanged");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--profile", "--seeds", "1", "--out", dir.toString()), "--seeds 1 does not apply with --profile");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--profile", "--out", empty.toString()), "--profile", "study.json");
    }

    private static List<Path> plots(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("kstar")).sorted().toList();
        }
    }
}
