package org.phaseflow.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.phaseflow.config.Json;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.study.Study;

/**
 * What an executor runs for one task: the plan travels as its JSON (which reads back as an equal plan)
 * and the task as its index in {@code Study.tasks(plan)}, so nothing of the core needs to be
 * serializable; the row comes back as a {@link TaskRow}. {@code failFirstAttempt} lists tasks whose
 * first attempt fails on purpose (the retry tests).
 */
record RunTask(String planJson, String fingerprint, int threads, int[] failFirstAttempt) implements Function<Integer, TaskRow> {

    /** The plans this JVM has read, by their JSON (an executor runs many tasks of one plan). */
    private static final ConcurrentHashMap<String, StudyPlan> PLANS = new ConcurrentHashMap<>();

    private static final Study.Listener QUIET = new Study.Listener() {
        @Override public void accept(long n) {}

        @Override public void finished(Study.Row row) {}
    };

    @Override
    public TaskRow call(Integer index) {
        StudyPlan plan = plan(planJson, fingerprint);
        int attempt = attempt();
        for (int i : failFirstAttempt) {
            if (i == index && attempt == 0) throw new IllegalStateException("task " + index + ": first attempt failed on purpose");
        }
        Study.Task task = Study.tasks(plan).get(index);
        return TaskRow.of(index, Study.row(plan, task, threads, QUIET), executorId(), attempt);
    }

    /**
     * The plan of {@code json} on an executor (read once per JVM), after the checks every executor
     * makes: the JDK, and the plan's fingerprint against the driver's.
     */
    static StudyPlan plan(String json, String fingerprint) {
        SparkExecutor.checkJdk(Runtime.version());
        StudyPlan plan = PLANS.computeIfAbsent(json, RunTask::parse);
        // the fingerprint covers the SHA-256 of a mixture or schedule file, which this machine reads again
        if (!plan.fingerprint().equals(fingerprint)) {
            throw new IllegalStateException("the plan's fingerprint is " + plan.fingerprint() + " on executor " + executorId()
                    + " but " + fingerprint + " on the driver: a mixture or schedule file differs between them");
        }
        return plan;
    }

    /** This attempt's number (0 for the first). */
    static int attempt() { return TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber(); }

    static String executorId() { return SparkEnv.get() == null ? "?" : SparkEnv.get().executorId(); }

    private static StudyPlan parse(String json) {
        try {
            return Json.MAPPER.readValue(json, StudyPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
