package org.phaseflow.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BenchReport}: its JSON keeps the snake-case keys, reads back equal, and the committed baseline still reads. */
class BenchReportTest {
    @TempDir Path dir;

    @Test
    void jsonRoundTripsWithSnakeCaseKeys() throws Exception {
        BenchReport r = BenchComparisonTest.report(3e10, 4e10);
        Path file = r.save(dir.resolve("runs"));
        assertEquals("2026-01-01T000000Z-abc1234.json", file.getFileName().toString());
        String json = Files.readString(file);
        for (String key : new String[] {"\"jvm_args\"", "\"configurations\"", "\"element_steps_per_s\"",
                "\"scalar_element_steps_per_s\"", "\"vector_scalar_ratio\"", "\"ceiling_elements_per_s\"",
                "\"ceiling_fraction\"", "\"latency_p999_ns\"", "\"median_step_element_steps_per_s\"",
                "\"ceiling_median_elements_per_s\"", "\"median_ceiling_fraction\"", "\"median_vector_scalar_ratio\""}) {
            assertTrue(json.contains(key), key);
        }
        assertFalse(json.contains("\"key\""), "key() is not a field");
        assertEquals(r, BenchReport.read(file));
        assertEquals(r, BenchReport.mapper().readValue(r.json(), BenchReport.class));
    }

    @Test
    void committedRunsRead() {
        BenchReport now = BenchReport.read(Path.of("results/bench/baseline.json"));
        // every configuration of the baseline is one bench measures (a configuration added since is compared once a new baseline has it)
        java.util.Set<String> measured = new java.util.HashSet<>();
        for (Bench.Config c : Bench.CONFIGS) measured.add(c.name() + " d=" + c.dim());
        assertTrue(now.configurations().size() >= 17, "the baseline's rows: " + now.configurations().size());
        for (BenchReport.Row r : now.configurations()) assertTrue(measured.contains(r.model() + " d=" + r.dim()), r.key() + " is not measured any more");
        assertFalse(now.coldStart().isEmpty(), "and the cold-start rows");
        // a run saved before the mixture and cold-start rows still reads
        BenchReport base = BenchReport.read(Path.of("results/bench/2026-11-26T234651Z-581404c.json"));
        assertEquals(4, base.configurations().size());
        assertEquals("581404c", base.commit());
        assertTrue(base.configurations().stream().allMatch(x -> x.medianStepElementStepsPerS() > 0), base.toString());
        String table = base.table();
        assertTrue(table.startsWith("phaseflow bench  " + base.date() + "  commit 581404c"), table);
        assertTrue(table.contains("elem-steps/s") && table.contains("p99.9 µs"), table);
        assertEquals(2 + 4 + 3, table.lines().count(), table);
    }

    @Test
    void badFilesAreNamed() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> BenchReport.read(dir.resolve("missing.json")));
        assertTrue(missing.getMessage().endsWith("missing.json: no such readable file"), missing.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"date\": ");
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> BenchReport.read(bad));
        assertTrue(foreign.getMessage().contains("not a bench JSON"), foreign.getMessage());
    }
}
