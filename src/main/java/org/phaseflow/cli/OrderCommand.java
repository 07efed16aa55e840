package org.phaseflow.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phaseflow.config.Json;
import org.phaseflow.config.Limits;
import org.phaseflow.config.Paper;
import org.phaseflow.config.RunConfig;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.study.ConvergenceOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code phaseflow order}: the measured convergence order of fixed-step schemes on a target, beside the nominal one. */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = "Measure the convergence order of fixed-step schemes on a target (docs/mathematics.md §6.4): "
                + "the low-level feature at geometric K from the same initial noise, and the slope of its successive "
                + "differences against K, beside each scheme's nominal order.")
public final class OrderCommand implements Callable<Integer> {
    @Spec CommandSpec commandSpec;

    @Mixin TargetOptions targetOptions = new TargetOptions();

    @Mixin QuietOption quiet = new QuietOption();

    @Option(names = "--family", defaultValue = "vp", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Family family;

    @Option(names = "--shape", defaultValue = "paper", description = "${COMPLETION-CANDIDATES} (paper: trig for GM with VP, linear otherwise). Default: ${DEFAULT-VALUE}.")
    ShapeChoice shape;

    @Option(names = "--schedule", defaultValue = "dilated", description = "Any schedule of sample that takes every K. Default: ${DEFAULT-VALUE}.")
    ScheduleSpec schedule;

    @Option(names = "--k", description = "Width parameter of the dilated schedule (refused with any other). Default: " + Paper.K + ".")
    Double k;

    @Option(names = "--integrators", split = ",", defaultValue = "euler,ddim,heun,dpm2m,bs3",
            description = "Fixed-step schemes, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<IntegratorKind> integrators;

    @Option(names = "--ks", split = ",", defaultValue = "64,128,256,512,1024",
            description = "At least four K with a constant ratio. Default: ${DEFAULT-VALUE}.")
    int[] ks;

    @Option(names = "--dim", defaultValue = "10000", description = "Dimension d. Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--particles", defaultValue = "200", description = "Number of samples N, at least 2. Default: ${DEFAULT-VALUE}.")
    int particles;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: it fixes every number, whatever the thread count. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads, at most 4 per available processor. Default: all cores.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        quiet.apply();
        ParseResult parsed = commandSpec.commandLine().getParseResult();
        List<IntegratorKind> schemes = List.copyOf(new LinkedHashSet<>(integrators));
        OptionRules.check(parsed, targetOptions.scope(schedule, null));
        Limits.particles("--particles", particles);
        for (IntegratorKind i : schemes) {
            if (i.adaptive()) throw new IllegalArgumentException("--integrators " + i + ": an adaptive scheme chooses its own steps; give fixed-step schemes");
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] <= 0) throw new IllegalArgumentException("--ks must be positive integers, got " + ks[i]);
            if (i > 0 && ks[i] <= ks[i - 1]) throw new IllegalArgumentException("--ks must be increasing, got " + java.util.Arrays.toString(ks));
        }
        int[] grid = ks;
        ConvergenceOrder.checkGeometric(grid);
        RunConfig base = new RunConfig(targetOptions.config(), family, shape, null, schedule, k == null ? Paper.K : k, schemes.get(0),
                dim, particles, grid[grid.length - 1], seed, ModelOptions.threads(threads));
        base.spec();   // refuses a bad target, schedule or size before any work
        List<Map<String, Object>> rows = new ArrayList<>();
        double noise = Double.NaN;   // the measured feature's standard error for N exact samples (the same for every scheme of a preset)
        StringBuilder table = new StringBuilder();
        for (IntegratorKind scheme : schemes) {
            RunSpec spec = base.withIntegrator(scheme).spec();
            ConvergenceOrder.Result r;
            try (Progress progress = new Progress("order " + scheme, spec.particles(), quiet.quiet)) {
                r = ConvergenceOrder.measure(spec, grid, progress);
            }
            noise = r.points().get(0).noise();
            if (table.isEmpty()) {
                table.append(String.format(Locale.ROOT, "%s %s/%s, %s schedule, d = %d, N = %d, seed %d: the deviation v(K) of %s and its differences%n",
                        spec.target().describe(), family, spec.interpolant().shape(), schedule, dim, particles, seed, r.feature()));
            }
            table.append(String.format(Locale.ROOT, "%n%-6s nominal order %d, measured %s%n", scheme, scheme.order(),
                    Double.isNaN(r.order()) ? "— (fewer than three differences above the noise)"
                            : String.format(Locale.ROOT, "%.2f [%.2f, %.2f] (%d differences)", r.order(), r.lo(), r.hi(), r.fitted())));
            table.append(String.format(Locale.ROOT, "  %7s %7s %13s %13s %7s%n", "K", "NFE", "v(K)", "v(K) − v(rK)", "local"));
            double[] local = r.localOrders();
            for (int i = 0; i < r.points().size(); i++) {
                ConvergenceOrder.Point p = r.points().get(i);
                table.append(String.format(Locale.ROOT, "  %7d %7d %13.4e %13s %7s%s%n", p.k(), p.nfe(), p.deviation(),
                        Double.isNaN(p.difference()) ? "" : String.format(Locale.ROOT, "%.4e", p.difference()),
                        Double.isNaN(local[i]) ? "" : String.format(Locale.ROOT, "%.2f", local[i]),
                        p.fitted() || Double.isNaN(p.difference()) ? "" : "  (noise)"));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("integrator", scheme.toString());
            m.put("nominal_order", scheme.order());
            m.put("order", r.order());
            m.put("order_lo", r.lo());
            m.put("order_hi", r.hi());
            m.put("feature", r.feature());
            m.put("points", r.points());
            m.put("local_orders", r.localOrders());
            rows.add(m);
        }
        table.append(String.format(Locale.ROOT, "%nOrders from differences of at least %.0f standard errors of exact sampling (%.2e); 95 %% intervals of the regression.%n",
                ConvergenceOrder.SIGNAL, noise));
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("config", base);   // the run of every scheme, with the first scheme's name and K = the largest of --ks
            out.put("ks", grid);
            out.put("schemes", rows);
            out.put("provenance", Provenance.describe());
            System.out.println(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            System.out.print(table);
        }
        return 0;
    }
}
