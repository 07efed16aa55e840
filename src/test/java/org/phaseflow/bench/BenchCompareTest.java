package org.phaseflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.cli.BenchCommand;
import org.phaseflow.cli.Main;
import picocli.CommandLine;

/** {@code bench --compare}: an identical run passes, a synthetic regression fails; a tiny real run writes its JSON. */
class BenchCompareTest {
    @TempDir Path dir;

    /** A row whose wall and median rates are equal (the median step time follows from the rate). */
    static BenchCommand.Row row(String model, int dim, double rate, double scalar, double ceiling) {
        double p50 = 2.0 * dim * 1e9 / rate;
        return new BenchCommand.Row(model, dim, 10, 100, 2, "vector", rate, scalar, rate / scalar,
                "read_modify_write", ceiling, rate / ceiling, p50, 2 * p50, 3 * p50, 4 * p50, 5 * p50, 1.1 * p50, rate,
                ceiling, rate / ceiling, scalar, rate / scalar);
    }

    static BenchCommand.Report report(double gmRate, double gmCeiling) {
        return new BenchCommand.Report("2026-01-01T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0,
                List.of(row("gm", 100_000, gmRate, 2e9, gmCeiling), row("cw", 100_000, 2e9, 5e7, 2.5e9)));
    }

    private int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    private Path write(String name, BenchCommand.Report r) throws Exception {
        Path p = dir.resolve(name);
        new com.fasterxml.jackson.databind.ObjectMapper()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .writeValue(p.toFile(), r);
        return p;
    }

    @Test
    void identicalRunPasses() throws Exception {
        Path base = write("baseline.json", report(3e10, 4e10));
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "bench", "--from", base.toString(), "--compare", base.toString()), out.toString());
        assertTrue(out.toString().contains("no regression"), out.toString());
    }

    @Test
    void syntheticRegressionFails() throws Exception {
        Path base = write("baseline.json", report(3e10, 4e10));
        Path slow = write("slow.json", report(2e10, 4e10));   // a third slower, same ceiling
        for (String basis : new String[] {"wall", "median"}) {
            StringWriter out = new StringWriter();
            assertEquals(1, run(out, "bench", "--basis", basis, "--from", slow.toString(), "--compare", base.toString()), out.toString());
            assertTrue(out.toString().contains("REGRESSION: throughput, vector/scalar, kernel/ceiling"), out.toString());
        }
        // within a generous tolerance it passes
        StringWriter ok = new StringWriter();
        assertEquals(0, run(ok, "bench", "--from", slow.toString(), "--compare", base.toString(),
                "--tolerance", "0.5", "--ratio-tolerance", "0.5"), ok.toString());
    }

    @Test
    void busierMachineIsNamed() throws Exception {
        Path base = write("baseline.json", report(3e10, 4e10));
        // everything (kernel, scalar, ceiling) a third slower: ratios hold, throughput falls
        BenchCommand.Report busy = new BenchCommand.Report("2026-01-02T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0,
                List.of(row("gm", 100_000, 2e10, 2e9 * 2 / 3, 4e10 * 2 / 3), row("cw", 100_000, 2e9, 5e7, 2.5e9)));
        StringWriter out = new StringWriter();
        assertEquals(1, run(out, "bench", "--from", write("busy.json", busy).toString(), "--compare", base.toString()));
        assertTrue(out.toString().contains("REGRESSION: throughput (the ceiling fell too"), out.toString());
    }

    @Test
    void badInputIsOneLine() {
        StringWriter out = new StringWriter();
        assertEquals(2, run(out, "bench", "--compare", dir.resolve("missing.json").toString()));
        assertTrue(out.toString().contains("--compare"), out.toString());
        assertEquals(2, run(new StringWriter(), "bench", "--tolerance", "1.5"));
    }

    @Test
    void tinyRealRunWritesItsJson() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "bench", "--scale", "0.002", "--repeats", "1", "--threads", "1", "--out", dir.toString()), out.toString());
        try (Stream<Path> files = Files.list(dir)) {
            Path json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            BenchCommand.Report r = new com.fasterxml.jackson.databind.ObjectMapper()
                    .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json.toFile(), BenchCommand.Report.class);
            assertEquals(4, r.configurations().size());
            for (BenchCommand.Row row : r.configurations()) {
                assertTrue(row.elementStepsPerS() > 0 && row.ceilingFraction() > 0 && row.latencyP50Ns() > 0, row.toString());
            }
            assertTrue(Files.readString(json).contains("\"element_steps_per_s\""));
        }
        // the saved run compared with itself passes
        StringWriter again = new StringWriter();
        try (Stream<Path> files = Files.list(dir)) {
            Path json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            assertEquals(0, run(again, "bench", "--from", json.toString(), "--compare", json.toString()), again.toString());
        }
    }
}
