package org.phaseflow.kernel;

import java.util.SplittableRandom;

/**
 * Run in a fresh JVM: every reduction of the vector kernels, first while the code is interpreted
 * (cold), then after enough calls for the JIT to compile it (warm), on the same data. Prints one
 * line per result that changed and exits with the number of changed results.
 */
public final class ColdWarm {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        FlowKernels k = Kernels.vector();
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[n], y = new float[n], u = new float[n], mu = new float[n], var = new float[n], out = new float[n], th = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = (float) r.nextGaussian();
            u[i] = r.nextBoolean() ? 1 : -1;
            mu[i] = (float) r.nextGaussian();
            var[i] = (float) (0.1 + r.nextDouble());
        }
        float m = 0.9575f;
        int block = FlowKernels.logBlock(m);
        double[][] cold = results(k, x, y, u, mu, var, out, th, n, m, block);
        int reps = Math.max(400, 40_000_000 / n);   // enough calls and loop iterations for C2 to compile every kernel
        for (int rep = 0; rep < reps; rep++) results(k, x, y, u, mu, var, out, th, n, m, block);
        double[][] warm = results(k, x, y, u, mu, var, out, th, n, m, block);
        String[] names = {"sum", "dot", "affineOnes", "affine", "cwLogOdds", "cwStep", "scaledSquaredDistance"};
        int changed = 0;
        for (int j = 0; j < names.length; j++) {
            for (int c = 0; c < cold[j].length; c++) {
                if (Double.doubleToLongBits(cold[j][c]) != Double.doubleToLongBits(warm[j][c])) {
                    changed++;
                    System.out.println(names[j] + "[" + c + "] n=" + n + ": interpreted " + cold[j][c] + ", compiled " + warm[j][c]);
                }
            }
        }
        System.exit(changed);
    }

    static double[][] results(FlowKernels k, float[] x, float[] y, float[] u, float[] mu, float[] var, float[] out, float[] th,
                              int n, float m, int block) {
        double[] s2 = new double[2], s3 = new double[2], s4 = new double[2];
        double sum = k.sum(x, 0, n), dot = k.dot(x, 0, y, 0, n), ones = k.affineOnes(x, 0, out, 0, n, 0.9f, 0.1f);
        k.affine(x, 0, u, out, 0, n, 0.9f, 0.1f, s2);
        k.cwLogOdds(x, 0, th, n, 1.3f, m, block, s3);
        k.cwStep(x, 0, th, out, 0, n, 0.9f, 0.1f, m, 0.5f, 1.4f, block, s4);
        double ssd = k.scaledSquaredDistance(x, 0, mu, var, n, 0.6f, 0.64f);
        return new double[][] {{sum}, {dot}, {ones}, s2.clone(), s3.clone(), s4.clone(), {ssd}};
    }
}
