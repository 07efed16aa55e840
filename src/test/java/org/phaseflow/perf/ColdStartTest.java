package org.phaseflow.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cold-start rows in the bench report: saved, read back, printed; runs saved before them read as none. (A real measurement: BenchCommandTest.) */
class ColdStartTest {
    @TempDir Path dir;

    @Test
    void rowsGoThroughTheJsonAndIntoTheTable() throws Exception {
        ColdStart.Row gm = new ColdStart.Row("gm", 10_000, 2000, 100, 2, List.of(1.2, 1.0, 1.4), 1.2, List.of(0.3, 0.4, 0.5), 0.4, 3.0);
        BenchReport r = new BenchReport("2026-01-01T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0, List.of()).withColdStart(List.of(gm), 2.5);
        assertEquals(3.5, r.seconds(), 1e-12);
        BenchReport back = BenchReport.read(r.save(dir));
        assertEquals(List.of(gm), back.coldStart());
        assertTrue(r.json().contains("\"cold_integration_s\"") && r.json().contains("\"steady_median_s\""), r.json());
        String table = back.table();
        assertTrue(table.contains("cold start: the default sample (d = 10000, K = 100)"), table);
        assertTrue(table.contains("gm     2000   2     3        1.200         0.400    3.00"), table);
        assertFalse(table.contains("did not compile"), table);
        // steady slower than cold (as once measured: 4.3 s against 0.38 s) is flagged, not read as warm-up
        ColdStart.Row stuck = new ColdStart.Row("gm", 10_000, 2000, 100, 2, List.of(0.38), 0.38, List.of(4.3), 4.3, 0.38 / 4.3);
        String flagged = ColdStart.table(List.of(gm, stuck));
        assertEquals(1, flagged.lines().filter(l -> l.startsWith("gm: the steady runs took longer than the fresh JVMs: this JVM's kernels did not compile")).count(), flagged);
    }

    @Test
    void aRunSavedBeforeTheColdStartRowsHasNone() {
        BenchReport old = BenchReport.read(Path.of("results", "bench", "2026-11-26T234651Z-581404c.json"));
        assertTrue(old.coldStart().isEmpty());
        assertFalse(old.table().contains("cold start"));
        assertTrue(old.with(old.configurations()).coldStart().isEmpty());
    }

    @Test
    void theMedianOfTheFreshRunsAndOfTheSteadyOnes() {
        assertEquals(1.2, ColdStart.median(List.of(1.4, 1.0, 1.2)), 0);
        assertEquals(1.1, ColdStart.median(List.of(1.0, 1.2)), 1e-12);
    }
}
