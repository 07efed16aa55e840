package org.phaseflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.phaseflow.config.Setting;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Optimizer;
import org.phaseflow.schedule.PiecewiseLinear;
import org.phaseflow.schedule.ScheduleFile;

/**
 * The optimized schedules of one study run (docs/mathematics.md §5.8): one pilot per (setting, d),
 * whatever the number of seeds, its schedule used by every seed and every K of that (setting, d).
 * The pilot's seed comes from the plan ({@link #pilotSeed}), not from a task, so the schedule, and
 * every row that uses it, depends on the plan and the (setting, d) alone. Thread-safe: the first row
 * that asks computes it, rows asking meanwhile wait for it. With a folder (the study's --out) each
 * schedule is also a knots file there ({@link #fileName}), which a later run of the same plan
 * (--resume, or a re-run) reads instead of running the pilot again, when the file says it is of this
 * plan's fingerprint, setting and d.
 */
public final class OptimizedSchedules {

    /** A schedule and what its pilot cost (the cost recorded when it was computed, also when read back from its file). */
    public record Entry(PiecewiseLinear schedule, Study.Pilot pilot) {}

    private final Path dir;
    private final ConcurrentHashMap<String, CompletableFuture<Entry>> entries = new ConcurrentHashMap<>();
    private final AtomicInteger pilotsRun = new AtomicInteger();

    /** @param dir where the knots files are read and written, or null: in memory only */
    public OptimizedSchedules(Path dir) { this.dir = dir; }

    /** In memory only. */
    public static OptimizedSchedules inMemory() { return new OptimizedSchedules(null); }

    /** One schedule known beforehand (a cluster executor gets the driver's). */
    public static OptimizedSchedules of(Setting s, int dim, Entry entry) {
        OptimizedSchedules o = inMemory();
        o.entries.put(key(s, dim), CompletableFuture.completedFuture(entry));
        return o;
    }

    /** Pilots this cache has run (not read from a file). */
    public int pilotsRun() { return pilotsRun.get(); }

    private static String key(Setting s, int dim) { return s.label() + " " + dim; }

    /**
     * The pilot's seed for (setting, d): the plan's base seed plus 0x9E3779B97F4A7C15 (2⁶⁴/φ) times
     * the Java hash (String.hashCode) of "LABEL d", LABEL the setting's label ("gm vp/trig optimized
     * euler"): a fixed function of the plan, distinct across settings and dimensions (docs/mathematics.md §5.8).
     */
    public static long pilotSeed(StudyPlan plan, Setting s, int dim) {
        return plan.seed() + 0x9E3779B97F4A7C15L * key(s, dim).hashCode();
    }

    /** The knots file of (setting, d) in a study's folder: optimized-MODEL-FAMILY-SHAPE-INTEGRATOR-dD.json. */
    public static String fileName(Setting s, int dim) {
        return "optimized-" + s.model() + "-" + s.family() + "-" + s.shape() + "-" + s.integrator() + "-d" + dim + ".json";
    }

    /** The schedule of (setting, d), computed once (on {@code threads} threads) or read from its file. */
    public Entry get(StudyPlan plan, Setting s, int dim, int threads) {
        String key = key(s, dim);
        CompletableFuture<Entry> mine = new CompletableFuture<>(), f = entries.putIfAbsent(key, mine);
        if (f == null) {
            try {
                mine.complete(load(plan, s, dim, threads));
            } catch (RuntimeException | Error e) {
                entries.remove(key, mine);   // a later row tries again rather than inheriting the failure
                mine.completeExceptionally(e);
                throw e;
            }
            f = mine;
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    private Entry load(StudyPlan plan, Setting s, int dim, int threads) {
        Path file = dir == null ? null : dir.resolve(fileName(s, dim));
        if (file != null && Files.isRegularFile(file)) {
            Entry e = read(file, plan, s, dim);
            if (e != null) return e;
        }
        long seed = pilotSeed(plan, s, dim);
        Target target = plan.target(s.model()).build(dim, plan.seed());
        Interpolant ip = Interpolant.of(s.shape(), s.family(), dim);
        Optimizer.Options o = Optimizer.Options.of(seed, threads);
        Optimizer.Result r = Optimizer.optimize(target, ip, s.integrator().kind(), o);
        pilotsRun.incrementAndGet();
        Entry e = new Entry(r.schedule(), new Study.Pilot(r.evaluations(), r.seconds()));
        if (file != null) write(file, plan, s, dim, r, o);
        return e;
    }

    /**
     * The pilot object of a knots file; {@code optimize} writes it without the seconds, so that the
     * same seed gives the same file, byte for byte; a study's file keeps them, for the rows that read it.
     */
    public static Map<String, Object> pilot(Optimizer.Result r, Optimizer.Options o, boolean seconds) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("evaluations", r.evaluations());
        if (seconds) p.put("seconds", r.seconds());
        p.put("particles", o.particles());
        p.put("steps", o.steps());
        p.put("passes", o.passes());
        p.put("seed", o.seed());
        return p;
    }

    private static void write(Path file, StudyPlan plan, Setting s, int dim, Optimizer.Result r, Optimizer.Options o) {
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("config", plan.fingerprint());
        study.put("setting", s.label());
        study.put("dim", dim);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("study", study);
        extra.put("pilot", pilot(r, o, true));
        try {
            ScheduleFile.writeKnots(file, r.knotT(), r.knotTau(), r.description(), extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entry of a knots file when it is this plan's (setting, d) with its pilot's cost; null when it
     * is another study's, or not such a file (then the pilot runs again and the file is replaced).
     */
    static Entry read(Path file, StudyPlan plan, Setting s, int dim) {
        try {
            JsonNode root = ScheduleFile.tree(file), study = root.path("study"), pilot = root.path("pilot");
            if (!study.path("config").asText("").equals(plan.fingerprint()) || !study.path("setting").asText("").equals(s.label())
                    || study.path("dim").asInt(-1) != dim || !pilot.path("evaluations").isIntegralNumber() || !pilot.path("seconds").isNumber()) {
                return null;
            }
            JsonNode knots = root.path("knots");
            double[] t = new double[knots.size()], tau = new double[knots.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = knots.get(i).get(0).asDouble();
                tau[i] = knots.get(i).get(1).asDouble();
            }
            // the id the computed schedule has, so a row from the file is the row from the pilot
            return new Entry(PiecewiseLinear.through("optimized", t, tau), new Study.Pilot(pilot.get("evaluations").asLong(), pilot.get("seconds").asDouble()));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
