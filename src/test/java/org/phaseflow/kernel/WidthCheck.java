package org.phaseflow.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Run in a fresh JVM: checks that {@link Kernels} chose what the first argument expects
 * ({@code vector:BITS} or {@code scalar}), then runs kernel tests in that JVM: {@code full}, the
 * vector-against-scalar comparisons; {@code scalar}, the scalar twin's accuracy against double
 * references (for a JVM without FMA, where the vector form would be emulated). Prints one line per
 * failure and exits with their number.
 */
public final class WidthCheck {
    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        String expect = args[0];
        boolean full = args[1].equals("full");
        List<String> failures = new ArrayList<>();
        FlowKernels chosen = Kernels.preferred();
        if (expect.equals("scalar")) {
            if (Kernels.vectorized()) failures.add("expected the scalar kernels, chose " + chosen.name());
        } else {
            int bits = Integer.parseInt(expect.substring("vector:".length()));
            if (!Kernels.vectorized()) failures.add("expected the " + bits + "-bit vector kernels, chose " + chosen.name());
            if (VectorKernels.S.vectorBitSize() != bits) failures.add("species is " + VectorKernels.S + ", expected " + bits + " bits");
        }
        System.out.println("chosen: " + chosen.name() + (full ? "; comparing " + Kernels.vector().name() + " with scalar" : "")
                + " (scalar fma " + ScalarKernels.FMA + ")");

        if (full) {   // the vector form against the scalar twin, everywhere the in-suite tests compare them
            KernelsTest kt = new KernelsTest();
            AlignedHeadTest ah = new AlignedHeadTest();
            for (int n : KernelsTest.LENGTHS) run(failures, "vectorMatchesScalar n=" + n, () -> kt.vectorMatchesScalar(n));
            run(failures, "odd lengths", kt::vectorMatchesScalarOnEveryOddLengthUpTo4099);
            run(failures, "reductions at d = 1e5", kt::reductionsAtDimension1e5MatchDoubleReference);
            run(failures, "tanh lanes", new FastTanhTest()::laneFormMatchesScalarForm);
            run(failures, "aligned head", ah::headReachesTheAlignment);
            run(failures, "GM kernels at every offset", ah::gmKernelsAgreeAtEveryOffset);
            run(failures, "CW kernels at every offset", ah::cwKernelsAgreeAtEveryOffset);
            run(failures, "polynomial log", ah::polynomialLogMatchesMathLog);
        } else {      // the scalar twin alone, against double references: the vector form here is emulated (slow) and fused where the twin is not
            FastTanhTest ft = new FastTanhTest();
            run(failures, "tanh dense grid", ft::withinFourUlpOnADenseGrid);
            run(failures, "tanh magnitudes", ft::withinFourUlpAcrossMagnitudes);
            run(failures, "tanh bounded and odd", ft::boundedAndOdd);
            run(failures, "scalar reductions at d = 1e5", () -> KernelsTest.reductionsMatchDoubleReference(Kernels.scalar()));
        }
        failures.forEach(f -> System.out.println("FAILED " + f));
        System.out.println(failures.isEmpty() ? "all passed" : failures.size() + " failed");
        System.exit(failures.size());
    }

    interface Check { void run() throws Exception; }

    static void run(List<String> failures, String what, Check c) {
        try {
            c.run();
            System.out.println("passed " + what);
        } catch (Throwable e) {   // AssertionFailedError and any error: one line each
            failures.add(what + ": " + e);
        }
    }
}
