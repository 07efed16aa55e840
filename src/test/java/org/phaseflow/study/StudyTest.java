package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.config.Json;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;

class StudyTest {

    static StudyPlan plan(List<Family> families, List<Integer> dims, int seeds, int nHigh) {
        return new StudyPlan(List.of(ModelKind.GM), families, List.of(ShapeChoice.PAPER),
                List.of(ScheduleKind.UNIFORM, ScheduleKind.DILATED), List.of(IntegratorKind.EULER),
                dims, seeds, 1, nHigh, 16, 0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K,
                Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    }

    /** Runs the tasks through an executor, collecting the rows in the order they finish. */
    static List<Study.Row> run(StudyPlan plan, List<Study.Task> tasks, TaskExecutor executor) {
        List<Study.Row> rows = Collections.synchronizedList(new ArrayList<>());
        executor.run(plan, tasks, new Study.Listener() {
            @Override public void accept(long n) {}
            @Override public void finished(Study.Row r) { rows.add(r); }
        });
        return rows;
    }

    static List<Study.Row> run(StudyPlan plan) { return run(plan, Study.tasks(plan), LocalExecutor.inOrder(2)); }

    @Test
    void uniformVpNeedsMoreStepsWithDimensionAndDilatedDoesNot() {
        // the paper's claim at small scale: γ_high ≈ ½ for uniform + VP, ≈ 0 for dilated + VP
        StudyPlan p = plan(List.of(Family.VP), List.of(100, 400, 1600), 2, 600);
        List<StudyReport.Curve> curves = StudyReport.curves(p, run(p));
        ExponentFit.Exponent uniform = find(curves, ScheduleKind.UNIFORM, "high").exponent();
        ExponentFit.Exponent dilated = find(curves, ScheduleKind.DILATED, "high").exponent();
        assertTrue(uniform.gamma() > 0.3, "uniform VP γ_high = " + uniform.gamma());
        assertTrue(Math.abs(dilated.gamma()) < 0.2, "dilated VP γ_high = " + dilated.gamma());
        assertTrue(uniform.gamma() - dilated.gamma() > 0.25);
    }

    private static StudyReport.Curve find(List<StudyReport.Curve> curves, ScheduleKind schedule, String feature) {
        return curves.stream().filter(c -> c.setting().schedule() == schedule && c.feature().equals(feature))
                .findFirst().orElseThrow();
    }

    @Test
    void aRowDependsOnlyOnItsTaskNotOnTheExecutorOrTheOrder() {
        StudyPlan p = plan(List.of(Family.VP, Family.VE), List.of(100, 300), 2, 200);
        List<Study.Task> tasks = Study.tasks(p);
        List<String> reference = lines(p, tasks, run(p, tasks, LocalExecutor.inOrder(1)));
        List<Study.Task> shuffled = new ArrayList<>(tasks);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(reference, lines(p, tasks, run(p, shuffled, new LocalExecutor(3, 2))));
        assertEquals(reference, lines(p, tasks, run(p, shuffled, LocalExecutor.inOrder(3))));
    }

    /** The rows' CSV lines (without elapsed times) in the plan's task order. */
    private static List<String> lines(StudyPlan p, List<Study.Task> tasks, List<Study.Row> rows) {
        assertEquals(tasks.size(), rows.size());
        return StudyRunner.inPlanOrder(tasks, rows).stream().map(r -> StudyCsv.line(p, r)).toList();
    }

    @Test
    void thePlanInStudyJsonReadsBackAndReRunsToTheSameRows(@TempDir Path dir) throws Exception {
        StudyPlan p = plan(List.of(Family.VP), List.of(100), 1, 100);
        StudyRunner.Result first = StudyRunner.run(p, LocalExecutor.inOrder(2), dir, false, Map.of("threads", 2),
                new StudyRunner.Events() {});
        StudyPlan back = StudyRunner.readPlan(dir.resolve("study.json"));
        assertEquals(p, back);
        assertEquals(p.fingerprint(), back.fingerprint());
        assertEquals(Json.MAPPER.writeValueAsString(p), Json.MAPPER.writeValueAsString(back));
        List<Study.Row> again = run(back);
        assertEquals(first.rows().stream().map(r -> StudyCsv.line(p, r)).toList(),
                again.stream().map(r -> StudyCsv.line(back, r)).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyRunner.readPlan(dir.resolve("study.txt")));
        assertTrue(e.getMessage().startsWith("--plan"), e.getMessage());
    }

    @Test
    void csvRoundTripsAndResumeSkipsFinishedRows(@TempDir Path dir) throws Exception {
        StudyPlan p = plan(List.of(Family.VP), List.of(100, 200), 1, 100);
        Path csv = dir.resolve("study.csv");
        List<Study.Row> first = run(p);
        try (StudyCsv w = StudyCsv.open(csv, p, false)) {
            // keep only the first two rows, as if interrupted
            w.write(first.get(0));
            w.write(first.get(1));
        }
        List<Study.Row> back = StudyCsv.read(csv, p);
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) assertEquals(StudyCsv.line(p, first.get(i)), StudyCsv.line(p, back.get(i)));
        List<String> events = new ArrayList<>();
        StudyRunner.Result resumed = StudyRunner.run(p, LocalExecutor.inOrder(2), dir, true, Map.of(), new StudyRunner.Events() {
            @Override public void resumed(List<Study.Row> done, int total) { events.add("resumed " + done.size() + "/" + total); }
            @Override public void row(Study.Row row, int done, int total) { events.add(done + "/" + total); }
        });
        assertEquals(List.of("resumed 2/4", "3/4", "4/4"), events);
        // the resumed rows are the same numbers as the uninterrupted run
        assertEquals(first.stream().map(r -> StudyCsv.line(p, r)).toList(),
                resumed.rows().stream().map(r -> StudyCsv.line(p, r)).toList());
        StudyPlan other = plan(List.of(Family.VP), List.of(100, 200), 1, 101);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyCsv.read(csv, other));
        assertTrue(e.getMessage().startsWith("--resume"));
        // a line cut short by a crash is ignored
        Files.writeString(csv, Files.readString(csv) + "abc,gm,vp", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(4, StudyCsv.read(csv, p).size());
    }

    static final Study.Listener QUIET = new Study.Listener() {
        @Override public void accept(long n) {}
        @Override public void finished(Study.Row r) {}
    };

    /** --k-cap at K* itself: the confirmations lie beyond the cap and K* is reported, the same as under a large cap. */
    @Test
    void aCapAtKStarStillFindsIt() {
        StudyPlan wide = plan(List.of(Family.VP), List.of(100), 1, 100);
        Study.Row r = Study.row(wide, Study.tasks(wide).get(1), 2, QUIET);
        int kHigh = r.high().kStar();
        assertTrue(kHigh > 2, "a K* above the grid's start: " + kHigh);
        StudyPlan capped = new StudyPlan(wide.models(), wide.families(), wide.shapes(), wide.schedules(), wide.integrators(), wide.dims(),
                wide.seeds(), wide.seed(), wide.particlesHigh(), wide.particlesLow(), wide.tolHigh(), wide.tolSigma(), wide.tolM(),
                wide.kStart(), wide.kRatio(), kHigh, wide.confirm(), wide.k(), wide.p(), wide.m(), wide.sigma(), wide.beta(), wide.h(), null);
        Study.Row c = Study.row(capped, Study.tasks(capped).get(1), 2, QUIET);
        assertEquals(kHigh, c.high().kStar(), "K* at the cap, confirmed beyond it");
        assertTrue(c.high().ks()[c.high().ks().length - 1] > kHigh);
        assertEquals(-1, c.low().kStar(), "the low-level K* lies beyond this cap: not reached");
    }

    @Test
    void badGridsAndTolerancesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> plan(List.of(Family.VP), List.of(), 1, 10));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of(Family.VP), List.of(1000, 100), 1, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StudyPlan(List.of(ModelKind.GM),
                List.of(Family.VP), List.of(ShapeChoice.PAPER), List.of(ScheduleKind.UNIFORM), List.of(IntegratorKind.EULER),
                List.of(100), 1, 1, 10, 10, 0, 0.1, 0.01, 2, 1.5, 100, 2, 3, 0.8, 1, 0.1, 2, 0.5, null));
        assertTrue(e.getMessage().contains("--tol-high"));
    }
}
