package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
