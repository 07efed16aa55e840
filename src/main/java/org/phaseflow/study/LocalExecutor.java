package org.phaseflow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.phaseflow.config.StudyPlan;

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
    public void run(StudyPlan plan, List<Study.Task> tasks, Study.Listener listener) {
        if (concurrentTasks == 1) {
            for (Study.Task t : tasks) listener.finished(Study.row(plan, t, threadsPerTask, listener));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrentTasks, r -> {
            Thread t = new Thread(r, "phaseflow-task");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Study.Task t : tasks) futures.add(pool.submit(() -> listener.finished(Study.row(plan, t, threadsPerTask, listener))));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
