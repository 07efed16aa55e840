package org.phaseflow.study;

import java.util.Arrays;

/**
 * K*(tolerance): the smallest grid K from which a feature's error stays within tolerance at K and at
 * every larger grid K evaluated, at least {@code confirm} of them (docs/mathematics.md §7).
 * Error curves are not monotone, so a single early crossing never counts: the grid is walked upwards
 * (each K evaluated once, in batches that share initial noise) until the last confirm + 1 evaluated K
 * all pass. When the cap comes first the answer is "not reached", with the best error seen.
 */
public final class KStarSearch {
    private KStarSearch() {}

    /** Errors of one feature at each K in {@code ks} (one pass of common random numbers). */
    @FunctionalInterface
    public interface Evaluator {
        double[] errors(int[] ks);
    }

    /**
     * @param kStar   K*, or -1 when not reached
     * @param ks      every K evaluated, in order
     * @param errors  their errors
     */
    public record Result(int kStar, double tolerance, int[] ks, double[] errors) {
        public boolean reached() { return kStar > 0; }

        /** Index of the smallest error seen. */
        int best() {
            int b = 0;
            for (int i = 1; i < errors.length; i++) if (errors[i] < errors[b]) b = i;
            return b;
        }

        public double bestError() { return errors.length == 0 ? Double.NaN : errors[best()]; }

        public int bestK() { return errors.length == 0 ? -1 : ks[best()]; }
    }

    public static Result search(int[] grid, double tolerance, int confirm, Evaluator evaluator) {
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        double[] errors = new double[grid.length];
        int evaluated = 0;
        while (evaluated < grid.length) {
            int run = trailingPasses(errors, evaluated, tolerance);
            if (run >= confirm + 1) break;
            // a passing run needs confirm + 1 − run more: evaluate them together
            int batch = Math.min(run > 0 ? confirm + 1 - run : 1, grid.length - evaluated);
            double[] e = evaluator.errors(Arrays.copyOfRange(grid, evaluated, evaluated + batch));
            System.arraycopy(e, 0, errors, evaluated, batch);
            evaluated += batch;
        }
        int run = trailingPasses(errors, evaluated, tolerance);
        int kStar = run >= confirm + 1 ? grid[evaluated - run] : -1;
        return new Result(kStar, tolerance, Arrays.copyOf(grid, evaluated), Arrays.copyOf(errors, evaluated));
    }

    /** K* of a curve of errors at the evaluated {@code ks}: the first K of the trailing passing run, if it is long enough; else −1. */
    public static int kStar(int[] ks, double[] errors, double tolerance, int confirm) {
        int run = trailingPasses(errors, ks.length, tolerance);
        return run >= confirm + 1 ? ks[ks.length - run] : -1;
    }

    private static int trailingPasses(double[] errors, int n, double tolerance) {
        int run = 0;
        while (run < n && errors[n - 1 - run] <= tolerance) run++;
        return run;
    }
}
