package org.phaseflow.perf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phaseflow.perf.BenchComparison.Basis;
import org.phaseflow.perf.BenchComparison.Criteria;

/** {@link BenchComparison}: an identical run passes, a synthetic regression fails, a busier machine is named. */
class BenchComparisonTest {

    /** A row whose wall and median rates are equal (the median step time follows from the rate). */
    static BenchReport.Row row(String model, int dim, double rate, double scalar, double ceiling) {
        return row(model, dim, 2, rate, scalar, ceiling);
    }

    static BenchReport.Row row(String model, int dim, int threads, double rate, double scalar, double ceiling) {
        double p50 = threads * dim * 1e9 / rate;
        return new BenchReport.Row(model, dim, 10, 100, threads, "vector", rate, scalar, rate / scalar,
                "read_modify_write", ceiling, rate / ceiling, p50, 2 * p50, 3 * p50, 4 * p50, 5 * p50, 1.1 * p50, rate,
                ceiling, rate / ceiling, scalar, rate / scalar, 1);
    }

    static BenchReport report(double gmRate, double gmCeiling) {
        return new BenchReport("2026-01-01T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0,
                List.of(row("gm", 100_000, gmRate, 2e9, gmCeiling), row("cw", 100_000, 2e9, 5e7, 2.5e9)));
    }

    static final Criteria DEFAULT = new Criteria(0.15, 0.15, Basis.median);

    @Test
    void identicalRunPasses() {
        BenchComparison c = BenchComparison.of(report(3e10, 4e10), report(3e10, 4e10), DEFAULT);
        assertFalse(c.regressed(), c.text());
        assertTrue(c.text().contains("no regression"), c.text());
        assertTrue(c.text().contains("gm d=100000 threads=2"), c.text());
    }

    @Test
    void syntheticRegressionFails() {
        BenchReport base = report(3e10, 4e10), slow = report(2e10, 4e10);   // a third slower, same ceiling
        for (Basis basis : Basis.values()) {
            BenchComparison c = BenchComparison.of(slow, base, new Criteria(0.15, 0.15, basis));
            assertTrue(c.regressed(), c.text());
            assertTrue(c.text().contains("REGRESSION: throughput, vector/scalar, kernel/ceiling"), c.text());
            assertTrue(c.text().contains("on " + basis + " rates"), c.text());
        }
        // within a generous tolerance it passes
        assertFalse(BenchComparison.of(slow, base, new Criteria(0.5, 0.5, Basis.median)).regressed());
    }

    @Test
    void busierMachineIsNamed() {
        // everything (kernel, scalar, ceiling) a third slower: ratios hold, throughput falls
        BenchReport busy = new BenchReport("2026-01-02T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0,
                List.of(row("gm", 100_000, 2e10, 2e9 * 2 / 3, 4e10 * 2 / 3), row("cw", 100_000, 2e9, 5e7, 2.5e9)));
        BenchComparison c = BenchComparison.of(busy, report(3e10, 4e10), DEFAULT);
        assertTrue(c.regressed(), c.text());
        assertTrue(c.text().contains("REGRESSION: throughput (the ceiling fell too"), c.text());
    }

    @Test
    void noCommonConfigurationIsARegression() {
        BenchReport other = report(3e10, 4e10).with(List.of(row("gm", 10_000, 3e10, 2e9, 4e10)));
        BenchComparison c = BenchComparison.of(other, report(3e10, 4e10), DEFAULT);
        assertTrue(c.regressed(), c.text());
        assertTrue(c.text().contains("not in the baseline") && c.text().contains("no configuration of this run"), c.text());
    }
}
