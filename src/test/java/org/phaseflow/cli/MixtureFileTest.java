package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample --mixture FILE}: a general mixture from JSON is sampled to its weights and spread, and
 * malformed files are refused with one line naming the option, the file and what is wrong.
 */
class MixtureFileTest {

    static JsonNode sampleJson(String... args) throws Exception {
        SampleCommandTest.Run r = SampleCommandTest.sample(args);
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void threeIsotropicComponentsAndADiagonalOneAreRecovered(@TempDir Path dir) throws Exception {
        Path iso = Files.writeString(dir.resolve("iso.json"), """
                {"components": [{"weight": 0.5, "mean": 1.0, "sigma": 0.1},
                                {"weight": 0.3, "mean": -1.0, "sigma": 0.2},
                                {"weight": 0.2, "mean": 0.0, "sigma": 0.15}]}""");
        JsonNode j = sampleJson("--mixture", iso.toString(), "--family", "ve", "--integrator", "heun", "--dim", "200",
                "--particles", "4000", "--steps", "150", "--json");
        // the weight of component 0 within 3 standard errors; Heun at K = 150 leaves each component's σ̂ within 5 %
        assertEquals(0.5, j.get("target_p").asDouble(), 1e-12);
        assertTrue(Math.abs(j.get("phat").asDouble() - 0.5) < 3 * j.get("phat_se").asDouble(), j.toString());
        double[] spread = {0.1, 0.2, 0.15};
        for (int c = 0; c < 3; c++) {
            assertEquals(spread[c], j.get("target_sigma_" + c).asDouble(), 1e-6);
            assertEquals(1, j.get("sigma_" + c + "_hat").asDouble() / spread[c], 0.05, j.toString());
        }

        SplittableRandom r = new SplittableRandom(1);
        StringBuilder mean = new StringBuilder(), sigma = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            mean.append(i > 0 ? "," : "").append(r.nextBoolean() ? 1 : -1);
            sigma.append(i > 0 ? "," : "").append(0.05 + 0.1 * r.nextDouble());
        }
        Path diag = Files.writeString(dir.resolve("diag.json"), "{\"components\": [{\"weight\": 0.7, \"mean\": [" + mean
                + "], \"sigma\": [" + sigma + "]}, {\"weight\": 0.3, \"mean\": 0, \"sigma\": 0.2}]}");
        JsonNode k = sampleJson("--mixture", diag.toString(), "--family", "ve", "--integrator", "heun", "--dim", "50",
                "--particles", "4000", "--steps", "150", "--json");
        assertTrue(Math.abs(k.get("phat").asDouble() - 0.7) < 3 * k.get("phat_se").asDouble(), k.toString());
        for (int c = 0; c < 2; c++) {
            assertEquals(1, k.get("sigma_" + c + "_hat").asDouble() / k.get("target_sigma_" + c).asDouble(), 0.05, k.toString());
        }
    }

    @Test
    void malformedFilesAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"components\": [");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", bad.toString(), "--dim", "10"), "--mixture", "bad.json", "JSON");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"components\": []}");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", empty.toString(), "--dim", "10"), "--mixture", "components");
        Path len = Files.writeString(dir.resolve("len.json"), "{\"components\": [{\"weight\": 1, \"mean\": [1, 2], \"sigma\": 1}]}");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", len.toString(), "--dim", "10"), "component 0", "\"mean\"", "2 values", "--dim is 10");
        Path neg = Files.writeString(dir.resolve("neg.json"), "{\"components\": [{\"weight\": 1, \"mean\": 0, \"sigma\": -1}]}");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", neg.toString(), "--dim", "10"), "\"sigma\"", "positive", "-1");
        Path w = Files.writeString(dir.resolve("w.json"), "{\"components\": [{\"weight\": 0, \"mean\": 0, \"sigma\": 1}]}");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", w.toString(), "--dim", "10"), "\"weight\"", "positive");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", dir.resolve("missing.json").toString(), "--dim", "10"), "--mixture", "missing.json");
        Path ok = Files.writeString(dir.resolve("ok.json"), "{\"components\": [{\"weight\": 1, \"mean\": 0, \"sigma\": 1}]}");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--mixture", ok.toString(), "--p", "0.7", "--dim", "10"), "--mixture", "--p");
        SampleCommandTest.assertRefused(SampleCommandTest.sample("--model", "cw", "--mixture", ok.toString(), "--dim", "10"), "--mixture", "gm");
    }

    static final String THREE = """
            {"components": [{"weight": 0.5, "mean": 1.0, "sigma": 0.1},
                            {"weight": 0.3, "mean": -1.0, "sigma": 0.2},
                            {"weight": 0.2, "mean": 0.0, "sigma": 0.15}]}""";

    @Test
    void studyAndTrajectoryReportEachComponentsSpread(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("three.json"), THREE);
        Path out = dir.resolve("study");
        SampleCommandTest.Run r = StudyCommandTest.study("--mixture", file.toString(), "--models", "gm",
                "--families", "ve", "--schedules", "dilated", "--dims", "100,200", "--seeds", "1", "--particles-high", "100",
                "--particles-low", "16", "--k-cap", "2000", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        // the table has one low-level curve per component, and the CSV their errors at every K
        for (String feature : new String[] {"sigma_0", "sigma_1", "sigma_2"}) assertTrue(r.out().contains(feature), r.out());
        java.util.List<String> csv = Files.readAllLines(out.resolve("study.csv"));
        assertTrue(csv.get(0).endsWith(",low_features,pilot_evaluations,pilot_s"), csv.get(0));
        assertEquals(3, csv.size());
        for (String line : csv.subList(1, 3)) {
            assertTrue(line.contains("sigma_0=") && line.contains(";sigma_1=") && line.contains(";sigma_2="), line);
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals(file.toString(), json.get("plan").get("mixture").asText());
        assertEquals(64, json.get("config").get("mixture_sha256").asText().length());
        for (String c : new String[] {"0", "1", "2"}) assertTrue(Files.size(out.resolve("kstar-gm-sigma_" + c + ".png")) > 1000, c);

        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setOut(new java.io.PrintWriter(new StringWriter(), true));
        int code = cl.execute("trajectory", "--mixture", file.toString(), "--family", "ve", "--schedule", "dilated", "--dim", "200",
                "--particles", "60", "--steps", "20", "--paths", "10", "--out", dir.toString(), "--name", "mix", "--formats", "png");
        assertEquals(0, code, err.toString());
        for (String kind : new String[] {"paths", "coords", "final"}) assertTrue(Files.size(dir.resolve("mix-" + kind + ".png")) > 1000, kind);
    }
}
