package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.study.LocalExecutor;
import org.phaseflow.study.TaskExecutorProvider;

/**
 * {@code study --runner/--master}: the core finds a runner other than the local one only on the class
 * path (the Spark module's tests run it); without it, and for a bad name or a master without a
 * cluster runner, one line before any work and nothing written.
 */
class StudyRunnerOptionTest {

    @Test
    void theLocalRunnerIsTheThreadPoolAndTakesNoMaster() {
        assertEquals(LocalExecutor.inOrder(3), TaskExecutorProvider.executor("local", null, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskExecutorProvider.executor("local", "local[2]", 1));
        assertTrue(e.getMessage().startsWith("--master local[2]"), e.getMessage());
    }

    @Test
    void aRunnerNotOnTheClassPathIsRefusedWithOneLineBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        // the core's tests run without the Spark module on the class path
        SampleCommandTest.assertRefused(StudyCommandTest.study("--preset", "quick", "--runner", "spark", "--out", out.toString()),
                "--runner spark", "not on the class path", "docs/spark.md");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--preset", "quick", "--runner", "yarn", "--out", out.toString()),
                "--runner yarn", "allowed: local");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--preset", "quick", "--master", "spark://127.0.0.1:7077", "--out", out.toString()),
                "--master spark://127.0.0.1:7077", "--runner spark");
        SampleCommandTest.assertRefused(StudyCommandTest.study("--preset", "quick", "--shards", "4", "--out", out.toString()),
                "--shards 4", "--runner spark", "--threads");
        assertTrue(!Files.exists(out), "nothing written");
    }
}
