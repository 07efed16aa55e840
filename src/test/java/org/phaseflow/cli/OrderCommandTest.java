package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The {@code order} command: refusals in one line before any work, and a small measurement in JSON. */
class OrderCommandTest {

    static SampleCommandTest.Run order(String... args) { return SampleCommandTest.command("order", args); }

    @Test
    void badInputIsRefusedWithOneLine() {
        SampleCommandTest.assertRefused(order("--ks", "10,20,30,40", "--dim", "100"), "--ks [10,20,30,40] must increase by a constant ratio");
        SampleCommandTest.assertRefused(order("--ks", "10,20,40", "--dim", "100"), "--ks needs at least four K");
        SampleCommandTest.assertRefused(order("--ks", "40,20,10,5", "--dim", "100"), "--ks must be increasing");
        SampleCommandTest.assertRefused(order("--integrators", "euler,bs3a", "--dim", "100"), "--integrators bs3a");
        SampleCommandTest.assertRefused(order("--schedule", "cosine", "--k", "2", "--dim", "100"), "--k 2 applies to a schedule with a width parameter");
        SampleCommandTest.assertRefused(order("--model", "cw", "--sigma", "0.2", "--dim", "100"), "--sigma 0.2 applies to the two-mode GM");
        SampleCommandTest.assertRefused(order("--particles", "1", "--dim", "100"), "--particles");
    }

    @Test
    void smallMeasurementInJson() throws Exception {
        SampleCommandTest.Run r = order("--dim", "200", "--particles", "50", "--family", "ve", "--integrators", "euler,heun",
                "--ks", "16,32,64,128", "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        assertEquals(2, j.get("schemes").size());
        JsonNode euler = j.get("schemes").get(0), heun = j.get("schemes").get(1);
        assertEquals("euler", euler.get("integrator").asText());
        assertEquals(1, euler.get("nominal_order").asInt());
        assertEquals(2, heun.get("nominal_order").asInt());
        assertEquals(4, heun.get("points").size());
        assertEquals(64, heun.get("points").get(1).get("nfe").asInt(), "Heun at K = 32: two evaluations per step");
        assertTrue(heun.get("order").asDouble() > euler.get("order").asDouble() + 0.5, r.out());
        assertTrue(j.has("provenance") && j.get("config").get("dim").asInt() == 200, r.out());
    }
}
