package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {

    static StudyConfig config(List<String> families, List<Integer> dims, int seeds, int nHigh) {
        return new StudyConfig(List.of("gm"), families, List.of("paper"), List.of("uniform", "dilated"), List.of("euler"),
                dims, seeds, 1, nHigh, 16, 0.05, 0.1, 0.01, 2, 1.5, 4096, 2, 3, 0.8, 1, 0.1, 2, 0.5 * Math.log(4));
    }

    /** Runs every row, collecting them. */
    static List<Study.Row> run(StudyConfig c, Set<String> done) {
        List<Study.Row> rows = new ArrayList<>();
        Study.run(c, 2, done, new Study.Listener() {
            @Override public void accept(long n) {}
            @Override public void finished(Study.Row r) { rows.add(r); }
        });
        return rows;
    }

    @Test
    void uniformVpNeedsMoreStepsWithDimensionAndDilatedDoesNot() {
        // the paper's claim at small scale: γ_high ≈ ½ for uniform + VP, ≈ 0 for dilated + VP
        StudyConfig c = config(List.of("vp"), List.of(100, 400, 1600), 2, 600);
        List<StudyReport.Curve> curves = StudyReport.curves(c, run(c, Set.of()));
        ExponentFit.Exponent uniform = find(curves, "uniform", "high").exponent();
        ExponentFit.Exponent dilated = find(curves, "dilated", "high").exponent();
        assertTrue(uniform.gamma() > 0.3, "uniform VP γ_high = " + uniform.gamma());
        assertTrue(Math.abs(dilated.gamma()) < 0.2, "dilated VP γ_high = " + dilated.gamma());
        assertTrue(uniform.gamma() - dilated.gamma() > 0.25);
    }

    private static StudyReport.Curve find(List<StudyReport.Curve> curves, String schedule, String feature) {
        return curves.stream().filter(c -> c.setting().schedule().equals(schedule) && c.feature().equals(feature))
                .findFirst().orElseThrow();
    }

    @Test
    void csvRoundTripsAndResumeSkipsFinishedRows(@TempDir Path dir) throws Exception {
        StudyConfig c = config(List.of("vp"), List.of(100, 200), 1, 100);
        Path csv = dir.resolve("study.csv");
        List<Study.Row> first;
        try (StudyCsv w = StudyCsv.open(csv, c, false)) {
            first = run(c, Set.of());
            // keep only the first two rows, as if interrupted
            w.write(first.get(0));
            w.write(first.get(1));
        }
        List<Study.Row> back = StudyCsv.read(csv, c);
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(first.get(i).high().kStar(), back.get(i).high().kStar());
            assertEquals(first.get(i).low().kStar(), back.get(i).low().kStar());
            assertEquals(first.get(i).high().bestError(), back.get(i).high().bestError(), 0);
            assertEquals(first.get(i).setting(), back.get(i).setting());
        }
        Set<String> done = new HashSet<>();
        for (Study.Row r : back) done.add(Study.key(r.setting(), r.dim(), r.seed()));
        List<Study.Row> rest = run(c, done);
        assertEquals(first.size() - 2, rest.size());
        // the resumed rows are the same numbers as the uninterrupted run
        for (int i = 0; i < rest.size(); i++) assertEquals(first.get(i + 2).high().kStar(), rest.get(i).high().kStar());
        StudyConfig other = config(List.of("vp"), List.of(100, 200), 1, 101);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyCsv.read(csv, other));
        assertTrue(e.getMessage().startsWith("--resume"));
        // a line cut short by a crash is ignored
        Files.writeString(csv, Files.readString(csv) + "abc,gm,vp", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(2, StudyCsv.read(csv, c).size());
    }

    @Test
    void badGridsAndTolerancesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> config(List.of("vp"), List.of(), 1, 10));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("vp"), List.of(1000, 100), 1, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StudyConfig(List.of("gm"), List.of("vp"),
                List.of("paper"), List.of("uniform"), List.of("euler"), List.of(100), 1, 1, 10, 10, 0, 0.1, 0.01,
                2, 1.5, 100, 2, 3, 0.8, 1, 0.1, 2, 0.5));
        assertTrue(e.getMessage().contains("--tol-high"));
    }
}
