package org.phaseflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.cli.Main;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.study.LocalExecutor;
import org.phaseflow.study.Study;
import org.phaseflow.study.StudyCsv;
import org.phaseflow.study.StudyRunner;
import org.phaseflow.study.TaskExecutor;
import org.phaseflow.study.TaskExecutorProvider;
import picocli.CommandLine;

/**
 * The Spark runner gives the local runner's rows, bit for bit (every K* and every error, compared as
 * CSV text), on local[1] and local[2], after failed attempts, and when a study started on one runner
 * is resumed on the other; its options are refused in one line; it binds to 127.0.0.1 with no UI and
 * hands the engine's JVM options to the executors.
 */
class SparkExecutorTest {

    /** GM and CW, VP and VE, uniform and dilated at two small d, two seeds: 32 tasks of a few ms each. */
    static final StudyPlan PLAN = new StudyPlan(List.of(ModelKind.GM, ModelKind.CW), List.of(Family.VP, Family.VE), List.of(ShapeChoice.PAPER),
            List.of(ScheduleKind.UNIFORM, ScheduleKind.DILATED), List.of(IntegratorKind.EULER), List.of(100, 300), 2, 1, 200, 16,
            0.05, 0.1, 0.01, 2, 1.5, 4096, 2, Paper.K, Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);

    static List<String> reference;

    @BeforeAll
    static void localRows() {
        reference = lines(PLAN, run(PLAN, Study.tasks(PLAN), LocalExecutor.inOrder(1)));
    }

    /** Runs the tasks, collecting the rows in the order they finish. */
    static List<Study.Row> run(StudyPlan plan, List<Study.Task> tasks, TaskExecutor executor) {
        List<Study.Row> rows = Collections.synchronizedList(new ArrayList<>());
        executor.run(plan, tasks, new Study.Listener() {
            @Override public void accept(long n) {}

            @Override public void finished(Study.Row r) { rows.add(r); }
        });
        return rows;
    }

    /** The rows' CSV lines (all but the elapsed time) in the plan's task order. */
    static List<String> lines(StudyPlan plan, List<Study.Row> rows) {
        Map<String, String> byKey = new HashMap<>();
        for (Study.Row r : rows) byKey.put(r.task().key(), StudyCsv.line(plan, r));
        assertEquals(rows.size(), byKey.size(), "one row per task");
        List<String> out = new ArrayList<>();
        for (Study.Task t : Study.tasks(plan)) if (byKey.containsKey(t.key())) out.add(byKey.get(t.key()));
        return out;
    }

    @Test
    void rowsAreTheLocalRunnersBitsOnLocal1AndLocal2() {
        assertEquals(32, reference.size());
        assertEquals(reference, lines(PLAN, run(PLAN, Study.tasks(PLAN), new SparkExecutor("local[1]", 1))));
        // two tasks at a time, and in reverse submission order: the rows do not depend on it
        List<Study.Task> reversed = new ArrayList<>(Study.tasks(PLAN));
        Collections.reverse(reversed);
        assertEquals(reference, lines(PLAN, run(PLAN, reversed, new SparkExecutor("local[2]", 1))));
        // two threads inside one task
        assertEquals(reference, lines(PLAN, run(PLAN, Study.tasks(PLAN), new SparkExecutor("local[2]", 2))));
    }

    @Test
    void aFailedAttemptIsRunAgainToTheSameRow() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Study.Row> rows;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rows = run(PLAN, Study.tasks(PLAN), new SparkExecutor("local[2]", 1, null, -1, 0, 5, 31));
        } finally {
            System.setErr(saved);
        }
        assertEquals(reference, lines(PLAN, rows));
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, log.lines().filter(l -> l.startsWith("spark: a task attempt failed") && l.contains("failed on purpose")).count(), log);
        assertTrue(log.contains("spark: " + Study.tasks(PLAN).get(5).key() + ": row made by attempt 2"), log);
    }

    @Test
    void aTaskThatFailsEveryAllowedAttemptStopsTheStudy() {
        System.setProperty("spark.task.maxFailures", "1");
        try {
            List<Study.Row> rows = Collections.synchronizedList(new ArrayList<>());
            org.phaseflow.study.TaskFailedException e = assertThrows(org.phaseflow.study.TaskFailedException.class,
                    () -> new SparkExecutor("local[2]", 1, null, -1, 3).run(PLAN, Study.tasks(PLAN), new Study.Listener() {
                        @Override public void accept(long n) {}

                        @Override public void finished(Study.Row r) { rows.add(r); }
                    }));
            assertTrue(e.getMessage().startsWith("spark: the study stops: ") && e.getMessage().contains("failed 1 times"), e.getMessage());
            assertTrue(e.getMessage().contains("first attempt failed on purpose"), e.getMessage());
            assertTrue(rows.size() < 32);
        } finally {
            System.clearProperty("spark.task.maxFailures");
        }
    }

    @Test
    void aStudyStartedLocallyResumesOnSparkAndTheOtherWayRound(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("study.csv");
        StudyRunner.run(PLAN, LocalExecutor.inOrder(2), dir, false, Map.of(), new StudyRunner.Events() {});
        List<String> all = Files.readAllLines(csv);
        // interrupted after 10 rows, the 11th cut short
        Files.writeString(csv, String.join("\n", all.subList(0, 11)) + "\n" + all.get(11).substring(0, 30));
        List<Integer> done = new ArrayList<>();
        StudyRunner.Result r = StudyRunner.run(PLAN, new SparkExecutor("local[2]", 1), dir, true, Map.of(), new StudyRunner.Events() {
            @Override public void row(Study.Row row, int n, int total) { done.add(n); }
        });
        assertEquals(22, done.size(), "only the missing rows are computed");
        assertEquals(reference, lines(PLAN, r.rows()));
        assertEquals(reference, lines(PLAN, StudyCsv.read(csv, PLAN)));
        // and a study begun on Spark finishes on the local runner
        Files.writeString(csv, String.join("\n", Files.readAllLines(csv).subList(0, 6)) + "\n");
        StudyRunner.Result back = StudyRunner.run(PLAN, LocalExecutor.inOrder(2), dir, true, Map.of(), new StudyRunner.Events() {});
        assertEquals(reference, lines(PLAN, back.rows()));
    }

    record Run(int exit, String err) {}

    static Run study(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        PrintStream saved = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of("study"));
            all.addAll(List.of(args));
            return new Run(cl.execute(all.toArray(String[]::new)), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    static void assertRefused(Run r, String... fragments) {
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r.err());
        for (String f : fragments) assertTrue(lines.get(0).contains(f), lines.get(0) + " does not name " + f);
    }

    @Test
    void theStudyCommandFindsTheRunnerOnTheClassPathAndWritesTheLocalRows(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s");
        String[] plan = {"--models", "gm", "--families", "vp,ve", "--dims", "100,300", "--seeds", "2", "--particles-high", "200",
                "--particles-low", "16", "--k-start", "2", "--k-cap", "4096", "--confirm", "2"};
        List<String> args = new ArrayList<>(List.of(plan));
        args.addAll(List.of("--runner", "spark", "--master", "local[2]", "--out", out.toString()));
        Run r = study(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        StudyPlan p = StudyRunner.readPlan(out.resolve("study.json"));
        assertTrue(Files.readString(out.resolve("study.json")).contains("\"runner\" : \"spark local[2], 1 thread per task, particle shards for tasks of particles × d ≥ 1e8\""));
        List<String> spark = lines(p, StudyCsv.read(out.resolve("study.csv"), p));
        assertEquals(lines(p, run(p, Study.tasks(p), LocalExecutor.inOrder(2))), spark);
        assertEquals(16, spark.size());

        Path none = dir.resolve("none");
        assertRefused(study("--runner", "spark", "--master", "yarn", "--out", none.toString()), "--master yarn", "local[N]", "spark://HOST:PORT");
        assertRefused(study("--runner", "spark", "--master", "local[2]", "--threads", "3", "--out", none.toString()), "--threads 3", "local[2]");
        assertRefused(study("--runner", "spark", "--master", "spark://127.0.0.1", "--out", none.toString()), "--master spark://127.0.0.1");
        // Kubernetes (spark-kubernetes_2.13 is on the class path): no image, then an API server that is not there
        assertRefused(study("--runner", "spark", "--master", "k8s://https://127.0.0.1:6443", "--out", none.toString()),
                "--master k8s://https://127.0.0.1:6443", "spark.kubernetes.container.image=IMAGE");
        System.setProperty("spark.kubernetes.container.image", "registry.invalid/phaseflow-spark:0");
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = free.getLocalPort();
            free.close();   // a loopback port that nothing listens on
            assertRefused(study("--runner", "spark", "--master", "k8s://https://127.0.0.1:" + port, "--out", none.toString()),
                    "--master k8s://https://127.0.0.1:" + port, "cannot reach the Kubernetes API server at 127.0.0.1:" + port);
            assertRefused(study("--runner", "spark", "--master", "k8s://127.0.0.1:" + port, "--out", none.toString()),
                    "cannot reach the Kubernetes API server at 127.0.0.1:" + port);
        } finally {
            System.clearProperty("spark.kubernetes.container.image");
        }
        assertTrue(!Files.exists(none));
    }

    @Test
    void localModeBindsToLoopbackWithoutUiAndExecutorsGetTheEnginesJvmOptions() {
        SparkConf c = new SparkExecutor("local[2]", 1).conf();
        assertEquals("local[2,4]", c.get("spark.master"));
        assertEquals("127.0.0.1", c.get("spark.driver.host"));
        assertEquals("127.0.0.1", c.get("spark.driver.bindAddress"));
        assertEquals("false", c.get("spark.ui.enabled"));
        assertEquals("1", c.get("spark.task.cpus"));
        List<String> opts = List.of(c.get("spark.executor.extraJavaOptions").split(" "));
        for (String o : new String[] {"--add-modules=jdk.incubator.vector", "-XX:ObjectAlignmentInBytes=64", "-XX:+UseParallelGC",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true"}) {
            assertTrue(opts.contains(o), o + " in " + opts);
        }
        assertTrue(opts.stream().noneMatch(o -> o.startsWith("-Xmx")), "the heap is the executor's own: " + opts);
        assertEquals("local[*,4]", SparkExecutor.sparkMaster("local[*]", 4));
        assertEquals("local[1,4]", SparkExecutor.sparkMaster("local", 4));
        assertEquals("local[3,2]", SparkExecutor.sparkMaster("local[3,2]", 4));
        assertEquals("spark://127.0.0.1:7077", SparkExecutor.sparkMaster("spark://127.0.0.1:7077", 4));
        assertEquals("spark local[*], 1 thread per task, particle shards for tasks of particles × d ≥ 1e8",
                TaskExecutorProvider.executor("spark", null, 1).toString());
    }

    @Test
    void javaBefore25_0_3IsRefusedInOneLine() {
        for (String v : new String[] {"25+36", "25.0.1+8", "25.0.2+10-LTS"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkExecutor.checkJdk(Runtime.Version.parse(v)));
            assertTrue(e.getMessage().contains("JDK-8377811") && e.getMessage().contains("25.0.3 or newer"), e.getMessage());
        }
        SparkExecutor.checkJdk(Runtime.Version.parse("25.0.3+9"));
        SparkExecutor.checkJdk(Runtime.Version.parse("26+35"));
    }
}
