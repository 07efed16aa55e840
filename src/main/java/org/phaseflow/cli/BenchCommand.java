package org.phaseflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.phaseflow.perf.Bench;
import org.phaseflow.perf.BenchComparison;
import org.phaseflow.perf.BenchComparison.Basis;
import org.phaseflow.perf.BenchReport;
import org.phaseflow.perf.ColdStart;
import org.phaseflow.plot.BenchHistory;
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
        description = "Throughput benchmark (a few minutes): element-steps/s of the GM and CW Euler step and of "
                + "general Gaussian mixtures through the sampler, per-step latency percentiles, the scalar twin and the machine's ceiling "
                + "measured beside it, and the default sample's integration time in fresh JVMs against the same run warm; "
                + "writes JSON under results/bench/ and compares with a baseline.")
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

    @Option(names = "--history", description = "Do not measure: draw every run saved in --out (throughput at the median step and "
            + "kernel/ceiling fraction per configuration, against commit and date, the baseline.json run marked) as history.png and history.svg in --out.")
    boolean history;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed vector runs per configuration (the median is kept). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--cold-runs", defaultValue = "5", description = "Fresh JVMs per model for the cold-start rows (the default sample's "
            + "integration time in a new JVM against the same work warm; 0: no cold-start rows). Default: ${DEFAULT-VALUE}.")
    int coldRuns;

    @Option(names = "--configuration", paramLabel = "NAME@D", description = "Measure only this configuration (the table's model "
            + "column and d, e.g. mix4-diag-vec@100000).")
    String configuration;

    @Option(names = "--in-process", description = "Measure every configuration in this JVM instead of a fresh JVM each (faster; "
            + "but a row's compiled code then depends on the rows before it: docs/reproducibility.md §3.5).")
    boolean inProcess;

    @Override
    public Integer call() throws IOException {
        quiet.apply();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String o : new String[] {"--tolerance", "--ratio-tolerance", "--basis"}) {
            OptionRules.needs(parsed, o, "--compare", "it sets what the comparison with a baseline accepts");
        }
        OptionRules.exclusive(parsed, "--history", Set.of("--out", "--quiet"), "which draws the saved runs instead of measuring one");
        if (history) return history();
        OptionRules.exclusive(parsed, "--from", Set.of("--json", "--compare", "--tolerance", "--ratio-tolerance", "--basis", "--quiet"),
                "which reads a saved run instead of measuring one");
        if (parsed.hasMatchedOption("--no-save") && parsed.hasMatchedOption("--out")) {
            throw new IllegalArgumentException("--out " + out + " does not apply with --no-save, which writes no file; give one or the other");
        }
        if (!(tolerance >= 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be in [0, 1), got " + tolerance);
        if (!(ratioTolerance >= 0 && ratioTolerance < 1)) throw new IllegalArgumentException("--ratio-tolerance must be in [0, 1), got " + ratioTolerance);
        if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("--scale must be in (0, 1], got " + scale);
        if (repeats <= 0) throw new IllegalArgumentException("--repeats must be a positive integer, got " + repeats);
        if (coldRuns < 0 || coldRuns > 100) throw new IllegalArgumentException("--cold-runs must be an integer from 0 to 100 (fresh JVMs per model), got " + coldRuns);
        int t = ModelOptions.threads(threads);
        BenchComparison.Criteria criteria = new BenchComparison.Criteria(tolerance, ratioTolerance, basis);
        BenchReport baseline = compare == null ? null : read(compare, "--compare");
        PrintWriter o = spec.commandLine().getOut();

        BenchReport report;
        if (from != null) {
            report = read(from, "--from");
        } else {
            Bench bench = new Bench(new Bench.Settings(t, scale, repeats, inProcess ? null : BenchCommand::mainClass));
            List<Bench.Config> configs = configuration == null ? Bench.CONFIGS : List.of(Bench.configuration(configuration));
            report = bench.measure(configs, Provenance.gitCommit(), Provenance.cpu(), quiet.info(spec.commandLine().getErr()));
            if (baseline != null) report = bench.confirm(report, baseline, criteria, quiet.info(spec.commandLine().getErr()));
            if (coldRuns > 0) {
                long t0 = System.nanoTime();
                List<ColdStart.Row> cold = new ColdStart(new ColdStart.Settings(coldRuns, t, scale, BenchCommand::mainClass)).measure();
                report = report.withColdStart(cold, (System.nanoTime() - t0) * 1e-9);
            }
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

    /** --history: the runs saved in --out, oldest first, drawn with the baseline marked. */
    private int history() throws IOException {
        if (!java.nio.file.Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + ": no such directory of saved runs");
        List<Path> files;
        try (var list = java.nio.file.Files.list(out)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().equals("baseline.json")).toList();
        }
        if (files.isEmpty()) throw new IllegalArgumentException("--out " + out + " holds no saved run (*.json)");
        Path baselineFile = out.resolve("baseline.json");
        BenchReport baseline = java.nio.file.Files.exists(baselineFile) ? read(baselineFile, "--out") : null;
        List<BenchReport> reports = new ArrayList<>();
        for (Path f : files) reports.add(read(f, "--out"));
        reports.sort(Comparator.comparing(BenchReport::date));
        List<BenchHistory.Run> runs = new ArrayList<>();
        java.util.Set<String> otherCpus = new java.util.TreeSet<>();
        for (BenchReport r : reports) {
            Map<String, Double> rate = new LinkedHashMap<>(), fraction = new LinkedHashMap<>();
            for (BenchReport.Row row : r.configurations()) {
                String key = row.model().toUpperCase(java.util.Locale.ROOT) + " d=" + row.dim() + ", " + row.threads() + " threads";
                rate.put(key, row.medianStepElementStepsPerS());
                fraction.put(key, row.medianCeilingFraction());
            }
            boolean isBaseline = baseline != null && baseline.date().equals(r.date()) && baseline.commit().equals(r.commit());
            // a run on another CPU than the baseline's is marked: its rates are not comparable, its fractions are
            boolean otherCpu = baseline != null && !baseline.cpu().equals(r.cpu());
            if (otherCpu) otherCpus.add(r.cpu());
            // to the second: XChart labels every run only when no two labels are equal
            runs.add(new BenchHistory.Run(r.commit() + " " + r.date().substring(0, 19).replace('T', ' ') + (otherCpu ? " †" : ""), isBaseline, rate, fraction));
        }
        List<String> header = new ArrayList<>(List.of(
                "bench history: the " + runs.size() + " runs saved in " + out.getFileName() + "/, oldest first; dashed: baseline.json's run",
                "rates at the median step time, which a preempted step does not move; legend: the baseline's element-steps/s"));
        if (!otherCpus.isEmpty()) {
            header.add("†: on " + String.join(", ", otherCpus) + ", not the baseline's " + baseline.cpu() + ": compare its fractions, not its rates");
        }
        List<Path> written = BenchHistory.write(runs, header, "median-step rate", out, "history");
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + written.get(0) + " and " + written.get(1) + " (" + runs.size() + " runs)");
        o.flush();
        return 0;
    }

    /** A fresh JVM's main class and arguments for a command line of this program. */
    static List<String> mainClass(List<String> args) {
        List<String> c = new ArrayList<>(List.of(Main.class.getName()));
        c.addAll(args);
        return c;
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
