package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phaseflow.FreshJvm;
import picocli.CommandLine;

/**
 * The {@code sample} command: every invalid option is refused with exit code 2 and one line on
 * stderr naming the option and the value, before any work (nothing on stdout); a non-finite state
 * stops the run with exit code 3 naming the step, τ and particle; {@code --json} prints one JSON
 * object with the keys of issue 2 and values consistent with the run.
 */
class SampleCommandTest {

    record Run(int exit, String out, String err) {}

    static synchronized Run execute(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter(), out = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        PrintStream saved = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Run(code, out + stdout.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    static Run sample(String... args) { return command("sample", args); }

    /** One command with its arguments, in process. */
    static Run command(String name, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return execute(all);
    }

    /** Exit 2, one line on stderr containing every fragment, nothing on stdout. */
    static void assertRefused(Run r, String... fragments) {
        assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr, got: " + r.err());
        for (String f : fragments) assertTrue(lines.get(0).contains(f), "'" + lines.get(0) + "' does not name " + f);
        assertEquals("", r.out(), "nothing on stdout before refusing");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--model, foo, gm",
        "--family, xx, vp",
        "--shape, cubic, trig",
        "--schedule, edm, uniform",
        "--integrator, rk4, euler",
        "--direction, sideways, ones",
    })
    void unknownNamesAreRefusedWithTheAllowedValues(String option, String value, String allowed) {
        assertRefused(sample(option, value, "--dim", "100", "--particles", "10"), option, "'" + value + "'", allowed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--dim, 0", "--dim, -5",
        "--particles, 0", "--particles, -1",
        "--steps, 0", "--steps, -3",
        "--threads, 0", "--threads, -2",
    })
    void nonPositiveCountsAreRefused(String option, String value) {
        Run r = switch (option) {
            case "--dim" -> sample("--dim", value, "--particles", "10");
            case "--particles" -> sample("--particles", value, "--dim", "100");
            default -> sample(option, value, "--dim", "100", "--particles", "10");
        };
        assertRefused(r, option, value);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--p, 0, 0.0", "--p, 1, 1.0", "--p, 1.5, 1.5", "--p, -0.2, -0.2", "--p, NaN, NaN",
        "--sigma, 0, 0.0", "--sigma, -1, -1.0", "--sigma, Infinity, Infinity",
        "--s0, 0, 0.0", "--k, 0, 0.0",
    })
    void gmParametersOutOfRangeAreRefused(String option, String value, String shown) {
        assertRefused(sample(option, value, "--dim", "100", "--particles", "10"), option, shown);
    }

    @ParameterizedTest(name = "--beta {0}")
    @CsvSource({"1, 1.0", "0.5, 0.5", "-2, -2.0"})
    void curieWeissNeedsBetaAboveOne(String value, String shown) {
        assertRefused(sample("--model", "cw", "--beta", value, "--dim", "100", "--particles", "10"), "--beta", shown);
    }

    @Test
    void optionsOfTheOtherModelAndMalformedValuesAreRefused() {
        assertRefused(sample("--model", "cw", "--p", "0.5", "--dim", "100"), "--p");
        assertRefused(sample("--model", "gm", "--beta", "2", "--dim", "100"), "--beta");
        assertRefused(sample("--dim", "abc"), "--dim", "abc");
        assertRefused(sample("--bogus", "1"), "--bogus");
        assertRefused(sample("--steps", "1", "--dim", "100"), "--steps", "1");
        assertRefused(sample("--k", "10", "--dim", "100"), "--k", "10", "--dim", "100");   // VP window k/√d ≥ 1
        assertRefused(sample("--family", "ve", "--k", "20", "--dim", "100"), "--k", "20");   // VE needs k < s0 = √d
    }

    @Test
    void namedValuesAreTheLowercaseNamesWhateverTheLocaleAndHelpListsThem() {
        java.util.Locale saved = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));   // "i".toUpperCase() is "İ" here
        try {
            assertRefused(sample("--integrator", "rk4", "--dim", "100"), "--integrator 'rk4' is not allowed (allowed: euler, heun, ddim, dpm2m, bs3, bs3a)");
            assertRefused(sample("--model", "GM", "--dim", "100"), "--model 'GM'", "allowed: gm, cw");
            assertRefused(sample("--family", "vq", "--dim", "100"), "--family 'vq'", "vp", "ve");
            assertRefused(sample("--schedule", "dilatd", "--dim", "100"), "--schedule", "uniform, dilated, cosine");
            Run r = sample("--json", "--integrator", "heun", "--schedule", "dilated", "--dim", "50", "--particles", "8", "--steps", "4");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("\"integrator\":\"heun\"") || r.out().contains("\"integrator\" : \"heun\""), r.out());
            assertTrue(r.out().contains("\"nfe\":8"), "Heun spends 2K evaluations: " + r.out());
        } finally {
            java.util.Locale.setDefault(saved);
        }
        String help = Main.commandLine().getSubcommands().get("sample").getUsageMessage();
        for (String allowed : List.of("gm, cw", "euler, heun, ddim, dpm2m, bs3, bs3a", "uniform, dilated, cosine")) {
            assertTrue(help.contains(allowed), "--help lists " + allowed + ":\n" + help);
        }
    }

    /** A dilated VE schedule whose kink a(τ_b) = k lies at τ_b = 1 in double precision would evaluate the CW field at τ = 1. */
    @ParameterizedTest(name = "--shape {0} --k {1}")
    @CsvSource({"trig, 1e-9", "linear, 1e-17"})
    void curieWeissScheduleReachingTauOneIsRefused(String shape, String k) {
        Run r = sample("--model", "cw", "--family", "ve", "--shape", shape, "--k", k, "--dim", "100", "--particles", "10", "--steps", "10");
        assertRefused(r, "--k");
    }

    @Test
    void anEnsembleBeyondTheHeapIsRefusedSayingHowMuchItNeeds() {
        // M_t alone: 2·10⁶ × 1001 floats = 7.5 GiB, above the tests' 4 GiB heap
        Run r = sample("--particles", "2000000", "--dim", "100", "--steps", "1000");
        assertRefused(r, "--particles", "2000000", "--steps", "1000", "GiB");
        assertTrue(r.err().matches("(?s).*needs [0-9.]+ GiB.*"), r.err());
        r = sample("--particles", "2", "--dim", "2000000000");
        assertRefused(r, "--dim", "2000000000", "GiB");
        // 10⁹ steps: the τ grid (7.5 GiB of doubles) and the M_t record of two particles (as much again)
        r = sample("--particles", "2", "--dim", "10", "--steps", "1000000000", "--schedule", "uniform");
        assertRefused(r, "--steps", "1000000000", "GiB");
        // a random direction of 2·10⁹ floats (7.5 GiB) is refused before it is drawn
        r = sample("--particles", "2", "--dim", "2000000000", "--direction", "random");
        assertRefused(r, "--direction random", "--dim 2000000000", "GiB");
    }

    /**
     * M_t for N×(K+1) values must fit one Java array even when the heap is large enough: a JVM with
     * a 20 GiB heap limit (reserved, not used) is asked for 2·10⁷ particles × 201 points.
     */
    @Test
    void mtRecordBeyondTheLargestArrayIsRefused() throws Exception {
        FreshJvm.Result r = FreshJvm.runWith(List.of("-Xmx20g"), Main.class,
                "sample", "--particles", "20000000", "--dim", "10", "--steps", "200", "--threads", "1");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("--particles 20000000") && r.output().contains("--steps 200"), r.output());
        assertTrue(r.output().lines().noneMatch(l -> l.contains("Exception")), r.output());
    }

    /** A mixture whose mean lies far beyond float resolution (mixture files have no range of their own) overflows the state. */
    @Test
    void nonFiniteStateStopsWithStepTauAndParticle(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path far = java.nio.file.Files.writeString(dir.resolve("far.json"),
                "{\"components\": [{\"weight\": 0.5, \"mean\": 1e30, \"sigma\": 0.1}, {\"weight\": 0.5, \"mean\": -1, \"sigma\": 0.1}]}");
        Run r = sample("--mixture", far.toString(), "--integrator", "heun", "--dim", "100", "--particles", "10", "--steps", "10", "--threads", "1");
        assertEquals(3, r.exit(), r.err());
        assertEquals("sample: stopped: non-finite state at step 1 (τ = 0.06) in particle 0", r.err().strip());
        java.nio.file.Path less = java.nio.file.Files.writeString(dir.resolve("less.json"),
                "{\"components\": [{\"weight\": 0.5, \"mean\": 5e19, \"sigma\": 0.1}, {\"weight\": 0.5, \"mean\": -1, \"sigma\": 0.1}]}");
        r = sample("--mixture", less.toString(), "--integrator", "heun", "--dim", "100", "--particles", "10", "--steps", "10", "--threads", "1");
        assertEquals(3, r.exit(), r.err());
        assertEquals("sample: stopped: non-finite state at step 2 (τ = 0.12) in particle 0", r.err().strip());
    }

    /** A mixture component no sample ended in says so, rather than printing σ̂ = NaN ± NaN. */
    @Test
    void aComponentWithoutSamplesSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path mix = java.nio.file.Files.writeString(dir.resolve("rare.json"),
                "{\"components\": [{\"weight\": 0.9999, \"mean\": 1, \"sigma\": 0.1}, {\"weight\": 0.0001, \"mean\": -1, \"sigma\": 0.2}]}");
        Run r = sample("--mixture", mix.toString(), "--dim", "50", "--particles", "20", "--steps", "20", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("σ₁̂: no sample ended in this component") && !r.out().contains("NaN"), r.out());
    }

    /** A run that loses a mode (p̂ = 1) reads as far from the target, with a real interval, not "± 0.0000 (+0.0 standard errors)". */
    @Test
    void aLostModeIsManyStandardErrorsFromTheTarget() {
        Run r = sample("--model", "cw", "--schedule", "uniform", "--dim", "2000", "--particles", "200", "--steps", "2", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        String p = r.out().lines().filter(l -> l.contains("p̂ =")).findFirst().orElseThrow();
        assertTrue(p.contains("p̂ = 1.0000, 95 % interval [0.98") && !p.contains("± 0.0000") && p.contains("standard errors at the target"), p);
        assertTrue(!p.contains("(+0.0 "), p);
        String m = r.out().lines().filter(l -> l.contains("m̂ =")).findFirst().orElseThrow();
        assertTrue(m.contains("standard errors of exact samples"), m);
    }

    /** sample --json states its whole configuration (the mixture file and its SHA-256 too) and where it came from; -V names the commit. */
    @Test
    void jsonCarriesTheResolvedConfigurationAndProvenance(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Run r = sample("--json", "--dim", "100", "--particles", "20", "--steps", "4", "--m", "2", "--direction", "random", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode c = j.get("config");
        assertEquals(2.0, c.get("target").get("m").asDouble());
        assertEquals("random", c.get("target").get("direction").asText());
        assertEquals(2.0, c.get("target").get("beta").asDouble(), 0, "every parameter, also those of the other model");
        assertEquals("dilated", c.get("schedule").asText());
        assertEquals(4, c.get("steps").asInt());
        assertEquals(1, c.get("seed").asInt());
        org.phaseflow.config.RunConfig back = org.phaseflow.config.Json.MAPPER.treeToValue(c, org.phaseflow.config.RunConfig.class);
        assertEquals(List.of("--model", "gm", "--family", "vp", "--schedule", "dilated", "--k", "3", "--integrator", "euler", "--dim", "100",
                "--particles", "20", "--steps", "4", "--seed", "1", "--m", "2", "--direction", "random"), back.arguments(), "it reads back as the run");
        JsonNode p = j.get("provenance");
        assertEquals(Provenance.VERSION, p.get("phaseflow").asText());
        assertTrue(p.get("git_commit").asText().matches("[0-9a-f]{4,40}(-dirty)?"), p.toString());
        for (String key : List.of("java", "os", "cpu", "cores", "kernels")) assertTrue(p.has(key), key);

        java.nio.file.Path mix = java.nio.file.Files.writeString(dir.resolve("two.json"),
                "{\"components\": [{\"weight\": 0.5, \"mean\": 1, \"sigma\": 0.1}, {\"weight\": 0.5, \"mean\": -1, \"sigma\": 0.2}]}");
        Run m = sample("--json", "--mixture", mix.toString(), "--dim", "50", "--particles", "20", "--steps", "4", "--threads", "1");
        assertEquals(0, m.exit(), m.err());
        JsonNode mj = new ObjectMapper().readTree(m.out());
        assertEquals(mix.toString(), mj.get("config").get("target").get("mixture").asText());
        assertEquals(org.phaseflow.model.MixtureFile.sha256(mix), mj.get("mixture_sha256").asText());

        picocli.CommandLine cl = Main.commandLine();
        StringWriter version = new StringWriter();
        cl.setOut(new PrintWriter(version, true));
        assertEquals(0, cl.execute("-V"));
        cl.getOut().flush();
        assertTrue(version.toString().startsWith("phaseflow " + Provenance.VERSION + " (git commit " + p.get("git_commit").asText().replace("-dirty", "")), version.toString());
    }

    @Test
    void jsonHasTheKeysOfIssue2WithConsistentValues() throws Exception {
        Run r = sample("--json", "--dim", "200", "--particles", "64", "--steps", "12", "--seed", "5", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one JSON object on stdout: " + r.out());
        JsonNode j = new ObjectMapper().readTree(lines.get(0));
        for (String key : List.of("model", "family", "shape", "schedule", "integrator", "dim", "particles", "steps", "seed", "threads",
                "phat", "phat_se", "target_p", "elapsed_s", "element_steps_per_s", "sigma_hat", "target_sigma")) {
            assertTrue(j.has(key), "missing key " + key + " in " + lines.get(0));
        }
        assertEquals("gm", j.get("model").asText());
        assertEquals("vp", j.get("family").asText());
        assertEquals("trig", j.get("shape").asText());
        assertEquals("dilated", j.get("schedule").asText());
        assertEquals("euler", j.get("integrator").asText());
        assertEquals(200, j.get("dim").asInt());
        assertEquals(64, j.get("particles").asInt());
        assertEquals(12, j.get("steps").asInt());
        assertEquals(12, j.get("nfe").asInt(), "Euler: one evaluation per step");
        assertEquals(5, j.get("seed").asLong());
        assertEquals(2, j.get("threads").asInt());
        assertEquals(0.8, j.get("target_p").asDouble());
        assertEquals(0.1, j.get("target_sigma").asDouble());
        double phat = j.get("phat").asDouble();
        assertTrue(phat >= 0 && phat <= 1);
        assertEquals(Math.round(phat * 64), phat * 64, 1e-9, "p̂ is a fraction of 64 particles");
        assertEquals(Math.sqrt(phat * (1 - phat) / 64), j.get("phat_se").asDouble(), 1e-12);
        assertTrue(j.get("phat_ci_lo").asDouble() < phat && phat < j.get("phat_ci_hi").asDouble() || phat == 0 || phat == 1, lines.get(0));
        assertEquals((phat - 0.8) / Math.sqrt(0.8 * 0.2 / 64), j.get("phat_z").asDouble(), 1e-9, "z at the target's standard error");
        assertEquals(0.1 / Math.sqrt(2.0 * 200 * 64), j.get("target_sigma_se").asDouble(), 1e-12);
        assertTrue(j.has("sigma_z"), lines.get(0));
        assertTrue(j.get("sigma_hat").asDouble() > 0);
        assertTrue(j.get("elapsed_s").asDouble() > 0);
        double rate = j.get("element_steps_per_s").asDouble();
        assertEquals(64.0 * 200 * 12 / j.get("integration_s").asDouble(), rate, 1e-6 * rate);
        assertTrue(j.get("integration_s").asDouble() <= j.get("elapsed_s").asDouble());

        r = sample("--json", "--model", "cw", "--dim", "200", "--particles", "32", "--steps", "12", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        j = new ObjectMapper().readTree(r.out().strip());
        assertEquals("cw", j.get("model").asText());
        assertEquals("linear", j.get("shape").asText(), "CW default shape");
        assertEquals(0.9575040240772687, j.get("target_m").asDouble(), 1e-12);
        assertEquals(1 / (1 + Math.exp(-2 * 0.5 * Math.log(4) * 0.9575040240772687)), j.get("target_p").asDouble(), 1e-12);
        assertTrue(j.has("m_hat") && !j.has("sigma_hat"), r.out());
    }

    /** bs3a: its tolerances, counts and refusals. */
    @Test
    void adaptiveIntegratorReportsItsStepsAndRefusesBadTolerances() throws Exception {
        Run r = sample("--json", "--integrator", "bs3a", "--rtol", "1e-2", "--dim", "100", "--particles", "16", "--steps", "2", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        assertEquals("bs3a", j.get("integrator").asText());
        assertEquals(0.01, j.get("rtol").asDouble());
        assertEquals(1e-6, j.get("atol").asDouble());
        double accepted = j.get("steps_accepted").asDouble(), rejected = j.get("steps_rejected").asDouble();
        assertTrue(accepted >= 2, r.out());
        assertEquals(1 + 3 * (accepted + rejected), j.get("nfe").asDouble(), 1e-9, "GM: one for k1, three per attempt: " + r.out());
        assertTrue(j.get("nfe_max").asInt() >= j.get("nfe").asDouble(), r.out());
        assertEquals(16 * 100 * accepted, j.get("element_steps_per_s").asDouble() * j.get("integration_s").asDouble(), 1e-6 * 16 * 100 * accepted,
                "an adaptive run's element-steps count its accepted steps, not the 2 output points: " + r.out());
        JsonNode c = j.get("config");
        assertEquals(0.01, c.get("tolerances").get("rtol").asDouble(), 0, "the config states the tolerances: " + c);
        assertEquals("rms", c.get("tolerances").get("norm").asText());
        org.phaseflow.config.RunConfig back = org.phaseflow.config.Json.MAPPER.treeToValue(c, org.phaseflow.config.RunConfig.class);
        assertEquals(List.of("--rtol", "0.01", "--atol", "1.0E-6", "--error-norm", "rms"),
                back.arguments().subList(back.arguments().size() - 6, back.arguments().size()), "it reads back as the run");
        Run fixed = sample("--json", "--integrator", "heun", "--dim", "100", "--particles", "4", "--steps", "2", "--threads", "1");
        assertFalse(new ObjectMapper().readTree(fixed.out().strip()).get("config").has("tolerances"), "a fixed-step run has none: " + fixed.out());
        Run human = sample("--integrator", "bs3a", "--dim", "100", "--particles", "8", "--steps", "2", "--threads", "1");
        assertEquals(0, human.exit(), human.err());
        assertTrue(human.out().contains("adaptive (rtol 0.00100, atol 1.00e-06, rms norm): "), human.out());
        assertRefused(sample("--integrator", "heun", "--rtol", "1e-3", "--dim", "100"), "--rtol 1e-3 applies to an adaptive integrator (bs3a) only, not to --integrator heun");
        assertRefused(sample("--integrator", "euler", "--error-norm", "mode", "--dim", "100"), "--error-norm mode applies to an adaptive integrator (bs3a) only");
        assertRefused(sample("--integrator", "bs3a", "--atol", "-1", "--dim", "100"), "--atol must be a finite number ≥ 0, got -1.0");
        assertRefused(sample("--integrator", "bs3a", "--rtol", "0", "--atol", "0", "--dim", "100"), "--rtol and --atol are both 0");
    }

    /**
     * --step-density DIR (bs3a only): both pictures in DIR, one info line on stderr (none with
     * --quiet), and step_density in the JSON with the pooled steps, the dilated window and the shares;
     * the same numbers for 1 and 2 threads; refused with any other integrator or a file for DIR.
     */
    @Test
    void stepDensityDrawsWhereBs3aSteppedAndOnlyForBs3a(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path figs = dir.resolve("figs");
        String[] args = {"--json", "--integrator", "bs3a", "--schedule", "uniform", "--steps", "1", "--dim", "400", "--particles", "30",
                "--threads", "2", "--step-density", figs.toString()};
        Run r = sample(args);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        JsonNode sd = j.get("step_density");
        assertEquals(30, sd.get("particles_pooled").asInt(), "all of them when fewer than 100");
        assertEquals(30 * j.get("steps_accepted").asDouble(), sd.get("steps_pooled").asDouble(), 1e-9, "the run's accepted steps: " + sd);
        assertEquals(200, sd.get("knots").asInt());
        assertEquals("τ ≤ k/√d", sd.get("window").asText());
        assertEquals(0.0, sd.get("window_tau").get(0).asDouble(), 0);
        assertEquals(0.15, sd.get("window_tau").get(1).asDouble(), 1e-15, "k/√d = 3/20");
        assertEquals(0.15, sd.get("uniform_share_in_window").asDouble(), 1e-15);
        assertEquals(0.5, sd.get("dilated_share_in_window").asDouble(), 0);
        double share = sd.get("share_in_window").asDouble();
        assertTrue(share > 0.15 && share < 1, "the controller refines the start of the VP flow: " + sd);
        assertTrue(sd.get("steps_ending_in_window").asInt() > 0 && sd.get("steps_ending_in_window").asInt() < sd.get("steps_pooled").asInt(), sd.toString());
        assertEquals(List.of("steps-gm-vp-bs3a-rms-d400.png", "steps-gm-vp-bs3a-rms-d400.svg"),
                List.of(sd.get("files").get(0).asText(), sd.get("files").get(1).asText()));
        for (String ext : List.of("png", "svg")) {
            java.nio.file.Path f = figs.resolve("steps-gm-vp-bs3a-rms-d400." + ext);
            assertTrue(java.nio.file.Files.size(f) > 1000, f + " is empty");
        }
        String info = r.err().lines().filter(l -> l.startsWith("sample: step density: ")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
        assertTrue(info.contains(sd.get("steps_pooled").asInt() + " accepted steps of the first 30 particles")
                && info.contains("dilated window τ ≤ k/√d = 0.15") && info.contains("uniform: 0.1500 of its steps, dilated: 0.5000"), info);

        args[args.length - 3] = "1";   // --threads 1
        args[args.length - 1] = dir.resolve("one").toString();
        Run one = sample(args);
        assertEquals(0, one.exit(), one.err());
        assertEquals(sd, new ObjectMapper().readTree(one.out().strip()).get("step_density"), "the same pool whatever --threads");

        Run ve = sample("--integrator", "bs3a", "--error-norm", "mode", "--model", "cw", "--family", "ve", "--schedule", "uniform", "--steps", "1",
                "--dim", "400", "--particles", "8", "--threads", "1", "--quiet", "--step-density", figs.toString());
        assertEquals(0, ve.exit(), ve.err());
        assertEquals("", ve.err().strip(), "--quiet: no info line");
        assertTrue(java.nio.file.Files.size(figs.resolve("steps-cw-ve-bs3a-mode-d400.png")) > 1000);
        Run veJson = sample("--json", "--integrator", "bs3a", "--model", "cw", "--family", "ve", "--schedule", "uniform", "--steps", "1",
                "--dim", "400", "--particles", "8", "--threads", "1", "--quiet", "--step-density", figs.toString());
        JsonNode w = new ObjectMapper().readTree(veJson.out().strip()).get("step_density");
        assertEquals("a(τ) ≤ k", w.get("window").asText());
        assertEquals(0.85, w.get("window_tau").get(0).asDouble(), 1e-12, "VE linear: a(τ_b) = √d·(1 − τ_b) = k");
        assertEquals(1.0, w.get("window_tau").get(1).asDouble(), 0);
        assertEquals(0.15, w.get("uniform_share_in_window").asDouble(), 1e-12);

        assertRefused(sample("--integrator", "heun", "--step-density", figs.toString(), "--dim", "100"),
                "--step-density " + figs + " applies to --integrator bs3a only", "not to --integrator heun", "give --integrator bs3a");
        assertRefused(sample("--step-density", figs.toString(), "--dim", "100"), "--step-density", "not to --integrator euler");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("f.txt"), "x");
        assertRefused(sample("--integrator", "bs3a", "--step-density", file.toString(), "--dim", "100"), "--step-density " + file + " is a file; give a directory");
        assertRefused(sample("--integrator", "bs3a", "--schedule", "uniform", "--step-density", figs.toString(), "--dim", "9"),
                "--step-density " + figs + " draws the dilated schedule beside the steps, and --k 3.0 with --dim 9");
    }

    @Test
    void humanSummaryNamesTheFeatures() {
        Run r = sample("--dim", "200", "--particles", "32", "--steps", "12", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("p̂ = ") && r.out().contains("σ̂ = ") && r.out().contains("target 0.8000"), r.out());
        assertTrue(r.out().contains("K = 12 (12 field evaluations per particle)"), r.out());
        Run heun = sample("--integrator", "heun", "--model", "cw", "--dim", "100", "--particles", "8", "--steps", "5", "--threads", "1");
        assertEquals(0, heun.exit(), heun.err());
        assertTrue(heun.out().contains("K = 5 (9 field evaluations per particle)"), "CW: Heun's last step is Euler's: " + heun.out());
    }
}
