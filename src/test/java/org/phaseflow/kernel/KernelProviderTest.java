package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phaseflow.FreshJvm;

/**
 * The start-up choice of {@link Kernels}, each case in a fresh JVM: the vector kernels at 128, 256 and
 * 512 bits (forced by -Dphaseflow.vector.bits, and compared with the scalar twin there), and the
 * scalar fallback, with its one log line, without the incubator module, without C2, without FMA and
 * with vectors narrower than 128 bits.
 */
class KernelProviderTest {

    static long kernelLines(String output) {
        return output.lines().filter(l -> l.contains("kernels: ")).count();
    }

    static void assertScalarBecause(FreshJvm.Result r, String reason) {
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("WARNING: kernels: scalar, because " + reason), r.output());
        assertEquals(1, kernelLines(r.output()), "one log line: " + r.output());
        assertTrue(r.output().contains("selected: scalar"), r.output());
        assertTrue(r.output().contains("sum: 500500.0"), r.output());
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void vectorKernelsMatchScalarAtForcedWidth(int bits) throws Exception {
        assumeTrue(bits <= VectorKernels.PREFERRED_BITS, "this VM's preferred vectors are " + VectorKernels.PREFERRED_BITS
                + " bits: the " + bits + "-bit kernels cannot run here");
        FreshJvm.Result r = FreshJvm.runWith(List.of("-Xmx1g", "-Dphaseflow.vector.bits=" + bits),
                WidthCheck.class, "vector:" + bits, "full");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("INFO: kernels: vector(" + bits + "-bit, " + bits / 32 + " lanes, 64-byte aligned) (width forced by -Dphaseflow.vector.bits=" + bits + ")"), r.output());
        assertEquals(1, kernelLines(r.output()), "one log line: " + r.output());
        assertTrue(r.output().contains("all passed"), r.output());
    }

    @Test
    void withoutTheIncubatorModuleTheScalarKernelsRun() throws Exception {
        FreshJvm.Result r = FreshJvm.runWithoutVectorModule(List.of("-Xmx256m"), ProviderProbe.class);
        assertScalarBecause(r, "the Vector API module jdk.incubator.vector is not present (run with --add-modules jdk.incubator.vector)");
        assertFalse(r.output().contains("incubator modules"), "the module was loaded: " + r.output());
    }

    @Test
    void withoutC2TheScalarKernelsRun() throws Exception {
        assertScalarBecause(FreshJvm.runWith(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), ProviderProbe.class),
                "C2 is disabled (-XX:TieredStopAtLevel=1)");
        assertScalarBecause(FreshJvm.runWith(List.of("-Xmx256m", "-Xint"), ProviderProbe.class),
                "there is no JIT compiler (-Xint or -XX:-UseCompiler)");
    }

    @Test
    void vectorsNarrowerThan128BitsFallBackToScalar() throws Exception {
        assertScalarBecause(FreshJvm.runWith(List.of("-Xmx256m", "-XX:MaxVectorSize=8"), ProviderProbe.class),
                "the VM's preferred vectors are 64 bits wide");
    }

    /** Without FMA the scalar twin multiplies and adds unfused (Math.fma would run in BigDecimal), still accurate. */
    @Test
    void withoutFmaTheScalarKernelsRunUnfused() throws Exception {
        FreshJvm.Result r = FreshJvm.runWith(List.of("-Xmx1g", "-XX:-UseFMA"), WidthCheck.class, "scalar", "scalar");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("WARNING: kernels: scalar, because the CPU has no FMA (UseFMA is off)"), r.output());
        assertTrue(r.output().contains("(scalar fma false)"), r.output());
        assertTrue(r.output().contains("all passed"), r.output());
    }

    @Test
    void aWidthBeyondTheVmsIsRefused() throws Exception {
        FreshJvm.Result r = FreshJvm.runWith(List.of("-Xmx256m", "-XX:MaxVectorSize=16", "-Dphaseflow.vector.bits=256"), ProviderProbe.class);
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(r.output().contains("refused: -Dphaseflow.vector.bits=256 is wider than this VM's 128-bit vectors; allowed here: 128"), r.output());
    }

    @Test
    void malformedSettingsAreRefusedWithOneMessage() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.parseBits("300"));
        assertEquals("-Dphaseflow.vector.bits=300 is not a vector width; allowed: 128, 256 or 512 bits, at most the VM's "
                + "preferred width (unset: the preferred width)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.parseBits(""));
        assertEquals(0, Kernels.parseBits(null));
        assertEquals(256, Kernels.parseBits("256"));
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.forcedScalar("vector"));
        assertEquals("-Dphaseflow.kernels=vector is not a kernel choice; allowed: auto (the default) or scalar", e.getMessage());
        assertTrue(Kernels.forcedScalar("scalar"));
        assertFalse(Kernels.forcedScalar(null));

        // as the first kernel call sees it: the exception itself, not an initialiser error, even when scalar is forced
        FreshJvm.Result r = FreshJvm.runWith(List.of("-Xmx256m", "-Dphaseflow.vector.bits=64", "-Dphaseflow.kernels=scalar"), ProviderProbe.class);
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(r.output().contains("refused: -Dphaseflow.vector.bits=64 is not a vector width"), r.output());
    }
}
