package org.phaseflow.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.phaseflow.config.Json;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.schedule.PiecewiseLinear;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.study.OptimizedSchedules;
import org.phaseflow.study.Outcomes;
import org.phaseflow.study.Study;

/**
 * What an executor runs for one task: the plan travels as its JSON (which reads back as an equal plan)
 * and the task as its index in {@code Study.tasks(plan)}, so nothing of the core needs to be
 * serializable; the row comes back as a {@link TaskRow}. An optimized schedule comes from the driver
 * as its knots with its pilot's cost (one pilot per setting and d, docs/mathematics.md §5.8), never
 * computed here. {@code failFirstAttempt} lists tasks whose first attempt fails on purpose (the retry tests).
 */
record RunTask(String planJson, String fingerprint, int threads, int[] failFirstAttempt, RunShard.Knots knots, long pilotEvaluations,
               double pilotSeconds) implements Function<Integer, TaskRow> {

    /** A task whose schedule is not an optimized one. */
    RunTask(String planJson, String fingerprint, int threads, int[] failFirstAttempt) {
        this(planJson, fingerprint, threads, failFirstAttempt, null, -1, 0);
    }

    /** The same task with the optimized schedule the driver computed, and its pilot's cost. */
    RunTask with(OptimizedSchedules.Entry e) {
        PiecewiseLinear pl = e.schedule();
        return new RunTask(planJson, fingerprint, threads, failFirstAttempt, new RunShard.Knots(pl.id(), pl.t(), pl.tau()),
                e.pilot().evaluations(), e.pilot().seconds());
    }

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
        OptimizedSchedules schedules;
        if (knots != null) {
            schedules = OptimizedSchedules.of(task.setting(), task.dim(),
                    new OptimizedSchedules.Entry(knots.schedule(), new Study.Pilot(pilotEvaluations, pilotSeconds)));
        } else if (task.setting().schedule() instanceof ScheduleSpec.Optimized) {
            throw new IllegalStateException(task.key() + ": an optimized schedule must come from the driver, not be computed per task");
        } else {
            schedules = OptimizedSchedules.inMemory();
        }
        return TaskRow.of(index, Study.row(plan, task, threads, QUIET, Outcomes.LOCAL, schedules), executorId(), attempt);
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
