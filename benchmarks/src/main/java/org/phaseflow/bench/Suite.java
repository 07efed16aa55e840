package org.phaseflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * What every benchmark of the suite shares (JMH inherits these annotations and parameters): throughput
 * in calls per second, 3 × 1 s warm-up, 5 × 1 s measured, one fork with the Vector API module and the
 * 64-byte object alignment the launcher uses, one state per thread, and the dimensions d.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:ObjectAlignmentInBytes=64"})
@State(Scope.Thread)
public abstract class Suite {
    @Param({"1000", "10000", "100000"}) int dim;
}
