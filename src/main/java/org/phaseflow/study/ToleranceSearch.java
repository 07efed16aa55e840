package org.phaseflow.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.function.LongConsumer;
import org.phaseflow.config.ToleranceGrid;
import org.phaseflow.integrator.ErrorNorm;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Samples;

/**
 * The search of an adaptive integrator (docs/mathematics.md §7.4): the K* search's rule run over the
 * tolerance grid ({@link ToleranceGrid}) in place of the K grid. The grid points are walked loose →
 * tight as the indices 1, 2, … (index i is rtol_{i−1}); rtol* is the first whose error is within
 * tolerance there and at the next {@code confirm} tighter ones, and its cost NFE* is the mean over the
 * particles of the field evaluations at rtol* (total / N), rounded to the nearest integer. Each grid
 * point is one round of {@link Outcomes} with the sampling configuration's tolerances set, at the
 * schedule's fewest output points (its breakpoints: the controller never steps over one), from the
 * same initial noise. The result reads as a K* search's whose K are those NFE (the CSV's K columns).
 */
final class ToleranceSearch {
    private ToleranceSearch() {}

    /** The candidates as indices 1 … {@link ToleranceGrid#COUNT}. */
    static int[] grid() {
        int[] g = new int[ToleranceGrid.COUNT];
        for (int i = 0; i < g.length; i++) g[i] = i + 1;
        return g;
    }

    /** The next tighter grid point (confirmations past the tightest candidate). */
    static final IntUnaryOperator NEXT = i -> i + 1;

    /** The tolerances of index i with {@code norm}. */
    static org.phaseflow.integrator.Tolerances tolerances(int index, ErrorNorm norm) { return ToleranceGrid.at(index - 1, norm); }

    /**
     * Rounds of {@code outcomes} at the grid indices asked for, one per index (its tolerances, the
     * schedule's fewest output points), each round's mean evaluations and steps kept in {@code at}.
     */
    static Outcomes rounds(Outcomes outcomes, ErrorNorm norm, Map<Integer, Round> at) {
        return (spec, indices, progress) -> {
            List<Samples> out = new ArrayList<>(indices.length);
            int[] outputs = {spec.schedule().minSteps()};
            for (int i : indices) {
                RunSpec run = spec.withTolerances(tolerances(i, norm));
                Samples s = outcomes.at(run, outputs, progress).getFirst();
                at.put(i, new Round(s.meanNfe(), s.meanAccepted(), s.meanRejected()));
                out.add(s);
            }
            return out;
        };
    }

    /** What a row keeps of one round: the mean evaluations, accepted and rejected steps per particle. */
    record Round(double nfe, double accepted, double rejected) {}

    /** A map for {@link #rounds} (the rounds of a row may run on the executor's threads). */
    static Map<Integer, Round> roundMap() { return new ConcurrentHashMap<>(); }

    /** The mean evaluations per sample of the round at index i, rounded: an adaptive row's "K". */
    private static int nfe(Map<Integer, Round> at, int i) { return Math.toIntExact(Math.round(at.get(i).nfe())); }

    /** The result of a search over indices, in NFE: each index replaced by the mean evaluations there. */
    static KStarSearch.Result inNfe(KStarSearch.Result byIndex, Map<Integer, Round> at) {
        int[] ks = Arrays.stream(byIndex.ks()).map(i -> nfe(at, i)).toArray();
        int star = byIndex.reached() ? nfe(at, byIndex.kStar()) : -1;
        return new KStarSearch.Result(star, byIndex.tolerance(), ks, byIndex.errors());
    }

    /** The accepted and rejected steps per particle of each round of a search over indices, in its order. */
    static Study.Steps steps(KStarSearch.Result byIndex, Map<Integer, Round> at) {
        int[] ks = byIndex.ks();
        double[] accepted = new double[ks.length], rejected = new double[ks.length];
        for (int j = 0; j < ks.length; j++) {
            accepted[j] = at.get(ks[j]).accepted();
            rejected[j] = at.get(ks[j]).rejected();
        }
        return new Study.Steps(accepted, rejected);
    }

    /**
     * rtol* of a result in NFE form (of an adaptive row), or NaN when not reached. The points evaluated
     * are always the first indices in order, so the position of the passing run's start is rtol*'s j.
     */
    static double rtolStar(KStarSearch.Result r, int confirm) { return rtolStar(r.errors(), r.tolerance(), confirm); }

    /** rtol* of the errors at rtol_0, rtol_1, … (NaN when no run of confirm + 1 passes ends them). */
    static double rtolStar(double[] errors, double tolerance, int confirm) {
        int j = starPosition(errors, tolerance, confirm);
        return j >= 0 ? ToleranceGrid.rtol(j) : Double.NaN;
    }

    /** The position of rtol* among the evaluated points, the start of the passing run that ends them (−1: none). */
    static int starPosition(double[] errors, double tolerance, int confirm) {
        int run = 0;
        while (run < errors.length && errors[errors.length - 1 - run] <= tolerance) run++;
        return run >= confirm + 1 ? errors.length - run : -1;
    }
}
