package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /**
     * Outcomes whose every particle spends {@code 10 + 7·j} evaluations at rtol_j (particle p one more
     * when p is odd: a mean of ·.5), in 3 + 2·j accepted steps and one rejected step when p is odd.
     */
    static Outcomes fake(List<Tolerances> asked, List<int[]> outputs) {
        return (spec, ks, progress) -> {
            asked.add(spec.tolerances());
            outputs.add(ks.clone());
            int j = (int) Math.round(Math.log(0.1 / spec.tolerances().rtol()) / Math.log(1.5));
            int n = spec.particles();
            int[] nfe = new int[n], accepted = new int[n], rejected = new int[n];
            for (int p = 0; p < n; p++) {
                nfe[p] = 10 + 7 * j + (p % 2);
                accepted[p] = 3 + 2 * j;
                rejected[p] = p % 2;
            }
            List<Samples> out = new ArrayList<>();
            for (int k : ks) {
                out.add(new Samples(k, new double[] {0, 1}, new int[n], new double[n], new double[n], nfe, accepted, rejected,
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
        Map<Integer, ToleranceSearch.Round> at = ToleranceSearch.roundMap();
        Outcomes rounds = ToleranceSearch.rounds(fake(asked, outputs), ErrorNorm.MAX, at);
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
        Study.Steps steps = ToleranceSearch.steps(byIndex, at);
        KStarSearch.Result r = ToleranceSearch.inNfe(byIndex, at);
        assertArrayEquals(new double[] {3, 5, 7, 9, 11, 13, 15, 17}, steps.accepted(), "accepted steps per particle at each rtol");
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, steps.rejected());
        assertArrayEquals(new double[] {13, 0.5}, steps.atStar(r, 2), "at rtol*");
        // rtol* = rtol_5; NFE* there = mean of 45 and 46, rounded half up
        assertEquals(ToleranceGrid.rtol(5), ToleranceSearch.rtolStar(r, 2), 1e-18);
        assertEquals(46, r.kStar());
        assertArrayEquals(new int[] {11, 18, 25, 32, 39, 46, 53, 60}, r.ks());
        assertArrayEquals(Arrays.copyOf(byJ, 8), r.errors());
        // confirm = 3 needs one more tighter point; with everything failing, nothing is reached
        assertTrue(Double.isNaN(ToleranceSearch.rtolStar(new double[] {0.5, 0.5, 0.5}, 0.1, 2)));
        assertFalse(ToleranceSearch.inNfe(new KStarSearch.Result(-1, 0.1, new int[] {1}, new double[] {1}), Map.of(1, at.get(1))).reached());
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
        // the steps of every evaluated tolerance pay for its NFE: one evaluation at τ = 0 and three per attempt (GM: no singular end)
        for (Study.Steps st : List.of(whole.stepsHigh(), whole.stepsLow())) {
            KStarSearch.Result res = st == whole.stepsHigh() ? whole.high() : whole.low();
            assertEquals(res.ks().length, st.accepted().length);
            for (int i = 0; i < res.ks().length; i++) {
                assertEquals(res.ks()[i], Math.round(1 + 3 * (st.accepted()[i] + st.rejected()[i])), "NFE from the steps at point " + i);
                assertTrue(st.accepted()[i] >= 1, "at least one accepted step");
            }
        }
    }

    /** The steps columns round-trip, and a file written before them reads (no steps) and is continued in its layout. */
    @Test
    void anAdaptiveRowsStepsRoundTripAndAnOlderFileStillReads(@TempDir Path dir) throws Exception {
        StudyPlan plan = plan(IntegratorKind.BS3A);
        Study.Row row = Study.row(plan, Study.tasks(plan).get(0), 2, ShardedRowTest.QUIET);
        Path csv = dir.resolve("study.csv");
        try (StudyCsv w = StudyCsv.open(csv, plan, false)) {
            w.write(row);
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).endsWith(",pilot_evaluations,pilot_s,accepted_high,rejected_high,accepted_low,rejected_low"), lines.get(0));
        Study.Row back = StudyCsv.read(csv, plan).getFirst();
        assertArrayEquals(row.stepsHigh().accepted(), back.stepsHigh().accepted());
        assertArrayEquals(row.stepsLow().rejected(), back.stepsLow().rejected());
        assertEquals(StudyCsv.line(plan, row), StudyCsv.line(plan, back));
        // the same file as written before the steps columns: four fields fewer on every line
        List<String> older = new ArrayList<>();
        for (String l : lines) {
            int cut = l.length();
            for (int i = 0; i < 4; i++) cut = l.lastIndexOf(',', cut - 1);
            older.add(l.substring(0, cut));
        }
        Files.write(csv, older, StandardCharsets.UTF_8);
        Study.Row old = StudyCsv.read(csv, plan).getFirst();
        assertNull(old.stepsHigh());
        assertEquals(row.low().kStar(), old.low().kStar());
        try (StudyCsv w = StudyCsv.open(csv, plan, true)) {
            w.write(row);
        }
        List<String> continued = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(3, continued.size());
        assertEquals(older.get(1), continued.get(2), "the row appended in the file's own layout");
    }

    static StudyPlan plan(IntegratorSpec integrator) {
        return new StudyPlan(List.of(ModelKind.GM), List.of(Family.VP), List.of(ShapeChoice.PAPER), List.of(ScheduleKind.DILATED),
                List.of(integrator), List.of(100), 1, 1, 100, 8, 0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K,
                Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    }
}
