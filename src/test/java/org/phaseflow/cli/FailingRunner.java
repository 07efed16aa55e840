package org.phaseflow.cli;

import org.phaseflow.study.TaskExecutor;
import org.phaseflow.study.TaskExecutorProvider;
import org.phaseflow.study.TaskFailedException;

/** A runner of the tests' class path whose every study fails as a cluster's would, after one row. */
public final class FailingRunner implements TaskExecutorProvider {
    @Override public String name() { return "failing"; }

    @Override
    public TaskExecutor create(String master, int threadsPerTask) {
        return (plan, tasks, listener, schedules) -> {
            listener.finished(org.phaseflow.study.Study.row(plan, tasks.get(0), 1, listener));
            throw new TaskFailedException("failing: the study stops: lost every executor", new IllegalStateException("gone"));
        };
    }
}
