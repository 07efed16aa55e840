package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.config.ToleranceGrid;
import org.phaseflow.integrator.ErrorNorm;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.IntegratorSpec;
import org.phaseflow.integrator.Tolerances;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Samples;

/**
 * The adaptive integrator's search over the tolerance grid (docs/mathematics.md §7.4): rounds walk
 * rtol_j = 0.1·1.5^{−j} loose → tight with atol = 10⁻³·rtol and the setting's norm, at the schedule's
 * fewest output points; rtol* is the first grid point that passes there and at the next two tighter
 * ones (an early crossing does not count); NFE* is the mean evaluations at rtol*, rounded.
 */
class ToleranceSearchTest {

    @Test
    void theGridIsTheDocumentedOne() {
        assertEquals(0.1, ToleranceGrid.rtol(0), 0);
        assertEquals(0.1 / 1.5, ToleranceGrid.rtol(1), 1e-17);
        assertEquals(0.1 / Math.pow(1.5, 28), ToleranceGrid.rtol(ToleranceGrid.COUNT - 1), 1e-20);
        Tolerances t = ToleranceGrid.at(3, ErrorNorm.MODE);
        assertEquals(0.1 / 3.375, t.rtol(), 1e-17);
        assertEquals(1e-3 * t.rtol(), t.atol(), 1e-20);
        assertEquals(ErrorNorm.MODE, t.norm());
        assertArrayEquals(new int[] {1, 2, 3}, Arrays.copyOf(ToleranceSearch.grid(), 3));
        assertEquals(ToleranceGrid.COUNT, ToleranceSearch.grid().length);
    }

    /** Outcomes whose every particle spends {@code 10 + 7·j} evaluations at rtol_j (particle p one more when p is odd: a mean of ·.5). */
    static Outcomes fake(List<Tolerances> asked, List<int[]> outputs) {
        return (spec, ks, progress) -> {
            asked.add(spec.tolerances());
            outputs.add(ks.clone());
            int j = (int) Math.round(Math.log(0.1 / spec.tolerances().rtol()) / Math.log(1.5));
            int n = spec.particles();
            int[] nfe = new int[n];
            for (int p = 0; p < n; p++) nfe[p] = 10 + 7 * j + (p % 2);
            List<Samples> out = new ArrayList<>();
            for (int k : ks) {
                out.add(new Samples(k, new double[] {0, 1}, new int[n], new double[n], new double[n], nfe, new int[n], new int[n],
                        null, new float[0][][], new float[0][], null, 0, 0));
            }
            return out;
        };
    }

    @Test
    void picksTheFirstRtolThatPassesThereAndAtTheNextTwoTighter() {
        // errors by grid index j: a lone early pass at j = 2, then a failure, then passes from j = 5 on
        double[] byJ = {0.9, 0.6, 0.05, 0.3, 0.2, 0.08, 0.09, 0.04, 0.01, 0.01};
        List<Tolerances> asked = new ArrayList<>();
        List<int[]> outputs = new ArrayList<>();
        Map<Integer, Long> nfe = ToleranceSearch.nfeMap();
        Outcomes rounds = ToleranceSearch.rounds(fake(asked, outputs), ErrorNorm.MAX, nfe);
        StudyPlan plan = plan(new IntegratorSpec.Normed(ErrorNorm.MAX));
        RunSpec spec = Study.spec(plan, Study.tasks(plan).get(0), 4, 1);
        KStarSearch.Result byIndex = KStarSearch.search(ToleranceSearch.grid(), ToleranceSearch.NEXT, 0.1, 2, idx -> {
            List<Samples> runs = rounds.at(spec, idx, null);
            assertEquals(idx.length, runs.size());
            double[] e = new double[idx.length];
            for (int i = 0; i < idx.length; i++) e[i] = byJ[idx[i] - 1];
            return e;
        });
        // walked loose → tight, each grid point once, nothing past the confirming j = 7
        assertEquals(8, asked.size());
        for (int j = 0; j < asked.size(); j++) {
            assertEquals(0.1 * Math.pow(1.5, -j), asked.get(j).rtol(), 1e-15, "round " + j);
            assertEquals(1e-3 * asked.get(j).rtol(), asked.get(j).atol(), 1e-18);
            assertEquals(ErrorNorm.MAX, asked.get(j).norm());
            // the dilated schedule's fewest output points: its kink and τ = 1
            assertArrayEquals(new int[] {2}, outputs.get(j));
        }
        KStarSearch.Result r = ToleranceSearch.inNfe(byIndex, nfe);
        // rtol* = rtol_5; NFE* there = mean of 45 and 46, rounded half up
        assertEquals(ToleranceGrid.rtol(5), ToleranceSearch.rtolStar(r, 2), 1e-18);
        assertEquals(46, r.kStar());
        assertArrayEquals(new int[] {11, 18, 25, 32, 39, 46, 53, 60}, r.ks());
        assertArrayEquals(Arrays.copyOf(byJ, 8), r.errors());
        // confirm = 3 needs one more tighter point; with everything failing, nothing is reached
        assertTrue(Double.isNaN(ToleranceSearch.rtolStar(new double[] {0.5, 0.5, 0.5}, 0.1, 2)));
        assertFalse(ToleranceSearch.inNfe(new KStarSearch.Result(-1, 0.1, new int[] {1}, new double[] {1}), Map.of(1, 11L)).reached());
    }

    @Test
    void aRowOfAnAdaptiveSettingCountsNfeAndItsShardsGiveTheSameRow() {
        StudyPlan plan = plan(IntegratorKind.BS3A);
        Study.Task task = Study.tasks(plan).get(0);
        AtomicInteger rounds = new AtomicInteger();
        Study.Row whole = Study.row(plan, task, 2, ShardedRowTest.QUIET);
        Study.Row sharded = Study.row(plan, task, 2, ShardedRowTest.QUIET, ShardedRowTest.sharded(3, rounds));
        assertEquals(StudyCsv.line(plan, whole), StudyCsv.line(plan, sharded));
        // one round per grid point evaluated, of either search
        assertEquals(whole.high().ks().length + whole.low().ks().length, rounds.get());
        assertTrue(whole.high().reached() && whole.low().reached(), StudyCsv.line(plan, whole));
        // the K columns hold NFE, more at the tightest rtol than at the loosest (not monotone in between: the controller's
        // rejections), and cost NFE counts them as they are
        int[] ks = whole.low().ks();
        assertTrue(ks.length >= 3 && ks[ks.length - 1] > ks[0] && ks[0] > 3, Arrays.toString(ks));
        StudyReport.Curve low = StudyReport.curves(plan, List.of(whole), Cost.NFE).stream().filter(c -> c.feature().equals("low")).findFirst().orElseThrow();
        assertEquals(whole.low().kStar(), low.median(100), 0);
    }

    static StudyPlan plan(IntegratorSpec integrator) {
        return new StudyPlan(List.of(ModelKind.GM), List.of(Family.VP), List.of(ShapeChoice.PAPER), List.of(ScheduleKind.DILATED),
                List.of(integrator), List.of(100), 1, 1, 100, 8, 0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K,
                Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    }
}
