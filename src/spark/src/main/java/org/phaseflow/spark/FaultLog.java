package org.phaseflow.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.TaskFailedReason;

/** One line on stderr for each failed task attempt and each lost executor, so a retried row is never silent. */
final class FaultLog extends SparkListener {

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof TaskFailedReason r) {
            System.err.printf("spark: a task attempt failed on executor %s (stage %d, attempt %d): %s; Spark runs it again%n",
                    end.taskInfo().executorId(), end.stageId(), end.taskInfo().attemptNumber(),
                    r.toErrorString().lines().findFirst().orElse("")).flush();
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        System.err.printf("spark: executor %s was lost (%s); its tasks run again elsewhere%n", removed.executorId(), removed.reason()).flush();
    }

    /** A row that needed more than one attempt. */
    void retried(String task, TaskRow row) {
        System.err.printf("spark: %s: row made by attempt %d on executor %s%n", task, row.attempt() + 1, row.executor()).flush();
    }

    /** A shard of a round that needed more than one attempt ({@code attempt} counted from 0). */
    void retried(String shard, int attempt, String executor) {
        System.err.printf("spark: %s: made by attempt %d on executor %s%n", shard, attempt + 1, executor).flush();
    }
}
