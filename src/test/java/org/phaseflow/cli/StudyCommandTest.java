package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code study} command: bad grids, tolerances and output directories are refused with one line
 * before any work; a small study writes its CSV, JSON, table and plots, and --resume recomputes
 * nothing.
 */
class StudyCommandTest {

    static SampleCommandTest.Run study(String... args) { return SampleCommandTest.command("study", args); }

    @Test
    void badInputIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("o").toString();
        SampleCommandTest.assertRefused(study("--dims", "1000,100", "--out", out), "--dims", "[1000, 100]");
        SampleCommandTest.assertRefused(study("--dims", "100,100", "--out", out), "--dims");
        SampleCommandTest.assertRefused(study("--tol-high", "0", "--out", out), "--tol-high", "0");
        SampleCommandTest.assertRefused(study("--tol-sigma", "-1", "--out", out), "--tol-sigma", "-1");
        SampleCommandTest.assertRefused(study("--k-start", "10", "--k-cap", "5", "--out", out), "--k-cap", "5", "10");
        SampleCommandTest.assertRefused(study("--k-ratio", "2", "--out", out), "--k-ratio", "2");
        SampleCommandTest.assertRefused(study("--models", "gm,xx", "--out", out), "--models", "xx");
        SampleCommandTest.assertRefused(study("--preset", "huge", "--out", out), "--preset", "huge");
        SampleCommandTest.assertRefused(study("--seeds", "0", "--out", out), "--seeds", "0");
        SampleCommandTest.assertRefused(study("--integrators", "euler,bs3a", "--out", out), "--cost steps", "no K*", "add --cost nfe");
        SampleCommandTest.assertRefused(study("--integrators", "bs3a:norm=l2", "--out", out), "--integrators", "norm 'l2'", "rms, max, mode");
        SampleCommandTest.assertRefused(study("--integrators", "euler:norm=mode", "--out", out), "--integrators", "only bs3a takes an option");
        SampleCommandTest.assertRefused(study("--integrators", "bs3a", "--schedules", "optimized", "--cost", "nfe", "--out", out),
                "--schedules optimized with --integrators bs3a", "fixed-step");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        SampleCommandTest.assertRefused(study("--out", file.toString()), "--out", file.toString());
    }

    @Test
    void smallStudyWritesEverythingAndResumes(@TempDir Path dir) throws Exception {
        String[] args = {"--models", "gm", "--families", "vp", "--dims", "100,200", "--seeds", "2",
                "--particles-high", "100", "--particles-low", "8", "--k-cap", "2000", "--out", dir.toString()};
        SampleCommandTest.Run r = study(args);
        assertEquals(0, r.exit(), r.err());
        for (String f : new String[] {"study.csv", "study.json", "study.txt", "kstar.png", "kstar-gm-high.svg"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        // 2 schedules × 2 dims × 2 seeds rows, plus the header
        assertEquals(9, Files.readAllLines(dir.resolve("study.csv")).size());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        assertEquals(2, json.get("config").get("dims").size());
        assertTrue(json.get("elapsed_s").asDouble() > 0);
        JsonNode e = json.get("exponents").get(0);
        for (String key : new String[] {"model", "family", "shape", "schedule", "integrator", "feature", "gamma", "gamma_lo", "gamma_hi"}) {
            assertTrue(e.has(key), key);
        }
        String csv = Files.readString(dir.resolve("study.csv"));
        SampleCommandTest.Run again = study(append(args, "--resume"));
        assertEquals(0, again.exit(), again.err());
        assertEquals(csv, Files.readString(dir.resolve("study.csv")), "a complete study resumed recomputes nothing");
        assertTrue(again.err().contains("resuming with 8 of 8 rows done"), again.err());
        SampleCommandTest.Run other = study(append(append(append(args, "--resume"), "--tol-high"), "0.2"));
        SampleCommandTest.assertRefused(other, "--resume", "different");
    }

    /**
     * A study never overwrites results by accident: a non-empty --out is refused (one line, nothing
     * touched) unless --resume or --force; --force removes what an earlier study wrote (a stale plot
     * too) and keeps other files; a refused run creates no folder.
     */
    @Test
    void nonEmptyOutIsRefusedUnlessResumeOrForce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s");
        String[] args = {"--models", "gm", "--families", "vp", "--schedules", "dilated", "--dims", "100,200", "--seeds", "1",
                "--particles-high", "60", "--particles-low", "8", "--k-cap", "200", "--out", out.toString()};
        assertEquals(0, study(args).exit());
        String csv = Files.readString(out.resolve("study.csv"));
        Path stale = Files.writeString(out.resolve("kstar-cw-high.svg"), "<svg/>");
        Path notes = Files.writeString(out.resolve("notes.md"), "mine");
        SampleCommandTest.assertRefused(study(args), "--out", out.toString(), "not empty", "--resume", "--force");
        assertEquals(csv, Files.readString(out.resolve("study.csv")));
        SampleCommandTest.assertRefused(study(append(append(args, "--force"), "--resume")), "--force", "--resume");
        SampleCommandTest.Run forced = study(append(args, "--force"));
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(!Files.exists(stale), "a plot of another study does not stay");
        assertTrue(Files.exists(notes), "files a study does not write are kept");
        assertEquals(2, Files.readAllLines(out.resolve("study.csv")).size() - 1);
        Path fresh = dir.resolve("new/deeper");
        SampleCommandTest.assertRefused(study("--tol-high", "0", "--out", fresh.toString()), "--tol-high");
        SampleCommandTest.assertRefused(study("--dims", "100", "--k-cap", "1", "--out", fresh.toString()), "--k-cap");
        assertTrue(!Files.exists(dir.resolve("new")), "a refused study creates no folder");
    }

    /** The default --out is a folder of its own, never the committed results. */
    @Test
    void defaultOutIsNotTheCommittedStudy() {
        StudyCommand c = new StudyCommand();
        new picocli.CommandLine(c).parseArgs();
        assertEquals(Path.of("out/study"), c.out);
    }

    /**
     * --cost nfe: the same rows (the CSV holds K* whatever the cost), and the table and study.json count
     * evaluations: Heun's NFE* is 2·K* on the GM, Euler's is K*. A resumed complete study recomputes nothing.
     */
    @Test
    void costNfeCountsEvaluationsAndLeavesTheCsvAlone(@TempDir Path dir) throws Exception {
        String[] args = {"--models", "gm", "--families", "vp", "--schedules", "dilated", "--integrators", "euler,heun",
                "--dims", "100,200", "--seeds", "1", "--particles-high", "100", "--particles-low", "8", "--k-cap", "2000",
                "--out", dir.toString()};
        SampleCommandTest.Run r = study(args);
        assertEquals(0, r.exit(), r.err());
        String csv = Files.readString(dir.resolve("study.csv"));
        JsonNode steps = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        assertTrue(!steps.get("config").has("cost"), "the default cost leaves study.json's config as it was");
        String table = Files.readString(dir.resolve("study.txt"));
        assertTrue(table.startsWith("configuration") && !table.contains("NFE"), table);

        SampleCommandTest.Run nfe = study(append(append(append(args, "--resume"), "--cost"), "nfe"));
        assertEquals(0, nfe.exit(), nfe.err());
        assertEquals(csv, Files.readString(dir.resolve("study.csv")), "the CSV is the same for every cost");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        assertEquals("nfe", json.get("config").get("cost").asText());
        assertEquals(steps.get("config").get("dims"), json.get("config").get("dims"));
        int heunRows = 0;
        for (int i = 0; i < json.get("exponents").size(); i++) {
            JsonNode k = steps.get("exponents").get(i).get("kstar_median"), n = json.get("exponents").get(i).get("nfe_star_median");
            int factor = json.get("exponents").get(i).get("integrator").asText().equals("heun") ? 2 : 1;
            for (String d : new String[] {"100", "200"}) {
                if (k.get(d).isNull()) continue;
                assertEquals(factor * k.get(d).asDouble(), n.get(d).asDouble(), 1e-12, "d = " + d + " " + json.get("exponents").get(i));
                if (factor == 2) heunRows++;
            }
        }
        assertTrue(heunRows > 0, "some Heun K* reached");
        String nfeTable = Files.readString(dir.resolve("study.txt"));
        assertTrue(nfeTable.startsWith("NFE*: field evaluations per sample at K*") && nfeTable.contains("NFE*: median over seeds"), nfeTable);
        SampleCommandTest.assertRefused(study(append(append(args, "--cost"), "time")), "--cost 'time' is not allowed (allowed: steps, nfe)");
    }

    /**
     * bs3a in a study (docs/mathematics.md §7.4): its rows hold NFE in the K columns and rtol* in their
     * own, read back equal, resume without recomputing; NFE* is what an independent {@code sample} at
     * rtol* (atol = 10⁻³·rtol, the schedule's fewest output points) reports, and so is the error there;
     * the Euler rows beside it are those of a study without bs3a.
     */
    @Test
    void anAdaptiveIntegratorIsSearchedOverItsTolerances(@TempDir Path dir) throws Exception {
        String[] args = {"--models", "gm", "--families", "vp", "--schedules", "uniform", "--integrators", "euler,bs3a:norm=mode",
                "--dims", "100,200", "--seeds", "1", "--particles-high", "100", "--particles-low", "8", "--k-cap", "2000",
                "--cost", "nfe", "--out", dir.resolve("a").toString()};
        SampleCommandTest.Run r = study(args);
        assertEquals(0, r.exit(), r.err());
        Path a = dir.resolve("a");
        java.util.List<String> lines = Files.readAllLines(a.resolve("study.csv"));
        assertTrue(lines.get(0).endsWith(",elapsed_s,rtol_star_high,rtol_star_low,rtol_star_both,pilot_evaluations,pilot_s,"
                + "accepted_high,rejected_high,accepted_low,rejected_low"), lines.get(0));
        assertEquals(5, lines.size());
        org.phaseflow.study.StudyRunner.Stored stored = org.phaseflow.study.StudyRunner.read(a);
        assertEquals(org.phaseflow.study.Cost.NFE, stored.cost());
        int adaptive = 0;
        for (org.phaseflow.study.Study.Row row : stored.rows()) {
            // every row reads back to its line (the elapsed time, column 26, and the pilot's seconds, before the four steps columns, are not part of a row's text)
            String line = org.phaseflow.study.StudyCsv.line(stored.plan(), row);
            assertTrue(lines.stream().map(l -> {
                java.util.List<String> c = new java.util.ArrayList<>(java.util.Arrays.asList(l.split(",", -1)));
                c.remove(c.size() - 5);
                c.remove(25);
                return String.join(",", c);
            }).anyMatch(line::equals), line);
            if (!row.setting().integrator().adaptive()) continue;
            adaptive++;
            assertEquals("bs3a:norm=mode", row.setting().integrator().toString());
            // the CSV line of the row read back ends with its rtol*, which an independent sample run reproduces
            String[] cells = lines.stream().filter(l -> l.contains(",bs3a:norm=mode," + row.dim() + ",")).findFirst().orElseThrow().split(",", -1);
            double rtol = Double.parseDouble(cells[cells.length - 9]);   // rtol_star_high, before rtol_star_low, _both, the two pilot and the four steps columns
            SampleCommandTest.Run s = SampleCommandTest.command("sample", "--json", "--model", "gm", "--family", "vp", "--schedule", "uniform",
                    "--integrator", "bs3a", "--error-norm", "mode", "--rtol", Double.toString(rtol), "--atol", Double.toString(1e-3 * rtol),
                    "--dim", Integer.toString(row.dim()), "--particles", Integer.toString(row.particlesHigh()), "--steps", "1", "--seed", "1", "--threads", "2", "--quiet");
            assertEquals(0, s.exit(), s.err());
            JsonNode j = new ObjectMapper().readTree(s.out());
            assertEquals(row.high().kStar(), Math.round(j.get("nfe").asDouble()), "NFE* of d = " + row.dim() + " at rtol " + rtol);
            int pos = row.high().ks().length - 3;   // the passing run of three ends the search: rtol* is its first point
            assertEquals(row.high().kStar(), row.high().ks()[pos]);
            assertEquals(row.high().errors()[pos], Math.abs(j.get("phat").asDouble() - 0.8), 1e-12, "the error at rtol*");
            double[] steps = row.stepsHigh().atStar(row.high(), stored.plan().confirm());
            assertEquals(j.get("steps_accepted").asDouble(), steps[0], 1e-12, "accepted steps at rtol*, as sample counts them");
            assertEquals(j.get("steps_rejected").asDouble(), steps[1], 1e-12, "rejected steps at rtol*");
        }
        assertEquals(2, adaptive);
        String table = Files.readString(a.resolve("study.txt"));
        assertTrue(table.contains("gm vp/trig uniform bs3a:norm=mode") && table.contains("rtol* (median over seeds"), table);
        assertTrue(table.contains("steps: an adaptive search's accepted/rejected steps per particle at NFE*"), table);
        JsonNode json = new ObjectMapper().readTree(a.resolve("study.json").toFile());
        assertTrue(json.get("config").get("rtol_grid").asText().startsWith("rtol_j = 0.1*1.5^-j"), json.get("config").toString());
        assertEquals("bs3a:norm=mode", json.get("plan").get("integrators").get(1).asText());
        assertEquals(6, json.get("exponents").size());   // high, low, both per setting
        String csv = Files.readString(a.resolve("study.csv"));
        SampleCommandTest.Run again = study(append(args, "--resume"));
        assertEquals(0, again.exit(), again.err());
        assertEquals(csv, Files.readString(a.resolve("study.csv")), "a complete study resumed recomputes nothing");

        // the same Euler rows as a study without bs3a (whose fingerprint differs: its plan has no rtol grid)
        String[] euler = args.clone();
        euler[7] = "euler";
        euler[euler.length - 1] = dir.resolve("e").toString();
        assertEquals(0, study(euler).exit());
        java.util.List<String> e = Files.readAllLines(dir.resolve("e").resolve("study.csv"));
        java.util.function.Function<String, String> body = l -> String.join(",", java.util.Arrays.asList(l.split(",")).subList(1, 25));
        java.util.List<String> mixed = lines.stream().filter(l -> l.contains(",euler,")).map(body).toList();
        assertEquals(e.subList(1, e.size()).stream().map(body).toList(), mixed);
    }

    @Test
    void severalIntegratorsDrawOneSeriesEach(@TempDir Path dir) throws Exception {
        SampleCommandTest.Run r = study("--models", "gm", "--families", "vp", "--schedules", "dilated", "--integrators", "euler,heun",
                "--dims", "100,200", "--seeds", "1", "--particles-high", "50", "--particles-low", "8", "--k-cap", "500",
                "--cost", "nfe", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        // two series of the same family, shape and schedule: each needs its own name (XChart refuses a repeated one)
        assertTrue(Files.size(dir.resolve("kstar-gm-high.png")) > 1000 && Files.size(dir.resolve("kstar.png")) > 1000);
    }

    private static String[] append(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
