package org.phaseflow;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The application ships no JMH: the benchmarks module (benchmarks/pom.xml) alone depends on it. */
class CoreClassPathTest {
    @Test
    void jmhIsNotOnTheCoreClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.openjdk.jmh.Main"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.phaseflow.bench.Suite"));
    }
}
