package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Json;
import org.phaseflow.config.Paper;
import org.phaseflow.config.ShapeChoice;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;

/**
 * Golden values: a slice of the committed paper-preset study (results/study/study.csv) recomputed
 * now must reproduce it exactly. The slice is every setting of the preset at d = 100 and 1000 with
 * seed 1 (16 rows, a few seconds); a row depends on the plan's parameters and its own task only, so
 * restricting dims and seeds changes the plan fingerprint (the config column) but no value. Every
 * other column but the elapsed time — tolerances, noise-floor flags, kstar_high, kstar_low,
 * kstar_both, the best errors, ks_high, ks_low and every err_high and err_low value — must match
 * the committed text, doubles printed as {@link StudyCsv#line} prints them, so this fails when a
 * change moves any study number.
 *
 * <p>The committed study ran on 512-bit vector kernels (study.json records them). A seed fixes every
 * number whatever the thread count and whatever the kernel form (docs/reproducibility.md §3.2: every
 * reduction adds in the same order at 128, 256 and 512 bits and in the scalar twin), so the slice
 * must match exactly on any of them; run it at another width with -Dphaseflow.vector.bits=128|256
 * or -Dphaseflow.kernels=scalar in the test JVM. A failure names the kernels of both runs.
 */
class GoldenStudyTest {
    static final Path CSV = Path.of("results", "study", "study.csv"), JSON = Path.of("results", "study", "study.json");
    static final List<Integer> SLICE_DIMS = List.of(100, 1000);

    /** The plan of {@code phaseflow study} with its defaults (the paper preset), with these dims and seeds. */
    static StudyPlan paperPlan(List<Integer> dims, int seeds) {
        StudyPlan p = StudyPlan.paper(dims);
        return new StudyPlan(p.models(), p.families(), p.shapes(), p.schedules(), p.integrators(), dims, seeds, p.seed(),
                p.particlesHigh(), p.particlesLow(), p.tolHigh(), p.tolSigma(), p.tolM(), p.kStart(), p.kRatio(), p.kCap(),
                p.confirm(), p.k(), p.p(), p.m(), p.sigma(), p.beta(), p.h(), p.mixture());
    }

    static String key(String model, String family, String shape, String schedule, String integrator, String dim, String seed) {
        return String.join(" ", model, family, shape, schedule, integrator, dim, seed);
    }

    static List<CSVRecord> committed() throws IOException {
        if (!Files.isRegularFile(CSV)) {
            fail("the committed study " + CSV + " is missing (looked from " + Path.of("").toAbsolutePath()
                    + "; tests run with the project directory as working directory)");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(CSV, StandardCharsets.UTF_8)) {
            return format.parse(in).getRecords();
        }
    }

    /** The committed file is the paper preset: its config column is that plan's fingerprint. */
    @Test
    void theCommittedStudyIsThePaperPreset() throws IOException {
        StudyPlan paper = paperPlan(Paper.DIMS, 3);
        List<CSVRecord> rows = committed();
        assertEquals(Study.tasks(paper).size(), rows.size(), "rows in " + CSV);
        Set<String> configs = new TreeSet<>();
        for (CSVRecord r : rows) configs.add(r.get("config"));
        assertEquals(Set.of(paper.fingerprint()), configs, CSV + " was not written by the paper preset's plan");
        assertEquals("af8f247d", paper.fingerprint(), "the paper preset's fingerprint, as the committed CSV carries it");
        assertEquals(List.of(StudyCsv.header(paper)), rows.get(0).getParser().getHeaderNames(), "columns of " + CSV);
    }

    @Test
    void aSliceOfThePaperStudyReproducesTheCommittedRows() throws IOException {
        Map<String, CSVRecord> byKey = new LinkedHashMap<>();
        for (CSVRecord r : committed()) {
            byKey.put(key(r.get("model"), r.get("family"), r.get("shape"), r.get("schedule"), r.get("integrator"),
                    r.get("dim"), r.get("seed")), r);
        }
        StudyPlan slice = paperPlan(SLICE_DIMS, 1);
        List<Study.Task> tasks = Study.tasks(slice);
        assertEquals(16, tasks.size());
        List<Study.Row> rows = Collections.synchronizedList(new ArrayList<>());
        LocalExecutor.inOrder(2).run(slice, tasks, new Study.Listener() {
            @Override public void accept(long n) {}
            @Override public void finished(Study.Row r) { rows.add(r); }
        });
        assertEquals(tasks.size(), rows.size());

        List<String> differences = new ArrayList<>();
        // the line's columns: the header's without the elapsed time and the pilot's seconds
        List<String> columns = new ArrayList<>(List.of(StudyCsv.header(slice)));
        columns.remove("elapsed_s");
        columns.remove("pilot_s");
        for (Study.Row row : StudyRunner.inPlanOrder(tasks, rows)) {
            String[] now = StudyCsv.line(slice, row).split(",", -1);
            assertEquals(columns.size(), now.length, "a row's line has every column but the elapsed time and the pilot's seconds");
            String k = key(now[1], now[2], now[3], now[4], now[5], now[6], now[7]);
            CSVRecord then = byKey.get(k);
            assertTrue(then != null, "no committed row for " + k);
            for (int c = 1; c < now.length; c++) {
                String col = columns.get(c);
                if (!then.isMapped(col)) {   // the pilot columns, after the committed file's: no pilot in the preset
                    assertEquals("", now[c], k + " " + col);
                    continue;
                }
                String was = then.get(col);
                if (was.equals(now[c])) continue;
                differences.add(k + " " + col + ": committed " + was + ", now " + now[c] + delta(was, now[c]));
            }
        }
        assertTrue(differences.isEmpty(), () -> differences.size() + " values differ from " + CSV + " (kernels now: "
                + Kernels.preferred().name() + "; the committed study's: " + committedKernels() + "):\n  " + String.join("\n  ", differences));
    }

    /** The kernels the committed study ran on, as its study.json records them. */
    static String committedKernels() {
        try {
            return Json.MAPPER.readTree(JSON.toFile()).path("config").path("kernels").asText("not recorded");
        } catch (IOException e) {
            return "unknown (" + JSON + ": " + e.getMessage() + ")";
        }
    }

    /** The largest absolute difference of two space-separated lists of numbers, when both parse. */
    static String delta(String a, String b) {
        String[] x = a.isBlank() ? new String[0] : a.split(" "), y = b.isBlank() ? new String[0] : b.split(" ");
        if (x.length != y.length) return " (" + x.length + " vs " + y.length + " values)";
        try {
            double max = 0;
            for (int i = 0; i < x.length; i++) max = Math.max(max, Math.abs(Double.parseDouble(x[i]) - Double.parseDouble(y[i])));
            return " (largest difference " + max + ")";
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
