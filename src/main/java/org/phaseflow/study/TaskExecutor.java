package org.phaseflow.study;

import java.util.List;
import org.phaseflow.config.StudyPlan;

/**
 * Runs a study's tasks (docs/architecture.md, "study"): the seam where the work is spread — over a
 * local thread pool by default, over a cluster by another implementation. Whatever the order or the
 * place a task runs, its row is the same: a row depends only on the plan and the task.
 */
public interface TaskExecutor {

    /**
     * Runs every task and hands each row to {@code listener.finished} as soon as it is known, in any
     * order; the rows of an optimized schedule take it from {@code schedules} (one pilot per setting and d).
     */
    void run(StudyPlan plan, List<Study.Task> tasks, Study.Listener listener, OptimizedSchedules schedules);

    /** As {@link #run(StudyPlan, List, Study.Listener, OptimizedSchedules)}, the schedules in memory for this call. */
    default void run(StudyPlan plan, List<Study.Task> tasks, Study.Listener listener) {
        run(plan, tasks, listener, OptimizedSchedules.inMemory());
    }
}
