package org.phaseflow.cli;

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
import org.phaseflow.perf.BenchReport;
import picocli.CommandLine;

/** {@code bench} on the command line: exit codes of --compare, one-line refusals, a tiny real run that saves its JSON. */
class BenchCommandTest {
    @TempDir Path dir;

    private int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    /** A two-configuration run whose GM rates are {@code gmRate} (wall and median alike). */
    private Path write(String name, double gmRate) throws Exception {
        double p50 = 2.0 * 100_000 * 1e9 / gmRate;
        BenchReport.Row gm = new BenchReport.Row("gm", 100_000, 10, 100, 2, "vector", gmRate, 2e9, gmRate / 2e9,
                "read_modify_write", 4e10, gmRate / 4e10, p50, p50, p50, p50, p50, p50, gmRate, 4e10, gmRate / 4e10, 2e9, gmRate / 2e9, 1);
        return new BenchReport("2026-01-01T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0, List.of(gm)).save(dir.resolve(name));
    }

    @Test
    void compareExitsOneOnARegression() throws Exception {
        Path base = write("base", 3e10), slow = write("slow", 2e10);
        StringWriter same = new StringWriter();
        assertEquals(0, run(same, "bench", "--from", base.toString(), "--compare", base.toString()), same.toString());
        assertTrue(same.toString().contains("phaseflow bench  2026-01-01T00:00:00Z") && same.toString().contains("no regression"), same.toString());
        for (String basis : new String[] {"wall", "median"}) {
            StringWriter out = new StringWriter();
            assertEquals(1, run(out, "bench", "--basis", basis, "--from", slow.toString(), "--compare", base.toString()), out.toString());
            assertTrue(out.toString().contains("REGRESSION: throughput, vector/scalar, kernel/ceiling"), out.toString());
        }
        StringWriter ok = new StringWriter();
        assertEquals(0, run(ok, "bench", "--from", slow.toString(), "--compare", base.toString(),
                "--tolerance", "0.5", "--ratio-tolerance", "0.5"), ok.toString());
        StringWriter json = new StringWriter();
        assertEquals(0, run(json, "bench", "--json", "--from", base.toString()), json.toString());
        assertTrue(json.toString().contains("\"element_steps_per_s\""), json.toString());
    }

    /** --history draws every saved run of --out (not baseline.json twice), oldest first, and refuses what it does not use. */
    @Test
    void historyDrawsTheSavedRuns() throws Exception {
        Path runs = dir.resolve("runs");
        double[] rates = {3e10, 3.3e10, 2.9e10};
        Path last = null;
        for (int i = 0; i < rates.length; i++) {
            double p50 = 2.0 * 100_000 * 1e9 / rates[i];
            BenchReport.Row gm = new BenchReport.Row("gm", 100_000, 10, 100, 2, "vector", rates[i], 2e9, rates[i] / 2e9,
                    "read_modify_write", 4e10, rates[i] / 4e10, p50, p50, p50, p50, p50, p50, rates[i], 4e10, rates[i] / 4e10, 2e9, rates[i] / 2e9, 1);
            last = new BenchReport("2026-01-0" + (i + 1) + "T00:00:00Z", "c" + i, "25", "cpu", 2, "", 1.0, List.of(gm)).save(runs);
        }
        Files.copy(last, runs.resolve("baseline.json"));
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "bench", "--history", "--out", runs.toString()), out.toString());
        assertTrue(out.toString().contains("(3 runs)"), out.toString());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(runs.resolve("history.png").toFile());
        assertTrue(png.getWidth() > 1000 && png.getHeight() > 1000, png.getWidth() + "×" + png.getHeight());
        assertTrue(Files.readString(runs.resolve("history.svg")).contains("the 3 runs saved in runs/"), "baseline.json is not a run of its own");
        assertEquals(2, run(new StringWriter(), "bench", "--history", "--json", "--out", runs.toString()));
        StringWriter empty = new StringWriter();
        assertEquals(2, run(empty, "bench", "--history", "--out", dir.resolve("none").toString()));
        assertTrue(empty.toString().contains("--out") && empty.toString().contains("no such directory"), empty.toString());
    }

    @Test
    void badInputIsOneLine() {
        StringWriter out = new StringWriter();
        assertEquals(2, run(out, "bench", "--compare", dir.resolve("missing.json").toString()));
        assertTrue(out.toString().startsWith("bench: --compare ") && out.toString().contains("no such readable file"), out.toString());
        assertEquals(1, out.toString().lines().count(), out.toString());
        assertEquals(2, run(new StringWriter(), "bench", "--tolerance", "1.5"));
        assertEquals(2, run(new StringWriter(), "bench", "--scale", "0"));
        assertEquals(2, run(new StringWriter(), "bench", "--basis", "mean"));
        for (String bad : new String[] {"-1", "101"}) {
            StringWriter cold = new StringWriter();
            assertEquals(2, run(cold, "bench", "--cold-runs", bad, "--scale", "0.002", "--repeats", "1", "--no-save"));
            assertEquals("bench: --cold-runs must be an integer from 0 to 100 (fresh JVMs per model), got " + bad, cold.toString().strip());
        }
        StringWriter config = new StringWriter();
        assertEquals(2, run(config, "bench", "--configuration", "mix4-diag@100000", "--no-save"));
        assertTrue(config.toString().startsWith("bench: --configuration mix4-diag@100000: no such configuration; one of gm@10000, gm@100000, "), config.toString());
        assertEquals(1, config.toString().strip().lines().count(), config.toString());
        StringWriter word = new StringWriter();
        assertEquals(2, run(word, "bench", "--cold-runs", "many"));
        assertTrue(word.toString().contains("--cold-runs") && word.toString().contains("many"), word.toString());
        assertEquals(1, word.toString().strip().lines().count(), word.toString());
        StringWriter from = new StringWriter();
        assertEquals(2, run(from, "bench", "--from", "results/bench/baseline.json", "--cold-runs", "2"));
        assertTrue(from.toString().contains("--cold-runs"), from.toString());
    }

    /** By default each configuration is measured in a fresh JVM of its own; --configuration picks one. */
    @Test
    void aConfigurationIsMeasuredInAFreshJvm() {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "bench", "--configuration", "mix2-diag-vec@100000", "--scale", "0.01", "--repeats", "1", "--threads", "1",
                "--cold-runs", "0", "--no-save", "--json", "--quiet"), out.toString());
        BenchReport r;
        try {
            r = BenchReport.mapper().readValue(out.toString(), BenchReport.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(out.toString(), e);
        }
        assertEquals(1, r.configurations().size());
        BenchReport.Row row = r.configurations().get(0);
        assertEquals("mix2-diag-vec", row.model());
        assertEquals(100_000, row.dim());
        assertEquals(1, row.threads());
        assertTrue(row.medianStepElementStepsPerS() > 0 && row.ceilingMedianElementsPerS() > 0, row.toString());
    }

    @Test
    void tinyRealRunWritesItsJson() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "bench", "--in-process", "--scale", "0.002", "--repeats", "1", "--threads", "1", "--cold-runs", "1", "--out", dir.toString()), out.toString());
        Path json;
        try (Stream<Path> files = Files.list(dir)) {
            json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertTrue(out.toString().startsWith("wrote " + json), out.toString());
        BenchReport r = BenchReport.read(json);
        assertEquals(org.phaseflow.perf.Bench.CONFIGS.size(), r.configurations().size());
        // the cold-start rows: one fresh JVM per model against the same work warm, and their ratio
        assertEquals(List.of("gm", "cw"), r.coldStart().stream().map(org.phaseflow.perf.ColdStart.Row::model).toList());
        for (org.phaseflow.perf.ColdStart.Row c : r.coldStart()) {
            assertEquals(1, c.coldIntegrationS().size());
            assertEquals(c.coldIntegrationS().get(0), c.coldMedianS());
            assertTrue(c.coldMedianS() > 0 && c.steadyMedianS() > 0, c.toString());
            assertEquals(c.coldMedianS() / c.steadyMedianS(), c.ratio(), 1e-12);
            assertEquals(10_000, c.dim());
            assertEquals(100, c.steps());
        }
        assertTrue(out.toString().contains("cold start: the default sample"), out.toString());
        // the saved run compared with itself passes
        StringWriter again = new StringWriter();
        assertEquals(0, run(again, "bench", "--from", json.toString(), "--compare", json.toString()), again.toString());
    }
}
