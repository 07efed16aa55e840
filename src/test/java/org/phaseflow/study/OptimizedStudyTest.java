package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Json;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;

/** study --schedules …,optimized: the schedule is computed per task from its seed, and a row depends on its task alone. */
class OptimizedStudyTest {

    static StudyPlan plan(List<ScheduleSpec> schedules) {
        return new StudyPlan(List.of(ModelKind.GM), List.of(Family.VE), List.of(ShapeChoice.PAPER), schedules, List.of(IntegratorKind.EULER),
                List.of(400), 1, 1, 200, 16, 0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K,
                Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    }

    @Test
    void optimizedIsAScheduleByNameThatOnlyAStudyBuilds() throws Exception {
        assertSame(ScheduleSpec.OPTIMIZED, ScheduleSpec.parse("optimized"));
        assertEquals("optimized", ScheduleSpec.OPTIMIZED.toString());
        assertEquals("\"optimized\"", Json.MAPPER.writeValueAsString(ScheduleSpec.OPTIMIZED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScheduleSpec.OPTIMIZED.create(Interpolant.of(Shape.LINEAR, Family.VE, 100), 100, 3));
        assertTrue(e.getMessage().startsWith("--schedule optimized is computed from the target in a study only"), e.getMessage());
        // a plan that does not name it prints as before: the preset fingerprints stay (GoldenStudyTest asserts the paper's)
        StudyPlan p = plan(List.of(ScheduleKind.UNIFORM, ScheduleSpec.OPTIMIZED));
        assertTrue(p.asMap().toString().contains("schedules=[uniform, optimized]"), p.asMap().toString());
    }

    @Test
    void theOptimizedRowIsReproducibleAndBeatsUniformOnTheVeSpread() {
        StudyPlan p = plan(List.of(ScheduleKind.UNIFORM, ScheduleSpec.OPTIMIZED));
        List<Study.Row> a = StudyTest.run(p), b = StudyTest.run(p, Study.tasks(p), LocalExecutor.inOrder(1));
        assertEquals(2, a.size());
        Study.Row uniform = a.get(0), optimized = a.get(1);
        assertSame(ScheduleSpec.OPTIMIZED, optimized.setting().schedule());
        for (int i = 0; i < 2; i++) {
            assertEquals(a.get(i).high().kStar(), b.get(i).high().kStar());
            assertEquals(a.get(i).low().kStar(), b.get(i).low().kStar());
            assertEquals(java.util.Arrays.toString(a.get(i).low().errors()), java.util.Arrays.toString(b.get(i).low().errors()));
        }
        // uniform VE resolves the within-mode window 1 − τ ~ σ/√d only with K ~ √d steps (§5.4); the optimized schedule finds it
        assertTrue(optimized.low().reached() && uniform.low().reached());
        assertTrue(optimized.low().kStar() * 4 <= uniform.low().kStar(),
                "K*low optimized " + optimized.low().kStar() + ", uniform " + uniform.low().kStar());
    }
}
