package org.phaseflow.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phaseflow.config.Json;
import org.phaseflow.config.StudyPlan;

/**
 * A study from plan to files: the tasks not yet in {@code study.csv} (with --resume) run through a
 * {@link TaskExecutor}; each row is appended to the CSV as soon as it is known; then the table
 * ({@code study.txt}) and {@code study.json} (the plan, which reads back with {@link #readPlan}, the
 * caller's context, the elapsed time and the exponents). Plots are the caller's (package plot).
 */
public final class StudyRunner {
    private StudyRunner() {}

    /** What a running study reports (from the executor's threads). */
    public interface Events {
        /** Resuming with these rows of {@code total} already in the CSV. */
        default void resumed(List<Study.Row> done, int total) {}

        /** The CSV ended with a line cut short (a crash during a write): it was dropped, and its row is recomputed. */
        default void cutLine(Path csv, int line) {}

        /** About to evaluate ks for a feature of a task. */
        default void evaluating(Study.Task task, String feature, int[] ks) {}

        /** Particles finished (progress within a task). */
        default void particles(long n) {}

        /** A row is finished and written: {@code done} of {@code total}. */
        default void row(Study.Row row, int done, int total) {}
    }

    /** The finished study. */
    public record Result(List<Study.Row> rows, List<StudyReport.Curve> curves, String table, double elapsedSeconds) {}

    /** Runs the plan into {@code out} (which must exist), counting steps; {@code context} joins the plan in study.json's "config". */
    public static Result run(StudyPlan plan, TaskExecutor executor, Path out, boolean resume, Map<String, Object> context,
                             Events events) throws IOException {
        return run(plan, Cost.STEPS, executor, out, resume, context, events);
    }

    /**
     * As {@link #run(StudyPlan, TaskExecutor, Path, boolean, Map, Events)}, with the table, exponents and
     * plots counting {@code cost}. The CSV is the same for every cost: it holds K*, from which NFE* follows.
     */
    public static Result run(StudyPlan plan, Cost cost, TaskExecutor executor, Path out, boolean resume, Map<String, Object> context,
                             Events events) throws IOException {
        return run(plan, cost, executor, out, resume, context, events, new OptimizedSchedules(out));
    }

    /** As above, the optimized schedules from {@code schedules} (whose folder is {@code out} in a study; tests count its pilots). */
    static Result run(StudyPlan plan, Cost cost, TaskExecutor executor, Path out, boolean resume, Map<String, Object> context,
                      Events events, OptimizedSchedules schedules) throws IOException {
        checkCost(plan, cost);
        Study.validate(plan);
        Path csv = out.resolve("study.csv");
        StudyCsv.Contents kept = resume ? StudyCsv.contents(csv, plan) : new StudyCsv.Contents(List.of(), 0, 0);
        if (kept.cutLine() > 0) {
            StudyCsv.truncate(csv, kept.validBytes());
            events.cutLine(csv, kept.cutLine());
        }
        double keptSeconds = kept.rows().stream().mapToDouble(Study.Row::elapsedSeconds).sum();
        List<Study.Row> rows = Collections.synchronizedList(new ArrayList<>(kept.rows()));
        Set<String> done = new HashSet<>();
        for (Study.Row r : rows) done.add(r.task().key());
        List<Study.Task> all = Study.tasks(plan), todo = new ArrayList<>();
        for (Study.Task t : all) if (!done.contains(t.key())) todo.add(t);
        if (resume) events.resumed(List.copyOf(rows), all.size());
        long start = System.nanoTime();
        try (StudyCsv writer = StudyCsv.open(csv, plan, resume)) {
            executor.run(plan, todo, new Study.Listener() {
                @Override public void accept(long n) { events.particles(n); }

                @Override public void evaluating(Study.Task task, String feature, int[] ks) { events.evaluating(task, feature, ks); }

                @Override public void finished(Study.Row r) {
                    try {
                        writer.write(r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows.add(r);
                    events.row(r, rows.size(), all.size());
                }
            }, schedules);
        }
        double elapsed = (System.nanoTime() - start) * 1e-9;
        List<Study.Row> ordered = inPlanOrder(all, rows);
        List<StudyReport.Curve> curves = StudyReport.curves(plan, ordered, cost);
        String table = StudyReport.table(curves, plan.dims(), plan.kCap()) + StudyReport.legend(plan, ordered, plan.dims())
                + StudyReport.rtolTable(plan, ordered);
        Files.writeString(out.resolve("study.txt"), table);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>(plan.asMap());
        config.put("grid", plan.grid());
        if (cost != Cost.STEPS) config.put("cost", cost.toString());   // absent for the default, as before
        config.put("particles_note", "N is sized per feature: the mode weight needs many samples (its error floor is "
                + "3 standard errors), the low-level feature self-averages over d and needs few; at a d where 3 standard errors "
                + "of the plan's N exceed the tolerance, the search takes the smallest N (at most " + Study.MAX_PARTICLE_FACTOR
                + "x the plan's) that brings them within it (\"particles\" gives the N of each model, feature and d)");
        config.putAll(context);
        json.put("config", config);
        json.put("plan", plan);
        json.put("elapsed_s", elapsed);
        json.put("resumed", resume && !kept.rows().isEmpty());
        json.put("rows_resumed", kept.rows().size());
        json.put("elapsed_total_s", elapsed + keptSeconds);
        json.put("rows_elapsed_s", ordered.stream().mapToDouble(Study.Row::elapsedSeconds).sum());
        json.put("exponents", StudyReport.exponents(curves));
        if (plan.adaptive()) json.put("rtol_star", StudyReport.rtolStars(plan, ordered));
        json.putAll(StudyReport.costs(plan, ordered));
        Json.MAPPER.writeValue(out.resolve("study.json").toFile(), json);
        return new Result(ordered, curves, table, elapsed);
    }

    /** Refuses a cost a plan cannot count: an adaptive integrator's search has no K*, only NFE*. */
    public static void checkCost(StudyPlan plan, Cost cost) {
        if (plan.adaptive() && cost != Cost.NFE) {
            throw new IllegalArgumentException("--cost " + cost + ": an adaptive integrator in --integrators has no K*, its search counts "
                    + "field evaluations (NFE*); add --cost nfe");
        }
    }

    /** The rows in the order of the plan's tasks, whatever order they finished in. */
    static List<Study.Row> inPlanOrder(List<Study.Task> tasks, List<Study.Row> rows) {
        Map<String, Study.Row> byKey = new LinkedHashMap<>();
        synchronized (rows) {
            for (Study.Row r : rows) byKey.put(r.task().key(), r);
        }
        List<Study.Row> out = new ArrayList<>();
        for (Study.Task t : tasks) if (byKey.containsKey(t.key())) out.add(byKey.get(t.key()));
        return out;
    }

    /** A finished study read back from its folder: its plan and its curves, counted as it counted them. */
    public record Stored(StudyPlan plan, Cost cost, List<Study.Row> rows, List<StudyReport.Curve> curves) {}

    /**
     * Reads the study in {@code dir}, the plan and cost from its study.json and the rows from its
     * study.csv (refusing rows of another plan), without computing or writing anything: what redrawing
     * its plots needs.
     */
    public static Stored read(Path dir) throws IOException { return read(dir, "--replot"); }

    /** As {@link #read(Path)}, naming {@code option} when the folder is not a finished study's. */
    public static Stored read(Path dir, String option) throws IOException {
        Path json = dir.resolve("study.json"), csv = dir.resolve("study.csv");
        for (Path f : List.of(json, csv)) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException(option + ": " + dir + " has no " + f.getFileName() + " (a finished study's folder has both)");
        }
        var root = Json.MAPPER.readTree(json.toFile());
        // a study.json written before it carried "plan" holds the plan's fields in "config", beside others
        StudyPlan plan = root.has("plan") ? readPlan(json)
                : Json.MAPPER.readerFor(StudyPlan.class).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(root.path("config"));
        var cost = root.path("config").path("cost");
        Cost c = cost.isMissingNode() ? Cost.STEPS : Cost.valueOf(cost.asText().toUpperCase(java.util.Locale.ROOT));
        List<Study.Row> rows = inPlanOrder(Study.tasks(plan), StudyCsv.read(csv, plan));
        return new Stored(plan, c, rows, StudyReport.curves(plan, rows, c));
    }

    /** The plan of a study.json (its "plan"), or of a file holding a plan alone. */
    public static StudyPlan readPlan(Path file) {
        try {
            var root = Json.MAPPER.readTree(file.toFile());
            var node = root.has("plan") ? root.get("plan") : root;
            return Json.MAPPER.treeToValue(node, StudyPlan.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--plan " + file + ": not a study plan (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
