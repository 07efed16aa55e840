package org.phaseflow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.scheduler.Workers;

/**
 * The default executor: tasks run on this machine, {@code concurrentTasks} at a time (1: in order),
 * each sampling with {@code threadsPerTask} worker threads. One task at a time with every core
 * inside it keeps a large-d task in the cache; several at a time keep the cores busy when tasks are small.
 */
public record LocalExecutor(int concurrentTasks, int threadsPerTask) implements TaskExecutor {

    public LocalExecutor {
        if (concurrentTasks <= 0) throw new IllegalArgumentException("concurrent tasks must be a positive integer, got " + concurrentTasks);
        if (threadsPerTask <= 0) throw new IllegalArgumentException("--threads must be a positive integer, got " + threadsPerTask);
    }

    /** One task at a time on {@code threads} threads. */
    public static LocalExecutor inOrder(int threads) { return new LocalExecutor(1, threads); }

    @Override
    public void run(StudyPlan plan, List<Study.Task> tasks, Study.Listener listener, OptimizedSchedules schedules) {
        if (concurrentTasks == 1) {
            for (Study.Task t : tasks) listener.finished(Study.row(plan, t, threadsPerTask, listener, Outcomes.LOCAL, schedules));
            return;
        }
        ExecutorService pool = Workers.pool(concurrentTasks, "phaseflow-task");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Study.Task t : tasks) futures.add(pool.submit(() -> listener.finished(Study.row(plan, t, threadsPerTask, listener, Outcomes.LOCAL, schedules))));
            for (Future<?> f : futures) Workers.await(f, pool);
        } finally {
            pool.shutdownNow();
        }
    }
}
