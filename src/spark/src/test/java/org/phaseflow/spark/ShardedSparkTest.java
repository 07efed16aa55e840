package org.phaseflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.study.LocalExecutor;
import org.phaseflow.study.OptimizedSchedules;
import org.phaseflow.study.Study;
import org.phaseflow.study.StudyCsv;
import org.phaseflow.study.StudyRunner;
import org.phaseflow.study.TaskExecutor;

/**
 * Particle shards on Spark (docs/spark.md §7): a task split into shards, each round of its K* search
 * one job on local[2], gives the local runner's row, bit for bit (every K*, every error, as CSV
 * text), for 3 shards, and for 2 for an optimized schedule (computed once on the driver and sent
 * to the shards as its knots) and through {@code study --shards}; a shard whose first attempt fails
 * in every round is run again to the same row; the driver reports which K each round evaluates.
 */
class ShardedSparkTest {

    /** GM and CW, VP and VE, dilated, d = 300, and GM VE optimized: 5 tasks. */
    static final StudyPlan PLAN = new StudyPlan(List.of(ModelKind.GM, ModelKind.CW), List.of(Family.VP, Family.VE), List.of(ShapeChoice.PAPER),
            List.<ScheduleSpec>of(ScheduleKind.DILATED), List.of(IntegratorKind.EULER), List.of(300), 1, 1, 200, 16,
            0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    static final StudyPlan OPTIMIZED = new StudyPlan(List.of(ModelKind.GM), List.of(Family.VE), List.of(ShapeChoice.PAPER),
            List.<ScheduleSpec>of(ScheduleSpec.OPTIMIZED), List.of(IntegratorKind.EULER), List.of(300), 1, 1, 200, 16,
            0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);

    static List<String> reference, optimized;

    @BeforeAll
    static void localRows() {
        reference = SparkExecutorTest.lines(PLAN, SparkExecutorTest.run(PLAN, Study.tasks(PLAN), LocalExecutor.inOrder(1)));
        optimized = SparkExecutorTest.lines(OPTIMIZED, SparkExecutorTest.run(OPTIMIZED, Study.tasks(OPTIMIZED), LocalExecutor.inOrder(1)));
    }

    /** What a listener saw: the rounds (task, feature, ks) and the rows. */
    record Seen(List<String> rounds, List<Study.Row> rows) {}

    static Seen run(StudyPlan plan, TaskExecutor executor) {
        List<String> rounds = Collections.synchronizedList(new ArrayList<>());
        List<Study.Row> rows = Collections.synchronizedList(new ArrayList<>());
        executor.run(plan, Study.tasks(plan), new Study.Listener() {
            @Override public void accept(long n) {}

            @Override public void evaluating(Study.Task task, String feature, int[] ks) {
                rounds.add(task.key() + " " + feature + " " + java.util.Arrays.toString(ks));
            }

            @Override public void finished(Study.Row r) { rows.add(r); }
        });
        return new Seen(rounds, rows);
    }

    @Test
    void shardedTasksGiveTheLocalRunnersRowsAndReportEachRound() {
        assertEquals(4, reference.size());
        for (int shards : new int[] {3}) {   // the core's ShardedRowTest takes 1, 2, 3 and 7 shards without Spark
            Seen s = run(PLAN, new SparkExecutor("local[2]", 1, shards));
            assertEquals(reference, SparkExecutorTest.lines(PLAN, s.rows()), shards + " shards");
            // the rounds ran on the driver, which saw each K evaluated: every task's both searches
            for (Study.Row r : s.rows()) {
                long high = s.rounds().stream().filter(x -> x.startsWith(r.task().key() + " high ")).count();
                long low = s.rounds().stream().filter(x -> x.startsWith(r.task().key() + " low ")).count();
                assertTrue(high >= 1 && low >= 1 && high <= r.high().ks().length && low <= r.low().ks().length, r.task().key() + ": " + s.rounds());
            }
            // two searches at a time (local[2]: 2 slots, 3 shards a round, and one to fill the gaps):
            // at no point of the rounds had more than two tasks begun and not ended
            List<String> keys = s.rounds().stream().map(x -> x.substring(0, x.indexOf(" high ") > 0 ? x.indexOf(" high ") : x.indexOf(" low "))).toList();
            for (int at = 0; at < keys.size(); at++) {
                int open = 0;
                for (Study.Task t : Study.tasks(PLAN)) {
                    if (keys.subList(0, at + 1).contains(t.key()) && keys.subList(at, keys.size()).contains(t.key())) open++;
                }
                assertTrue(open <= 2, "round " + at + ": " + open + " searches at once: " + s.rounds());
            }
            assertEquals(2, SparkExecutor.searchesAtOnce(2, shards));
        }
        // the optimized schedule: computed on the driver, sent as knots (RunShard refuses to compute it)
        assertEquals(optimized, SparkExecutorTest.lines(OPTIMIZED, run(OPTIMIZED, new SparkExecutor("local[2]", 1, 2)).rows()));
    }

    /** bs3a: each round of its tolerance search sends its rtol, atol and norm to the shards, which give the local row. */
    @Test
    void anAdaptiveSettingsRoundsCarryTheirTolerancesToTheShards() {
        StudyPlan adaptive = new StudyPlan(List.of(ModelKind.GM), List.of(Family.VP), List.of(ShapeChoice.PAPER), List.<ScheduleSpec>of(ScheduleKind.DILATED),
                List.of(new org.phaseflow.integrator.IntegratorSpec.Normed(org.phaseflow.integrator.ErrorNorm.MODE)), List.of(300), 1, 1, 200, 16,
                0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        List<String> local = SparkExecutorTest.lines(adaptive, SparkExecutorTest.run(adaptive, Study.tasks(adaptive), LocalExecutor.inOrder(1)));
        assertEquals(local, SparkExecutorTest.lines(adaptive, run(adaptive, new SparkExecutor("local[2]", 1, 2)).rows()));
    }

    @Test
    void wholeOptimizedTasksOfThreeSeedsShareOneDriverPilot() {
        StudyPlan three = new StudyPlan(List.of(ModelKind.GM), List.of(Family.VE), List.of(ShapeChoice.PAPER),
                List.<ScheduleSpec>of(ScheduleSpec.OPTIMIZED), List.of(IntegratorKind.EULER), List.of(300), 3, 1, 200, 16,
                0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
        OptimizedSchedules local = OptimizedSchedules.inMemory(), driver = OptimizedSchedules.inMemory();
        List<Study.Row> a = Collections.synchronizedList(new ArrayList<>()), b = Collections.synchronizedList(new ArrayList<>());
        LocalExecutor.inOrder(1).run(three, Study.tasks(three), listener(a), local);
        // one task per Spark job, each executor given the driver's knots (RunTask refuses to compute them)
        new SparkExecutor("local[2]", 1, 1).run(three, Study.tasks(three), listener(b), driver);
        assertEquals(1, local.pilotsRun());
        assertEquals(1, driver.pilotsRun(), "one pilot on the driver for the three seeds");
        assertEquals(SparkExecutorTest.lines(three, a), SparkExecutorTest.lines(three, b));
        for (Study.Row r : b) assertEquals(a.get(0).pilot().evaluations(), r.pilot().evaluations());
    }

    private static Study.Listener listener(List<Study.Row> rows) {
        return new Study.Listener() {
            @Override public void accept(long n) {}

            @Override public void finished(Study.Row r) { rows.add(r); }
        };
    }

    @Test
    void aFailedShardIsRunAgainToTheSameRow() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StudyPlan one = new StudyPlan(List.of(ModelKind.GM), List.of(Family.VE), List.of(ShapeChoice.PAPER), List.<ScheduleSpec>of(ScheduleKind.DILATED),
                List.of(IntegratorKind.EULER), List.of(300), 1, 1, 200, 16, 0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M,
                Paper.SIGMA, Paper.BETA, Paper.H, null);
        Seen s;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            s = run(one, new SparkExecutor("local[2]", 1, 2, 1));
        } finally {
            System.setErr(saved);
        }
        List<String> local = SparkExecutorTest.lines(one, SparkExecutorTest.run(one, Study.tasks(one), LocalExecutor.inOrder(1)));
        assertEquals(local, SparkExecutorTest.lines(one, s.rows()));
        String log = err.toString(StandardCharsets.UTF_8);
        long failed = log.lines().filter(l -> l.startsWith("spark: a task attempt failed") && l.contains("shard 1: first attempt failed on purpose")).count();
        long remade = log.lines().filter(l -> l.contains(": shard 1 of 2: made by attempt 2 on executor")).count();
        // shard 1 failed once in every round, and every round's shard 1 was made again
        assertEquals(s.rounds().size(), failed, log);
        assertEquals(s.rounds().size(), remade, log);
        assertTrue(failed >= 2, log);
    }

    @Test
    void theStudyCommandShardsWithShardsAndRefusesBadCounts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s");
        String[] plan = {"--models", "gm", "--families", "vp,ve", "--schedules", "dilated", "--dims", "300", "--seeds", "1",
                "--particles-high", "200", "--particles-low", "16", "--k-start", "2", "--k-cap", "4096", "--confirm", "2"};
        List<String> args = new ArrayList<>(List.of(plan));
        args.addAll(List.of("--runner", "spark", "--master", "local[2]", "--shards", "2", "--out", out.toString()));
        SparkExecutorTest.Run r = SparkExecutorTest.study(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        StudyPlan p = StudyRunner.readPlan(out.resolve("study.json"));
        assertEquals(SparkExecutorTest.lines(p, SparkExecutorTest.run(p, Study.tasks(p), LocalExecutor.inOrder(2))),
                SparkExecutorTest.lines(p, StudyCsv.read(out.resolve("study.csv"), p)));
        assertTrue(java.nio.file.Files.readString(out.resolve("study.json")).contains("\"runner\" : \"spark local[2], 1 thread per task, 2 particle shards per task\""));
        Path none = dir.resolve("none");
        SparkExecutorTest.assertRefused(SparkExecutorTest.study("--runner", "spark", "--master", "local[2]", "--shards", "0", "--out", none.toString()),
                "--shards 0", "a positive integer");
        assertTrue(!java.nio.file.Files.exists(none));
    }

    @Test
    void withoutShardsOnlyTasksOfAtLeast1e8CoordinatesAreSplitIntoTheClustersTaskSlots() {
        StudyPlan paper = StudyPlan.paper(List.of(100_000, 1_000_000));
        List<Study.Task> tasks = Study.tasks(paper);
        Study.Task d5 = tasks.get(0), d6 = tasks.get(tasks.size() - 1);
        SparkExecutor auto = new SparkExecutor("local[2]", 1), two = new SparkExecutor("local[2]", 2);
        assertEquals(1, auto.shardsOf(paper, d5, 8));
        assertEquals(8, auto.shardsOf(paper, d6, 8));
        assertEquals(4, two.shardsOf(paper, d6, 8));     // a shard takes --threads task slots
        assertEquals(2, two.shardsOf(paper, d6, 2));     // never fewer than two
        assertEquals(3, new SparkExecutor("local[2]", 1, 3).shardsOf(paper, d5, 8));
        assertEquals(1, new SparkExecutor("local[2]", 1, 1).shardsOf(paper, d6, 8));
        // searches at once: their rounds fill the slots, and one more covers a search's decision between rounds
        assertEquals(2, SparkExecutor.searchesAtOnce(2, 2));
        assertEquals(5, SparkExecutor.searchesAtOnce(8, 2));
        assertEquals(2, SparkExecutor.searchesAtOnce(1, 7));
    }
}
