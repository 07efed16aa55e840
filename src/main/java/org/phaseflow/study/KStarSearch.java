package org.phaseflow.study;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * K*(tolerance): the smallest grid K from which a feature's error stays within tolerance at K and at
 * every larger grid K evaluated, at least {@code confirm} of them (docs/mathematics.md §7).
 * Error curves are not monotone, so a single early crossing never counts: the grid is walked upwards
 * (each K evaluated once, in batches that share initial noise) until the last confirm + 1 evaluated K
 * all pass. The cap bounds K*, not its confirmations, which may lie beyond it on the grid's
 * continuation. When the cap comes first the answer is "not reached", with the best error seen.
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

    /** As {@link #search(int[], IntUnaryOperator, double, int, Evaluator)} with no grid K beyond the last: confirmations stop at it. */
    public static Result search(int[] grid, double tolerance, int confirm, Evaluator evaluator) {
        return search(grid, null, tolerance, confirm, evaluator);
    }

    /**
     * Searches K* among the {@code grid} (the candidates, up to the cap). The cap bounds the K* searched,
     * not its confirmations: when a passing run starts within the grid but the grid ends before it has
     * confirm + 1 points, it is confirmed on the grid's continuation, {@code next} applied to the last K
     * (the study's geometric rule), beyond the cap. A K* is never a point beyond the cap.
     *
     * @param next the grid K after a given one, or null to confirm within the grid only
     */
    public static Result search(int[] grid, IntUnaryOperator next, double tolerance, int confirm, Evaluator evaluator) {
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        int[] ks = Arrays.copyOf(grid, grid.length + confirm);
        double[] errors = new double[ks.length];
        int evaluated = 0;
        while (true) {
            int run = trailingPasses(errors, evaluated, tolerance);
            if (run >= confirm + 1) break;
            int batch;
            if (evaluated < grid.length) {
                // a passing run needs confirm + 1 − run more: evaluate them together (past the grid's end if need be)
                batch = Math.min(run > 0 ? confirm + 1 - run : 1, (next == null ? grid.length : ks.length) - evaluated);
            } else {
                // past the cap only to confirm a run that started within it
                if (next == null || run == 0) break;
                batch = confirm + 1 - run;
            }
            for (int i = Math.max(evaluated, grid.length); i < evaluated + batch; i++) ks[i] = next.applyAsInt(ks[i - 1]);
            double[] e = evaluator.errors(Arrays.copyOfRange(ks, evaluated, evaluated + batch));
            System.arraycopy(e, 0, errors, evaluated, batch);
            evaluated += batch;
        }
        int run = trailingPasses(errors, evaluated, tolerance);
        int kStar = run >= confirm + 1 ? ks[evaluated - run] : -1;
        return new Result(kStar, tolerance, Arrays.copyOf(ks, evaluated), Arrays.copyOf(errors, evaluated));
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
