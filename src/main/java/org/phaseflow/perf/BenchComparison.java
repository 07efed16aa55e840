package org.phaseflow.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bench run against a baseline: per configuration new/baseline for the throughput, the
 * vector/scalar and kernel/ceiling ratios and the ceiling, and a verdict. The ratios are measured in
 * one process, so a slower or busier machine moves them less than it moves absolute rates; when only
 * the throughput fell and the ceiling fell with it, the verdict says so.
 */
public record BenchComparison(String text, boolean regressed) {

    /** Which rates the comparison gates on. */
    public enum Basis { wall, median }

    /**
     * What counts as a regression: a fall of the throughput by more than {@code tolerance}, or of either
     * ratio by more than {@code ratioTolerance} (relative, in [0, 1)), on the {@code basis} rates.
     */
    public record Criteria(double tolerance, double ratioTolerance, Basis basis) {}

    /** Compares {@code now} with {@code base}, configuration by configuration (matched by {@link BenchReport.Row#key()}). */
    public static BenchComparison of(BenchReport now, BenchReport base, Criteria criteria) {
        double tol = criteria.tolerance(), ratioTol = criteria.ratioTolerance();
        boolean w = criteria.basis() == Basis.wall;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "compared with %s (commit %s): ratios new/baseline on %s rates; tolerance %.0f %% (throughput), %.0f %% (ratios)%n",
                base.date(), base.commit(), criteria.basis(), 100 * tol, 100 * ratioTol));
        b.append(String.format(Locale.ROOT, "%-26s %10s %10s %10s %10s  %s%n", "configuration", "throughput", "vec/scalar",
                "frac", "ceiling", "verdict"));
        boolean regressed = false;
        int matched = 0;
        for (BenchReport.Row x : now.configurations()) {
            BenchReport.Row y = base.configurations().stream().filter(r -> r.key().equals(x.key())).findFirst().orElse(null);
            if (y == null) {
                b.append(String.format(Locale.ROOT, "%-26s %s%n", x.key(), "not in the baseline"));
                continue;
            }
            matched++;
            double thr = w ? x.elementStepsPerS() / y.elementStepsPerS() : x.medianStepElementStepsPerS() / y.medianStepElementStepsPerS();
            double vs = w ? x.vectorScalarRatio() / y.vectorScalarRatio() : x.medianVectorScalarRatio() / y.medianVectorScalarRatio();
            double fr = w ? x.ceilingFraction() / y.ceilingFraction() : x.medianCeilingFraction() / y.medianCeilingFraction();
            double ce = w ? x.ceilingElementsPerS() / y.ceilingElementsPerS() : x.ceilingMedianElementsPerS() / y.ceilingMedianElementsPerS();
            List<String> bad = new ArrayList<>();
            if (!(thr >= 1 - tol)) bad.add("throughput");
            if (!(vs >= 1 - ratioTol)) bad.add("vector/scalar");
            if (!(fr >= 1 - ratioTol)) bad.add("kernel/ceiling");
            String verdict = bad.isEmpty() ? "ok" : "REGRESSION: " + String.join(", ", bad);
            if (bad.equals(List.of("throughput")) && ce < 1 - tol) verdict += " (the ceiling fell too: a busier machine?)";
            regressed |= !bad.isEmpty();
            b.append(String.format(Locale.ROOT, "%-26s %10.3f %10.3f %10.3f %10.3f  %s%n", x.key(), thr, vs, fr, ce, verdict));
        }
        if (matched == 0) {
            b.append("no configuration of this run is in the baseline\n");
            regressed = true;
        }
        b.append(regressed ? "bench: REGRESSION against the baseline\n" : "bench: no regression against the baseline\n");
        return new BenchComparison(b.toString(), regressed);
    }

    /** The rate a configuration's throughput is judged by on this basis. */
    static double throughput(BenchReport.Row x, Basis basis) {
        return basis == Basis.wall ? x.elementStepsPerS() : x.medianStepElementStepsPerS();
    }
}
