package org.phaseflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.phaseflow.perf.Bench;
import org.phaseflow.perf.BenchComparison;
import org.phaseflow.perf.BenchComparison.Basis;
import org.phaseflow.perf.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code phaseflow bench}: a quick throughput run of a fixed set of configurations through the real
 * sampler (paper settings: VP, dilated schedule k = 3, Euler), with per-step latency percentiles, the
 * scalar twin and the machine's ceiling measured in the same process, and a comparison against a
 * baseline run. The options become a {@link Bench.Settings} and a {@link BenchComparison.Criteria};
 * the measurement, the report and the comparison are in {@code org.phaseflow.perf}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick throughput benchmark (under a minute): element-steps/s of the GM and CW Euler step "
                + "through the sampler, per-step latency percentiles, the scalar twin and the machine's ceiling "
                + "measured beside it; writes JSON under results/bench/ and compares with a baseline.")
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin QuietOption quiet = new QuietOption();

    @Option(names = "--json", description = "Print the run's JSON instead of the table.")
    boolean json;

    @Option(names = "--compare", paramLabel = "BASELINE", description = "Compare with a baseline JSON (e.g. results/bench/baseline.json); "
            + "exit 1 when any throughput or ratio falls by more than the tolerance.")
    Path compare;

    @Option(names = "--tolerance", defaultValue = "0.15", description = "Largest accepted relative fall of element_steps_per_s against the baseline. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--ratio-tolerance", defaultValue = "0.15", description = "Largest accepted relative fall of the vector/scalar and kernel/ceiling ratios. Default: ${DEFAULT-VALUE}.")
    double ratioTolerance;

    @Option(names = "--basis", defaultValue = "median", description = "Rates that --compare gates on: wall (particles × d × K over the "
            + "integration's wall time) or median (threads × d over the median step time; a preempted step on a shared "
            + "machine does not move it). Both are printed. Default: ${DEFAULT-VALUE}.")
    Basis basis;

    @Option(names = "--threads", description = "Worker threads, at most 4 per available processor. Default: all cores.")
    Integer threads;

    @Option(names = "--out", defaultValue = "results/bench", description = "Directory for the run's JSON (named by date and git commit). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-save", description = "Do not write the JSON file.")
    boolean noSave;

    @Option(names = "--from", paramLabel = "RUN", description = "Do not measure: read a saved run (to re-print it or compare it).")
    Path from;

    @Option(names = "--scale", defaultValue = "1", description = "Fraction of the fixed work to run (smoke tests use a tiny one). Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed vector runs per configuration (the median is kept). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Override
    public Integer call() throws IOException {
        quiet.apply();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String o : new String[] {"--tolerance", "--ratio-tolerance", "--basis"}) {
            OptionRules.needs(parsed, o, "--compare", "it sets what the comparison with a baseline accepts");
        }
        OptionRules.exclusive(parsed, "--from", Set.of("--json", "--compare", "--tolerance", "--ratio-tolerance", "--basis", "--quiet"),
                "which reads a saved run instead of measuring one");
        if (parsed.hasMatchedOption("--no-save") && parsed.hasMatchedOption("--out")) {
            throw new IllegalArgumentException("--out " + out + " does not apply with --no-save, which writes no file; give one or the other");
        }
        if (!(tolerance >= 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be in [0, 1), got " + tolerance);
        if (!(ratioTolerance >= 0 && ratioTolerance < 1)) throw new IllegalArgumentException("--ratio-tolerance must be in [0, 1), got " + ratioTolerance);
        if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("--scale must be in (0, 1], got " + scale);
        if (repeats <= 0) throw new IllegalArgumentException("--repeats must be a positive integer, got " + repeats);
        int t = ModelOptions.threads(threads);
        BenchComparison.Criteria criteria = new BenchComparison.Criteria(tolerance, ratioTolerance, basis);
        BenchReport baseline = compare == null ? null : read(compare, "--compare");
        PrintWriter o = spec.commandLine().getOut();

        BenchReport report;
        if (from != null) {
            report = read(from, "--from");
        } else {
            Bench bench = new Bench(new Bench.Settings(t, scale, repeats));
            report = bench.measure(Provenance.gitCommit(), Provenance.cpu());
            if (baseline != null) report = bench.confirm(report, baseline, criteria, quiet.info(spec.commandLine().getErr()));
            if (!noSave) {
                Path file = report.save(out);
                if (!json) o.println("wrote " + file);
            }
        }
        if (json) {
            o.println(report.json());
        } else {
            o.print(report.table());
        }
        int status = 0;
        if (baseline != null) {
            BenchComparison c = BenchComparison.of(report, baseline, criteria);
            (json ? spec.commandLine().getErr() : o).print(c.text());
            status = c.regressed() ? 1 : 0;
        }
        o.flush();
        return status;
    }

    /** A saved run named by an option; a bad file is a one-line error naming the option. */
    private static BenchReport read(Path p, String option) {
        try {
            return BenchReport.read(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }
}
