package org.phaseflow.spark;

import org.phaseflow.study.TaskExecutor;
import org.phaseflow.study.TaskExecutorProvider;

/** {@code study --runner spark}: the provider the core finds with java.util.ServiceLoader (META-INF/services). */
public final class SparkRunner implements TaskExecutorProvider {

    @Override public String name() { return "spark"; }

    @Override public TaskExecutor create(String master, int threadsPerTask) { return new SparkExecutor(master, threadsPerTask); }

    @Override public TaskExecutor create(String master, int threadsPerTask, Integer shards) { return new SparkExecutor(master, threadsPerTask, shards); }
}
