package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the JIT has compiled, as the warm-up check reads it from HotSpot's code list. */
class CompiledMethodsTest {

    @Test
    void keepsTheClassesMethodsWithC2CodeInUse() {
        String list = String.join("\n",
                "10801:",
                "3 4 0 java.lang.Byte.toUnsignedInt(B)I [0x00007f29e7ec7008, 0x00007f29e7ec7100 - 0x00007f29e7ec7168]",
                "1364 3 0 org.phaseflow.kernel.VectorKernels.cwStepBody([FI[F[FIIIFFFFFI[D)V [0x1, 0x2 - 0x3]",
                "1961 4 1 org.phaseflow.kernel.VectorKernels.cwStepBody([FI[F[FIIIFFFFFI[D)V [0x1, 0x2 - 0x3]",
                "1962 4 0 org.phaseflow.kernel.VectorKernels.affineOnesBody([FI[FIIIFF)D [0x1, 0x2 - 0x3]",
                "1963 4 0 org.phaseflow.kernel.VectorKernelsX.sum([FII)D [0x1, 0x2 - 0x3]",
                "2004 4 0 org.phaseflow.kernel.VectorKernels$Inner.sum([FII)D [0x1, 0x2 - 0x3]");
        // tier 3 and a not-entrant tier 4 do not count, nor another class whose name starts the same
        assertEquals(Set.of("affineOnesBody"), HotSpotOptions.c2Methods(list, "org.phaseflow.kernel.VectorKernels"));
        assertEquals(Set.of("toUnsignedInt"), HotSpotOptions.c2Methods(list, "java.lang.Byte"));
        assertTrue(HotSpotOptions.c2Methods("", "java.lang.Byte").isEmpty());
    }

    @Test
    void thisVmCanBeAsked() {
        // the test JVM has long since compiled some of String's methods with C2, and nothing of a class it never ran
        assertFalse(HotSpotOptions.compiledAtC2("java.lang.String").orElseThrow().isEmpty());
        assertTrue(HotSpotOptions.compiledAtC2("org.phaseflow.kernel.NoSuchClass").orElseThrow().isEmpty());
    }
}
