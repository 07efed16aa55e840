package org.phaseflow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.IntegratorSpec;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleFile;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;

/**
 * The configuration records read back from their JSON unchanged, with enums written by their
 * command-line names; the paper's defaults are the paper's values.
 */
class ConfigJsonTest {

    @Test
    void aRunConfigRoundTripsThroughJson() throws Exception {
        RunConfig run = new RunConfig(new TargetConfig(ModelKind.CW, Paper.P, Paper.M, Paper.SIGMA, Direction.RANDOM, null, 1.7, 0.2),
                Family.VE, ShapeChoice.TRIG, 12.5, ScheduleKind.COSINE, 2.5, IntegratorKind.HEUN, 300, 40, 17, 9, 3);
        String json = Json.MAPPER.writeValueAsString(run);
        assertEquals(run, Json.MAPPER.readValue(json, RunConfig.class));
        JsonNode tree = Json.MAPPER.readTree(json);
        assertEquals("cw", tree.get("target").get("model").asText());
        assertEquals("heun", tree.get("integrator").asText());
        assertEquals("trig", tree.get("shape").asText());
        RunConfig paper = RunConfig.paper(TargetConfig.paper(ModelKind.GM), 100, 10, 8, 1, 1);
        assertEquals(paper, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(paper), RunConfig.class));
    }

    @Test
    void aStudyPlanRoundTripsAndAnUnknownNameIsRefused() throws Exception {
        StudyPlan plan = new StudyPlan(List.of(ModelKind.GM, ModelKind.CW), List.of(Family.VP, Family.VE),
                List.of(ShapeChoice.PAPER, ShapeChoice.LINEAR), List.of(ScheduleKind.UNIFORM, ScheduleKind.DILATED, ScheduleKind.COSINE),
                List.of(IntegratorKind.EULER, IntegratorKind.DDIM), List.of(100, 1000), 2, 5, 300, 16, 0.05, 0.1, 0.01,
                2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        String json = Json.MAPPER.writeValueAsString(plan);
        StudyPlan back = Json.MAPPER.readValue(json, StudyPlan.class);
        assertEquals(plan, back);
        assertEquals(plan.settings(), back.settings());
        assertEquals(plan.fingerprint(), back.fingerprint());
        String bad = json.replace("\"ddim\"", "\"rk4\"");
        Exception e = assertThrows(Exception.class, () -> Json.MAPPER.readValue(bad, StudyPlan.class));
        assertTrue(e.getMessage().contains("rk4"), e.getMessage());
    }

    @Test
    void schedulesAsDataRoundTripAndAFileEntersThePlansIdentity(@TempDir Path dir) throws Exception {
        Path knots = dir.resolve("k.json");
        ScheduleFile.writeKnots(knots, new double[] {0.5}, new double[] {0.1});
        ScheduleSpec file = ScheduleSpec.parse("file:" + knots), grid = ScheduleSpec.parse("grid:0,0.25,1");
        RunConfig run = RunConfig.paper(TargetConfig.paper(ModelKind.GM), 100, 10, 2, 1, 1).withSchedule(grid);
        String json = Json.MAPPER.writeValueAsString(run);
        assertEquals("grid:0,0.25,1", Json.MAPPER.readTree(json).get("schedule").asText());
        assertEquals(run, Json.MAPPER.readValue(json, RunConfig.class));
        assertEquals(run.withSchedule(file), Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(run.withSchedule(file)), RunConfig.class));

        StudyPlan plan = new StudyPlan(List.of(ModelKind.GM), List.of(Family.VP), List.of(ShapeChoice.PAPER),
                List.of(ScheduleKind.UNIFORM, file), List.of(IntegratorKind.EULER), List.of(100), 1, 1, 100, 8, 0.05, 0.1, 0.01,
                2, 1.5, 64, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        StudyPlan back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(plan), StudyPlan.class);
        assertEquals(plan, back);
        assertEquals(plan.fingerprint(), back.fingerprint());
        assertEquals("[uniform, file:" + knots + "]", plan.asMap().get("schedules").toString());
        assertEquals(Map.of(knots.toString(), ScheduleFile.sha256(knots)), plan.asMap().get("schedule_sha256"));
        String before = plan.fingerprint();
        ScheduleFile.writeKnots(knots, new double[] {0.5}, new double[] {0.2});
        assertTrue(!before.equals(plan.fingerprint()), "a changed file changes the fingerprint");
    }

    /**
     * A study's integrators in their one text form: "bs3a:norm=mode" parses, prints, writes and reads
     * back as itself ("bs3a:norm=rms" is "bs3a"); a plan with an adaptive integrator carries its
     * tolerance grid in its identity, one without does not; bad forms are refused naming what is allowed.
     */
    @Test
    void integratorsWithAnErrorNormRoundTripAndOnlyAdaptivePlansCarryTheRtolGrid() throws Exception {
        IntegratorSpec mode = IntegratorSpec.parse("bs3a:norm=mode");
        assertEquals(new IntegratorSpec.Normed(org.phaseflow.integrator.ErrorNorm.MODE), mode);
        assertEquals("bs3a:norm=mode", mode.toString());
        assertEquals(IntegratorKind.BS3A, IntegratorSpec.parse("bs3a:norm=rms"));
        assertEquals(IntegratorKind.EULER, IntegratorSpec.parse("euler"));
        assertEquals(org.phaseflow.integrator.ErrorNorm.RMS, IntegratorKind.BS3A.norm());
        assertEquals(null, IntegratorKind.HEUN.norm());
        for (String bad : new String[] {"bs3a:norm=l1", "heun:norm=max", "bs3a:rtol=1e-3", "rk4"}) {
            Exception e = assertThrows(IllegalArgumentException.class, () -> IntegratorSpec.parse(bad));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("bs3a[:norm=rms|max|mode]") || e.getMessage().contains("rms, max, mode"), e.getMessage());
        }
        StudyPlan plan = new StudyPlan(List.of(ModelKind.GM), List.of(Family.VP), List.of(ShapeChoice.PAPER), List.of(ScheduleKind.DILATED),
                List.of(IntegratorKind.EULER, IntegratorKind.BS3A, mode), List.of(100), 1, 1, 100, 8, 0.05, 0.1, 0.01,
                2, 1.5, 64, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        String json = Json.MAPPER.writeValueAsString(plan);
        assertTrue(json.contains("\"integrators\" : [ \"euler\", \"bs3a\", \"bs3a:norm=mode\" ]"), json);
        StudyPlan back = Json.MAPPER.readValue(json, StudyPlan.class);
        assertEquals(plan, back);
        assertEquals(plan.fingerprint(), back.fingerprint());
        assertEquals("gm vp/trig dilated bs3a:norm=mode", plan.settings().get(2).label());
        assertEquals("rtol_j = 0.1*1.5^-j, j = 0..28; atol = 0.001*rtol", plan.asMap().get("rtol_grid"));
        StudyPlan euler = new StudyPlan(plan.models(), plan.families(), plan.shapes(), plan.schedules(), List.of(IntegratorKind.EULER),
                plan.dims(), 1, 1, 100, 8, 0.05, 0.1, 0.01, 2, 1.5, 64, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        assertTrue(!euler.asMap().containsKey("rtol_grid") && !euler.adaptive() && plan.adaptive());
    }

    /** The preset plans print their schedules as before, so the committed study's fingerprint stays what it was. */
    @Test
    void thePaperPlansFingerprintIsUnchanged() {
        StudyPlan paper = new StudyPlan(List.of(ModelKind.GM, ModelKind.CW), List.of(Family.VP, Family.VE), List.of(ShapeChoice.PAPER),
                List.of(ScheduleKind.UNIFORM, ScheduleKind.DILATED), List.of(IntegratorKind.EULER), Paper.DIMS, 3, 1,
                600, 32, 0.05, 0.1, 0.01, 2, 1.5, 65536, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        assertEquals("[uniform, dilated]", paper.asMap().get("schedules").toString());
        assertTrue(!paper.asMap().containsKey("schedule_sha256"));
        assertEquals("af8f247d", paper.fingerprint());
        assertEquals(paper, StudyPlan.paper(Paper.DIMS), "the preset factory holds the paper's values, spelled out above");
        assertEquals(paper.schedules(), List.of(ScheduleSpec.parse("uniform"), ScheduleSpec.parse("dilated")));
    }

    @Test
    void thePaperShapeRuleAndValues() {
        assertEquals(Shape.TRIG, Paper.shape(ModelKind.GM, Family.VP));
        assertEquals(Shape.LINEAR, Paper.shape(ModelKind.GM, Family.VE));
        assertEquals(Shape.LINEAR, Paper.shape(ModelKind.CW, Family.VP));
        assertEquals(Shape.LINEAR, ShapeChoice.PAPER.resolve(ModelKind.CW, Family.VP));
        assertEquals(Shape.TRIG, ShapeChoice.TRIG.resolve(ModelKind.CW, Family.VE));
        assertEquals(0.5 * Math.log(0.8 / 0.2), Paper.H, 1e-15);   // CW mode weights 0.8 / 0.2, as the GM's p
        assertEquals("3", Json.number(Paper.K));
        assertEquals("0.8", Json.number(Paper.P));
    }
}
