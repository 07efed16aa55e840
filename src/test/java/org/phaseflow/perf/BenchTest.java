package org.phaseflow.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Bench}: a tiny real run measures every configuration; a run far below its baseline is measured once more. */
class BenchTest {
    static final Bench TINY = new Bench(new Bench.Settings(1, 0.002, 1));

    @Test
    void tinyRunMeasuresEveryConfiguration() {
        BenchReport r = TINY.measure("abc1234", "cpu");
        assertEquals(Bench.CONFIGS.size(), r.configurations().size());
        for (int i = 0; i < r.configurations().size(); i++) {
            BenchReport.Row row = r.configurations().get(i);
            assertEquals(Bench.CONFIGS.get(i).name(), row.model());
            assertEquals(Bench.CONFIGS.get(i).dim(), row.dim());
            assertEquals(1, row.threads());
            String target = row.model().replaceFirst("-(heun|dpm2m|bs3)$", "");
            String ceiling = target.equals("gm") || target.equals("gm-mix") ? "read_modify_write"
                    : target.equals("cw") ? "cw_transcendentals" : target.contains("-diag-") ? "mixture_diag_streams" : "mixture_iso_streams";
            assertEquals(ceiling, row.ceiling(), row.model());
            // evaluations per step: the scheme's (Heun's and BS3's last step on CW, singular at τ = 1, costs fewer)
            int per = switch (Bench.CONFIGS.get(i).integrator()) {
                case HEUN -> 2;
                case BS3 -> 3;
                default -> 1;
            };
            double e = row.evaluationsPerStep();
            assertTrue(e <= per && e >= per - 2.0 / row.steps(), row.model() + ": " + e + " evaluations per step");
            assertTrue(row.elementStepsPerS() > 0 && row.ceilingFraction() > 0 && row.latencyP50Ns() > 0
                    && row.medianVectorScalarRatio() > 0, row.toString());
        }
        assertEquals("abc1234", r.commit());
        assertTrue(r.seconds() > 0);
    }

    /** A fresh JVM whose vector kernels ran slower than the scalar twin is replaced by another, once; the faster row is kept. */
    @Test
    void aForkWhoseVectorKernelsNeverCompiledIsMeasuredAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path counter = dir.resolve("calls");
        Bench forked = new Bench(new Bench.Settings(1, 0.002, 1, args -> List.of(FakeBenchChild.class.getName(), counter.toString())));
        StringWriter log = new StringWriter();
        BenchReport.Row row = forked.row(Bench.CONFIGS.get(0), new PrintWriter(log));
        assertEquals("2", java.nio.file.Files.readString(counter));
        assertEquals(2e10, row.medianStepElementStepsPerS(), 1);
        assertTrue(log.toString().startsWith("bench: gm@10000 ran its vector kernels at 0.30 of its scalar twin's rate in its JVM; "
                + "measuring it once more in another"), log.toString());
        // a fast first row is kept as it is
        java.nio.file.Files.writeString(counter, "1");
        StringWriter quiet = new StringWriter();
        assertEquals(2e10, forked.row(Bench.CONFIGS.get(0), new PrintWriter(quiet)).medianStepElementStepsPerS(), 1);
        assertEquals("2", java.nio.file.Files.readString(counter));
        assertEquals("", quiet.toString());
    }

    @Test
    void confirmMeasuresASlowConfigurationAgain() {
        Bench.Config gm = Bench.CONFIGS.get(0);
        BenchReport.Row row = TINY.measure(gm);
        BenchReport now = new BenchReport("2026-01-01T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0, List.of(row));
        // a baseline a thousand times faster on every rate: the run looks like a regression
        BenchReport.Row fast = BenchComparisonTest.row(row.model(), row.dim(), row.threads(), 1e3 * row.medianStepElementStepsPerS(),
                row.scalarMedianStepElementStepsPerS(), row.ceilingMedianElementsPerS());
        BenchReport base = now.with(List.of(fast));
        StringWriter log = new StringWriter();
        BenchComparison.Criteria criteria = new BenchComparison.Criteria(0.15, 0.15, BenchComparison.Basis.median);
        BenchReport confirmed = TINY.confirm(now, base, criteria, new PrintWriter(log, true));
        assertTrue(log.toString().contains("gm d=10000 threads=1 looks slower than the baseline; measuring it once more"), log.toString());
        assertEquals(1, confirmed.configurations().size());
        assertTrue(BenchComparison.of(confirmed, base, criteria).regressed());
        // against itself nothing is measured again
        StringWriter quiet = new StringWriter();
        assertEquals(now, TINY.confirm(now, now, criteria, new PrintWriter(quiet, true)));
        assertEquals("", quiet.toString());
    }

    @Test
    void medianOfOddAndEven() {
        assertEquals(2.0, Bench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Bench.median(new double[] {4, 1, 3, 2}));
    }
}
