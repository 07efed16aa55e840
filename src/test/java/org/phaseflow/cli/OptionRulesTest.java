package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phaseflow.cli.SampleCommandTest.assertRefused;
import static org.phaseflow.cli.SampleCommandTest.execute;
import static org.phaseflow.cli.SampleCommandTest.sample;
import static org.phaseflow.cli.StudyCommandTest.study;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.config.Limits;

/**
 * One rule for every command: an option given that does not apply to the run (its model, schedule,
 * integrator, or a study plan's lists) is refused, and so is a value outside the range where the
 * result means anything; each with one line naming the option and the value, exit 2, before any work.
 */
class OptionRulesTest {
    private static final String[] SMALL = {"--dim", "100", "--particles", "20", "--steps", "10", "--threads", "1"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void optionsOfAnotherModelScheduleOrIntegratorAreRefusedBySample() {
        assertRefused(sample(with(SMALL, "--model", "cw", "--direction", "random")),
                "--direction random applies to the two-mode GM (--model gm) only, not to --model cw");
        assertRefused(sample(with(SMALL, "--model", "cw", "--sigma", "0.2")), "--sigma 0.2", "--model cw");
        assertRefused(sample(with(SMALL, "--model", "gm", "--h", "0.3")), "--h 0.3 applies to --model cw only, not to --model gm");
        assertRefused(sample(with(SMALL, "--schedule", "uniform", "--k", "5")),
                "--k 5 applies to a schedule with a width parameter (dilated) only, not to --schedule uniform");
        assertRefused(sample(with(SMALL, "--schedule", "karras", "--k", "5")), "--k 5", "--schedule karras");
        assertRefused(sample(with(SMALL, "--atol", "1e-4")), "--atol 1e-4 applies to an adaptive integrator (bs3a) only, not to --integrator euler");
    }

    @Test
    void theTwoModeParametersAreRefusedBesideAMixture(@TempDir Path dir) throws Exception {
        Path mix = Files.writeString(dir.resolve("m.json"), "{\"components\": [{\"weight\": 0.6, \"mean\": 1, \"sigma\": 0.1}, "
                + "{\"weight\": 0.4, \"mean\": -1, \"sigma\": 0.1}]}");
        assertRefused(sample(with(SMALL, "--mixture", mix.toString(), "--p", "0.3")), "--p 0.3 does not apply with --mixture " + mix);
    }

    @Test
    void finalStatesApplyToAGaussianTargetOnly(@TempDir Path dir) {
        assertRefused(execute(with(with(new String[] {"trajectory"}, SMALL), "--model", "cw", "--final-states", "5", "--out", dir.toString())),
                "--final-states 5 applies to a Gaussian target (--model gm)", "not to --model cw");
    }

    /** study takes lists: an option applies when some setting of the plan uses it, and is refused otherwise. */
    /** A tiny plan, so that a study which is not refused (before the rule) ends in a second or two. */
    private static SampleCommandTest.Run tinyStudy(Path dir, String... args) {
        return study(with(new String[] {"--families", "vp", "--seeds", "1", "--particles-low", "4", "--k-cap", "30",
                "--out", dir.resolve("o").toString()}, args));
    }

    private static Path nonEmpty(Path dir) {
        try {
            Path d = Files.createDirectories(dir.resolve("full"));
            Files.writeString(d.resolve("notes.txt"), "x");
            return d;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void studyRefusesWhatNoSettingOfItsPlanUses(@TempDir Path dir) {
        assertRefused(tinyStudy(dir, "--models", "cw", "--p", "0.6", "--dims", "100", "--particles-high", "20", "--threads", "1"), "--p 0.6 applies to the two-mode GM (--model gm) only, not to --models cw");
        assertRefused(tinyStudy(dir, "--models", "gm", "--beta", "3", "--dims", "100", "--particles-high", "20", "--threads", "1"), "--beta 3 applies to --model cw only, not to --models gm");
        assertRefused(tinyStudy(dir, "--models", "cw", "--tol-sigma", "0.2", "--dims", "100", "--particles-high", "20", "--threads", "1"), "--tol-sigma 0.2", "--models cw");
        assertRefused(tinyStudy(dir, "--models", "gm", "--tol-m", "0.02", "--dims", "100", "--particles-high", "20", "--threads", "1"), "--tol-m 0.02", "--models gm");
        assertRefused(tinyStudy(dir, "--schedules", "uniform,cosine", "--k", "4", "--dims", "100", "--particles-high", "20", "--threads", "1"), "--k 4", "not to --schedules uniform,cosine");
        assertRefused(tinyStudy(dir, "--preset", "quick", "--dims", "100,1000", "--particles-high", "20", "--threads", "1"), "--preset quick only chooses the dimensions", "--dims 100,1000");
        // (into a folder that is not empty, so that a study which takes the plan stops before any work)
        assertRefused(study("--plan", "results/study/study.json", "--p", "0.5", "--out", nonEmpty(dir).toString()),
                "--p 0.5 does not apply with --plan results/study/study.json, which fixes every number of the study");
        assertRefused(tinyStudy(dir, "--particles-high", "1", "--dims", "100", "--threads", "1"), "--particles-high must be at least 2", "got 1");
        assertRefused(tinyStudy(dir, "--threads", "100000", "--dims", "100", "--particles-high", "20"), "--threads must lie in [1, ", "got 100000");
    }

    /** The same options where the plan has a setting that uses them: the study runs. */
    @Test
    void studyTakesAnOptionSomeSettingUses(@TempDir Path dir) {
        SampleCommandTest.Run r = study("--models", "gm,cw", "--p", "0.7", "--beta", "2.5", "--schedules", "uniform,dilated", "--k", "2",
                "--families", "vp", "--dims", "100", "--seeds", "1", "--particles-high", "40", "--particles-low", "4", "--k-cap", "30",
                "--threads", "1", "--quiet", "--out", dir.resolve("o").toString());
        assertEquals(0, r.exit(), r.err());
    }

    /** σ far from m, or m far from the unit noise, leaves float32 resolution: refused, while the edge of the range runs. */
    @Test
    void scalesBeyondFloatResolutionAreRefused() {
        assertRefused(sample(with(SMALL, "--sigma", "1e30")), "--sigma must lie in [m/1000, 1000·m]", "got 1.0E30");
        assertRefused(sample(with(SMALL, "--sigma", "1e-30")), "--sigma must lie in", "got 1.0E-30");
        assertRefused(sample(with(SMALL, "--m", "2", "--sigma", "0.0019")), "--sigma", "[0.002, 2000.0]", "got 0.0019");
        assertRefused(sample(with(SMALL, "--m", "1e5")), "--m must lie in [0.001, 1000.0]", "got 100000.0");
        assertRefused(sample(with(SMALL, "--s0", "1e10")), "--s0 must lie in [0.001, 10000.0]", "got 1.0E10");   // d = 100: 10³·√d
        assertRefused(sample(with(SMALL, "--s0", "0")), "--s0 must lie in", "got 0.0");
        assertEquals(0, sample(with(SMALL, "--sigma", "0.001")).exit());
        assertEquals(0, sample(with(SMALL, "--m", "2", "--sigma", "2000")).exit());
    }

    @Test
    void oneSampleOrThousandsOfThreadsAreRefused(@TempDir Path dir) {
        assertRefused(sample("--dim", "100", "--steps", "10", "--particles", "1"), "--particles must be at least 2 (one sample has no error bar), got 1");
        int max = Limits.THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
        assertRefused(sample("--dim", "100", "--steps", "10", "--particles", "10", "--threads", "1000"),
                "--threads must lie in [1, " + max + "]", "got 1000");
        assertEquals(0, sample("--dim", "100", "--steps", "10", "--particles", "10", "--threads", Integer.toString(max)).exit());
        assertRefused(execute("figures", "--particles", "1", "--out", dir.toString()), "--particles must be at least 2", "got 1");
        assertRefused(execute("optimize", "--dim", "100", "--pilot-particles", "1", "--out", dir.resolve("o.json").toString()),
                "--pilot-particles must be at least 2", "got 1");
        assertRefused(execute("bench", "--threads", "1000", "--scale", "0.002", "--repeats", "1", "--no-save"), "--threads must lie in", "got 1000");
    }

    @Test
    void optimizeAndBenchRefuseOptionsWithoutWhatTheyApplyTo(@TempDir Path dir) {
        assertRefused(execute("optimize", "--dim", "100", "--k", "4", "--out", dir.resolve("o.json").toString()),
                "--k 4 applies with --plot only");
        assertRefused(execute("bench", "--tolerance", "0.2", "--scale", "0.002", "--repeats", "1", "--no-save"), "--tolerance 0.2 applies with --compare only");
        assertRefused(execute("bench", "--basis", "wall", "--scale", "0.002", "--repeats", "1", "--no-save"), "--basis wall applies with --compare only");
        assertRefused(execute("bench", "--no-save", "--out", "x", "--scale", "0.002", "--repeats", "1"), "--out x does not apply with --no-save");
        assertRefused(execute("bench", "--from", "results/bench/baseline.json", "--scale", "0.5"),
                "--scale 0.5 does not apply with --from results/bench/baseline.json");
    }

    /** A mixture file whose weights do not sum to 1 is refused, naming the file and the sum, not renormalised. */
    @Test
    void mixtureWeightsMustSumToOne(@TempDir Path dir) throws Exception {
        Path mix = Files.writeString(dir.resolve("w.json"), "{\"components\": [{\"weight\": 0.5, \"mean\": 1, \"sigma\": 0.1}, "
                + "{\"weight\": 0.3, \"mean\": -1, \"sigma\": 0.1}]}");
        assertRefused(sample(with(SMALL, "--mixture", mix.toString())), "--mixture " + mix, "the weights sum to 0.8, not 1");
        assertRefused(tinyStudy(dir, "--mixture", mix.toString(), "--models", "gm", "--dims", "100", "--particles-high", "20", "--threads", "1"), "--mixture " + mix, "sum to 0.8");
        Path close = Files.writeString(dir.resolve("c.json"), "{\"components\": [{\"weight\": 0.3333333, \"mean\": 1, \"sigma\": 0.1}, "
                + "{\"weight\": 0.6666667, \"mean\": -1, \"sigma\": 0.1}]}");
        assertEquals(0, sample(with(SMALL, "--mixture", close.toString())).exit(), "a sum within the tolerance is taken as it is");
    }
}
