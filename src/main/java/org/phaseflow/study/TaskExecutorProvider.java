package org.phaseflow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A {@link TaskExecutor} found by name on the class path (java.util.ServiceLoader), so that the core
 * depends on no cluster framework: the Spark runner lives in its own module (src/spark), which the
 * launcher puts on the class path only for {@code study --runner spark} (docs/architecture.md §5).
 */
public interface TaskExecutorProvider {

    /** The name {@code --runner} takes. */
    String name();

    /**
     * An executor for {@code master} (the cluster's address, or null for the provider's default), each
     * task sampling with {@code threadsPerTask} threads; bad values are refused with an
     * IllegalArgumentException naming the option.
     */
    TaskExecutor create(String master, int threadsPerTask);

    /**
     * As {@link #create(String, int)}, with each task's particles split into {@code shards} ranges
     * (null: the provider's own rule); a provider that does not split tasks refuses a count.
     */
    default TaskExecutor create(String master, int threadsPerTask, Integer shards) {
        if (shards != null) throw new IllegalArgumentException("--shards " + shards + ": the " + name() + " runner does not split a task's particles");
        return create(master, threadsPerTask);
    }

    /** The name of the executor that needs no provider: the local thread pool. */
    String LOCAL = "local";

    /**
     * The executor {@code --runner name} asks for: {@link LocalExecutor} for "local" (which takes no
     * master), else the provider of that name on the class path, or one line saying it is not there.
     */
    static TaskExecutor executor(String name, String master, int threadsPerTask) { return executor(name, master, threadsPerTask, null); }

    /** As {@link #executor(String, String, int)}, with {@code --shards} (null when not given), which the local runner refuses. */
    static TaskExecutor executor(String name, String master, int threadsPerTask, Integer shards) {
        if (name.equals(LOCAL)) {
            if (master != null) throw new IllegalArgumentException("--master " + master + ": only for a cluster runner (--runner spark); the local runner takes none");
            if (shards != null) {
                throw new IllegalArgumentException("--shards " + shards + ": only for a cluster runner (--runner spark); the local runner "
                        + "spreads a task's particles over --threads threads");
            }
            return LocalExecutor.inOrder(threadsPerTask);
        }
        List<String> found = new ArrayList<>(List.of(LOCAL));
        for (TaskExecutorProvider p : ServiceLoader.load(TaskExecutorProvider.class)) {
            if (p.name().equals(name)) return p.create(master, threadsPerTask, shards);
            found.add(p.name());
        }
        if (name.equals("spark")) {
            throw new IllegalArgumentException("--runner spark: the Spark runner is not on the class path "
                    + "(./phaseflow study --runner spark builds it from src/spark and adds it; docs/spark.md)");
        }
        throw new IllegalArgumentException("--runner " + name + ": not allowed (allowed: " + String.join(", ", found) + ")");
    }
}
