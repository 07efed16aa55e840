package org.phaseflow.kernel;

/**
 * Run in a fresh JVM, possibly without the Vector API module (so it names no incubator class): lets
 * {@link Kernels} choose, as the application's first kernel call would, and prints the choice and a
 * small sum computed with it. A refused setting prints "refused: message" and exits with 3.
 */
public final class ProviderProbe {
    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");   // the application's one-line format
        FlowKernels k;
        try {
            k = Kernels.preferred();
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
            return;
        }
        float[] x = new float[1001];
        for (int i = 0; i < x.length; i++) x[i] = i;
        System.out.println("selected: " + k.name());
        System.out.println("vectorized: " + Kernels.vectorized());
        System.out.println("fma: " + ScalarKernels.FMA);
        System.out.println("sum: " + k.sum(x, 0, x.length));
    }
}
