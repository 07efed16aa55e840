package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.config.Json;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.Feature;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleFile;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;

/**
 * The optimized schedule's pilot runs once per (setting, d) of a study, whatever its seeds, is kept
 * as a knots file in the study's folder that a resumed run reads instead of running it again, and its
 * cost is in the CSV (read back) and study.json; each search's N is sized so that the noise floor
 * does not decide, up to the cap, beyond which it still does (docs/mathematics.md §5.8, §7.2).
 */
class PilotAndParticlesTest {

    static StudyPlan plan(ModelKind model, Family family, List<ScheduleSpec> schedules, int seeds, int nHigh, int nLow, double tolHigh) {
        return new StudyPlan(List.of(model), List.of(family), List.of(ShapeChoice.PAPER), schedules, List.of(IntegratorKind.EULER),
                List.of(100), seeds, 1, nHigh, nLow, tolHigh, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K,
                Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    }

    static final StudyPlan OPTIMIZED = plan(ModelKind.GM, Family.VE, List.of(ScheduleKind.DILATED, ScheduleSpec.OPTIMIZED), 3, 600, 16, 0.05);

    static StudyRunner.Result run(StudyPlan plan, Path dir, boolean resume, OptimizedSchedules schedules) throws Exception {
        // three rows at once, so the seeds of the optimized setting ask for its schedule together
        return StudyRunner.run(plan, Cost.STEPS, new LocalExecutor(3, 1), dir, resume, Map.of(), new StudyRunner.Events() {}, schedules);
    }

    static List<String> lines(StudyPlan plan, List<Study.Row> rows) { return rows.stream().map(r -> StudyCsv.line(plan, r)).toList(); }

    @Test
    void onePilotServesEverySeedAndAResumedRunReadsItsFile(@TempDir Path dir) throws Exception {
        OptimizedSchedules first = new OptimizedSchedules(dir);
        StudyRunner.Result a = run(OPTIMIZED, dir, false, first);
        assertEquals(6, a.rows().size());
        assertEquals(1, first.pilotsRun(), "one pilot for the three seeds of gm ve optimized at d = 100");
        List<Study.Row> optimized = a.rows().stream().filter(r -> r.setting().schedule() == ScheduleSpec.OPTIMIZED).toList();
        assertEquals(3, optimized.size());
        Study.Pilot pilot = optimized.get(0).pilot();
        assertNotNull(pilot);
        // 64 pilot particles × 2 passes × (500 steps + 500 probes + the probe at τ = 1 where the field is regular)
        assertTrue(pilot.evaluations() >= 64L * 2 * 1000, "evaluations " + pilot.evaluations());
        for (Study.Row r : optimized) assertEquals(pilot, r.pilot(), "every seed reports the one pilot");
        for (Study.Row r : a.rows()) if (r.setting().schedule() != ScheduleSpec.OPTIMIZED) assertNull(r.pilot());

        // the knots file: this plan's (setting, d), with the pilot's cost, readable as a schedule
        Study.Task task = optimized.get(0).task();
        Path file = dir.resolve(OptimizedSchedules.fileName(task.setting(), 100));
        assertEquals("optimized-gm-ve-linear-euler-d100.json", file.getFileName().toString());
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertEquals(OPTIMIZED.fingerprint(), json.path("study").path("config").asText());
        assertEquals("gm ve/linear optimized euler", json.path("study").path("setting").asText());
        assertEquals(pilot.evaluations(), json.path("pilot").path("evaluations").asLong());
        assertEquals(OptimizedSchedules.pilotSeed(OPTIMIZED, task.setting(), 100), json.path("pilot").path("seed").asLong());
        ScheduleFile.read(file);

        // the CSV's last columns read back; a non-optimized row's are empty
        List<String> csv = Files.readAllLines(dir.resolve("study.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.get(0).endsWith(",elapsed_s,pilot_evaluations,pilot_s"), csv.get(0));
        assertTrue(csv.get(1).endsWith(",,"), "a dilated row has no pilot: " + csv.get(1));
        List<Study.Row> back = StudyCsv.read(dir.resolve("study.csv"), OPTIMIZED);
        for (Study.Row r : back) {
            if (r.setting().schedule() != ScheduleSpec.OPTIMIZED) {
                assertNull(r.pilot());
                continue;
            }
            assertEquals(pilot.evaluations(), r.pilot().evaluations());
            assertEquals(pilot.seconds(), r.pilot().seconds(), 0.0005);
        }
        // study.txt and study.json count the pilot once
        assertTrue(a.table().contains("pilots in all: 1, "), a.table());
        JsonNode study = Json.MAPPER.readTree(dir.resolve("study.json").toFile());
        assertEquals(1, study.path("pilots").size());
        assertEquals(pilot.evaluations(), study.path("pilot_evaluations_total").asLong());

        // a resumed run with no row kept reads the file: no pilot, the same rows
        Files.delete(dir.resolve("study.csv"));
        OptimizedSchedules again = new OptimizedSchedules(dir);
        StudyRunner.Result b = run(OPTIMIZED, dir, true, again);
        assertEquals(0, again.pilotsRun(), "the knots file of this plan's (setting, d) is read, not recomputed");
        assertEquals(lines(OPTIMIZED, a.rows()), lines(OPTIMIZED, b.rows()));

        // a file of another study is not taken: the pilot runs again and the file is replaced
        Files.writeString(file, Files.readString(file).replace(OPTIMIZED.fingerprint(), "0badf00d"));
        Files.delete(dir.resolve("study.csv"));
        OptimizedSchedules other = new OptimizedSchedules(dir);
        StudyRunner.Result c = run(OPTIMIZED, dir, true, other);
        assertEquals(1, other.pilotsRun());
        assertEquals(lines(OPTIMIZED, a.rows()), lines(OPTIMIZED, c.rows()));
        assertEquals(OPTIMIZED.fingerprint(), Json.MAPPER.readTree(file.toFile()).path("study").path("config").asText());
    }

    @Test
    void thePilotSeedIsThePlansNotATasks() {
        var settings = OPTIMIZED.settings();
        long a = OptimizedSchedules.pilotSeed(OPTIMIZED, settings.get(1), 100);
        assertEquals(OPTIMIZED.seed() + 0x9E3779B97F4A7C15L * (settings.get(1).label() + " 100").hashCode(), a);
        assertNotEquals(a, OptimizedSchedules.pilotSeed(OPTIMIZED, settings.get(1), 1000));
        assertNotEquals(a, OptimizedSchedules.pilotSeed(OPTIMIZED, settings.get(0), 100));
    }

    @Test
    void aFileWrittenBeforeThePilotColumnsReadsAndIsContinuedInItsLayout(@TempDir Path dir) throws Exception {
        StudyPlan p = plan(ModelKind.GM, Family.VP, List.of(ScheduleKind.DILATED), 2, 600, 16, 0.05);
        StudyRunner.Result a = run(p, dir, false, new OptimizedSchedules(dir));
        Path csv = dir.resolve("study.csv");
        List<String> old = new ArrayList<>();
        for (String l : Files.readAllLines(csv, StandardCharsets.UTF_8)) old.add(l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)));
        assertEquals(String.join(",", StudyCsv.HEADER), old.get(0));
        // keep the first row only, in the old layout
        Files.writeString(csv, old.get(0) + "\r\n" + old.get(1) + "\r\n", StandardCharsets.UTF_8);
        List<Study.Row> back = StudyCsv.read(csv, p);
        assertEquals(1, back.size());
        assertNull(back.get(0).pilot());
        assertEquals(a.rows().get(0).particlesHigh(), back.get(0).particlesHigh());
        StudyRunner.Result b = run(p, dir, true, new OptimizedSchedules(dir));
        assertEquals(lines(p, a.rows()), lines(p, b.rows()));
        List<String> now = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(3, now.size());
        for (String l : now) assertEquals(StudyCsv.HEADER.length, l.split(",", -1).length, "the old layout throughout: " + l);
    }

    @Test
    void theSmallestNWithinTheToleranceAndTheCap() {
        double p = 0.8;
        // 3·√(p(1 − p)/N) ≤ 0.1 from N = 9·0.16/0.01 = 144
        Study.Sizing s = Study.size(100, 0.1, n -> 3 * Math.sqrt(p * (1 - p) / n));
        assertEquals(new Study.Sizing(144, 0.1, false), s);
        assertEquals(new Study.Sizing(600, 0.05, false), Study.size(600, 0.05, n -> 3 * Math.sqrt(p * (1 - p) / n)));
        // 0.01 needs 14400 > 64 × 100: the cap, and the floor still decides
        Study.Sizing capped = Study.size(100, 0.01, n -> 3 * Math.sqrt(p * (1 - p) / n));
        assertEquals(100 * Study.MAX_PARTICLE_FACTOR, capped.particles());
        assertTrue(capped.floor());
        assertEquals(3 * Math.sqrt(p * (1 - p) / 6400), capped.tolerance(), 1e-15);
    }

    @Test
    void aRowWhoseFloorWouldDecideSamplesMoreAndKeepsItsTolerance(@TempDir Path dir) throws Exception {
        // before: N = 100 particles, 3 s.e. = 0.12 > 0.1, the tolerance raised to 0.12 and the K* starred
        StudyPlan p = plan(ModelKind.GM, Family.VP, List.of(ScheduleKind.DILATED), 1, 100, 16, 0.1);
        StudyRunner.Result res = run(p, dir, false, new OptimizedSchedules(dir));
        Study.Row r = res.rows().get(0);
        assertEquals(144, r.particlesHigh());
        assertEquals(0.1, r.high().tolerance());
        assertFalse(r.noiseFloorHigh());
        assertTrue(r.high().reached());
        assertFalse(res.table().lines().anyMatch(l -> l.startsWith("gm vp/trig dilated") && l.contains("*")), res.table());
        assertTrue(res.table().lines().anyMatch(l -> l.matches("N gm\\s+high\\s+144")), res.table());
        String row = Files.readAllLines(dir.resolve("study.csv")).get(1);
        assertEquals("144", row.split(",")[List.of(StudyCsv.HEADER).indexOf("particles_high")], row);
        assertEquals(144, Json.MAPPER.readTree(dir.resolve("study.json").toFile()).path("particles").path("gm").path("high").path("100").asInt());

        // CW's magnetisation at d = 100 with the paper's 32: 3·√((1 − m²)/(100·32)) > 0.01
        StudyPlan cw = plan(ModelKind.CW, Family.VP, List.of(ScheduleKind.DILATED), 1, 600, 32, 0.05);
        Feature m = cw.target(ModelKind.CW).build(100, 1).lowFeatures().get(0);
        assertTrue(3 * m.noiseStandardError(32) > 0.01);
        Study.Row c = Study.row(cw, Study.tasks(cw).get(0), 2, ShardedRowTest.QUIET);
        assertTrue(c.particlesLow() > 32, "N low " + c.particlesLow());
        assertTrue(3 * m.noiseStandardError(c.particlesLow()) <= 0.01 && 3 * m.noiseStandardError(c.particlesLow() - 1) > 0.01);
        assertEquals(0.01, c.low().tolerance());
        assertFalse(c.noiseFloorLow());
    }

    @Test
    void beyondTheCapTheFloorStillDecidesAndIsStarred(@TempDir Path dir) throws Exception {
        // N = 2 cannot reach 3·√(0.16/N) ≤ 0.05 within 64 × 2 = 128 particles
        StudyPlan p = plan(ModelKind.GM, Family.VP, List.of(ScheduleKind.DILATED), 1, 2, 16, 0.05);
        StudyRunner.Result res = run(p, dir, false, new OptimizedSchedules(dir));
        Study.Row r = res.rows().get(0);
        assertEquals(128, r.particlesHigh());
        assertTrue(r.noiseFloorHigh());
        assertEquals(3 * Math.sqrt(0.8 * 0.2 / 128), r.high().tolerance(), 1e-12);
        assertTrue(res.table().lines().anyMatch(l -> l.startsWith("gm vp/trig dilated") && l.contains("high") && l.contains("*")), res.table());
    }
}
