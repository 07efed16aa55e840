package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.phaseflow.FreshJvm;

/**
 * A reduction must give the same bits whether its code is interpreted or compiled (docs/reproducibility.md:
 * results bit-identical for any thread count, reductions in a fixed order). Otherwise the result of
 * a run depends on when the JIT compiled the kernels, and so on the thread count and on what ran
 * before. Checked in a fresh JVM, where the first calls run interpreted ({@link ColdWarm}).
 */
class ReproducibilityTest {

    @Test
    void vectorReductionsDoNotDependOnCompilation() throws Exception {
        for (String n : new String[] {"1000", "4099"}) {
            FreshJvm.Result r = FreshJvm.run(ColdWarm.class, n);
            String changed = r.output().lines().filter(l -> l.contains("interpreted")).reduce("", (a, b) -> a + "\n  " + b);
            assertEquals(0, r.exitCode(), "vector kernel results changed once compiled (n = " + n + "):" + changed);
        }
    }
}
