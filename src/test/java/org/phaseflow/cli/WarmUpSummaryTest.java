package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.phaseflow.FreshJvm;

/** sample's summary says when its throughput is warm-up dominated (the rule: perf/WarmUpCheck, tested there). */
class WarmUpSummaryTest {

    @Test
    void aFewStepsInAFreshJvmAreWarmUpDominated() throws Exception {
        // two steps of 16 particles: it ends long before C2 has compiled the step loop (with 400 particles
        // C2 sometimes finished it near the end, and the pace of the last batches then hid the warm-up)
        FreshJvm.Result r = FreshJvm.run(Main.class, "sample", "--model", "cw", "--steps", "2", "--particles", "16", "--threads", "2", "--quiet");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("  warm-up dominated, not the kernels' steady rate: "), r.output());

        FreshJvm.Result j = FreshJvm.run(Main.class, "sample", "--model", "cw", "--steps", "2", "--particles", "16", "--threads", "2", "--quiet", "--json");
        assertEquals(0, j.exitCode(), j.output());
        String line = j.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(line);
        assertTrue(json.get("warm_up_dominated").asBoolean(), line);
    }
}
