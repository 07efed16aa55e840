package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Setting;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;

/** The profile's figures are the rows' own: seconds, element-steps (Σ K · N · d) and the split by verdict. */
class StudyProfileTest {

    @Test
    void sharesAndWorkComeFromTheRows() {
        StudyPlan plan = StudyPlan.paper(List.of(100, 1000));   // N = 600 (high), 32 (low)
        Setting cw = new Setting(ModelKind.CW, Family.VP, Shape.LINEAR, ScheduleKind.UNIFORM, IntegratorKind.EULER);
        Setting gm = new Setting(ModelKind.GM, Family.VE, Shape.LINEAR, ScheduleKind.DILATED, IntegratorKind.EULER);
        // high: K = 2 fails clearly (3× tol), K = 4 is near (1.5×), K = 8, 16, 32 pass; low: K = 2 passes
        KStarSearch.Result high = new KStarSearch.Result(8, 0.05, new int[] {2, 4, 8, 16, 32}, new double[] {0.15, 0.075, 0.01, 0.01, 0.01});
        KStarSearch.Result low = new KStarSearch.Result(2, 0.1, new int[] {2, 3, 5}, new double[] {0.01, 0.01, 0.01});
        List<Study.Row> rows = List.of(
                new Study.Row(cw, 1000, 1, high, false, low, false, List.of(), 3.0, 600, 32, null),
                new Study.Row(gm, 100, 1, low, false, low, false, List.of(), 1.0, 600, 32, null));
        String t = StudyProfile.text(plan, rows, 4.5);
        assertTrue(t.contains("2 rows, 4.0 s in rows (4.5 s wall)"), t);
        // cw: (2+4+8+16+32)·600·1000 + (2+3+5)·32·1000 = 3.752e7 element-steps in 3 s
        assertTrue(t.matches("(?s).*cw vp/linear uniform euler\\s+1000\\s+1\\s+75\\.0%\\s+3\\.0\\s+3\\.75e\\+07\\s+1\\.25e\\+07.*"), t);
        assertTrue(t.matches("(?s).*gm ve/linear dilated euler\\s+100\\s+1\\s+25\\.0%\\s+1\\.0\\s+6\\.32e\\+05.*"), t);
        // clearly failing: 2·600·1000 = 1.2e6 of 3.752e7 + 6.32e5 = 3.8152e7 → 3.1 %; near: 2.4e6 → 6.3 %
        assertTrue(t.contains("error > 2× tolerance 3.1%, between 1× and 2× 6.3%, within tolerance 90.6%"), t);
        assertTrue(t.contains("K=32 51.2% [0.20, 0.20]"), "K = 32: 1.92e7 of the group's 3.752e7: " + t);
        // by role: below K*, only K = 2 and 4 of the cw high search: 3.6e6 of 3.8152e7
        assertTrue(t.contains("below K* 9.4%"), t);
        // the least exact work: all of it but K = 2 of the cw high search (K = 4 alone refutes the windows below K* = 8)
        assertTrue(t.contains("would still integrate 96.9% of this work (at most 1.03× less)"), t);
    }

    @Test
    void theLeastExactWorkRefutesEveryEarlierRunWithTheCheapestFailures() {
        int[] ks = {2, 3, 5, 8, 12, 18, 27, 41};
        double[] w = java.util.Arrays.stream(ks).asDoubleStream().toArray();
        // five failures, then the run of three passes (confirm 2) from K* = 18
        KStarSearch.Result r = new KStarSearch.Result(18, 0.05, ks, new double[] {1, 1, 1, 1, 1, 0.01, 0.01, 0.01});
        assertEquals(5, StudyProfile.starIndex(r));
        // windows of three below K*: {3, 12} refutes them all (gaps of at most three, 12 just below K*): 3 + 12 + 18 + 27 + 41
        assertEquals(101, StudyProfile.leastExact(r, w, 5, 2), 0);
        // a pass at K = 5 leaves 3 or 2 to refute the first window: still 3 (5 cannot be chosen)
        KStarSearch.Result p = new KStarSearch.Result(18, 0.05, ks, new double[] {1, 1, 0.01, 1, 1, 0.01, 0.01, 0.01});
        assertEquals(101, StudyProfile.leastExact(p, w, 5, 2), 0);
        // with confirm 1 (windows of two): {2, 5, 12}: 2 + 5 + 12 + 18 + 27 + 41 (evaluated K beyond the run's two count too)
        assertEquals(105, StudyProfile.leastExact(r, w, 5, 1), 0);
        // K* first: only its run
        KStarSearch.Result first = new KStarSearch.Result(2, 0.05, new int[] {2, 3, 5}, new double[] {0.01, 0.01, 0.01});
        assertEquals(0, StudyProfile.starIndex(first));
        assertEquals(10, StudyProfile.leastExact(first, new double[] {2, 3, 5}, 0, 2), 0);
    }
}
