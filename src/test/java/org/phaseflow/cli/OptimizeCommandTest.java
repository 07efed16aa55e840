package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.schedule.ScheduleFile;
import picocli.CommandLine;

class OptimizeCommandTest {
    @TempDir Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void writesAKnotsFileThatSampleReadsAndItsPlot() throws Exception {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json"), figs = dir.resolve("figs");
        StringWriter err = new StringWriter();
        String[] args = {"optimize", "--model", "cw", "--family", "ve", "--dim", "200", "--pilot-particles", "8", "--pilot-steps", "60",
                "--seed", "4", "--threads", "2", "--out", a.toString(), "--plot", figs.toString()};
        assertEquals(0, run(new StringWriter(), err, args), err.toString());
        args[args.length - 3] = b.toString();
        args[args.length - 5] = "1";
        assertEquals(0, run(new StringWriter(), err, args), err.toString());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same seed, same file, whatever the thread count");
        assertTrue(Files.readString(a).contains("optimized: "), "the file says how it was made");
        assertEquals(0, ScheduleFile.read(a).fixedSteps());
        for (String ext : new String[] {"png", "svg"}) {
            Path p = figs.resolve("density-cw-ve-euler-d200." + ext);
            assertTrue(Files.size(p) > 1000, p + " is empty");
        }
        StringWriter e2 = new StringWriter();
        assertEquals(0, run(new StringWriter(), e2, "sample", "--model", "cw", "--family", "ve", "--dim", "200", "--particles", "20",
                "--steps", "12", "--schedule", "file:" + a), e2.toString());
    }

    @Test
    void badOptionsGetOneLineNamingTheOption() {
        String out = dir.resolve("o.json").toString();
        String[][] cases = {
            {"--pilot-particles", "1", "--pilot-particles must be at least 2 (one sample has no error bar), got 1"},
            {"--pilot-steps", "5", "--pilot-steps must be at least 20, got 5"},
            {"--pilot-passes", "0", "--pilot-passes must be a positive integer, got 0"},
            {"--integrator", "bs3a", "--integrator bs3a: an adaptive scheme"},
            {"--dim", "0", "--dim must be a positive integer, got 0"},
            {"--beta", "2", "--beta 2 applies to --model cw only"},
            {"--family", "vq", "--family 'vq' is not allowed (allowed: vp, ve)"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            int code = c[0].equals("--dim") ? run(new StringWriter(), err, "optimize", "--out", out, c[0], c[1])
                    : run(new StringWriter(), err, "optimize", "--dim", "100", "--out", out, c[0], c[1]);
            assertEquals(2, code, String.join(" ", c));
            String msg = err.toString().strip();
            assertEquals(1, msg.lines().count(), msg);
            assertTrue(msg.contains(c[2]), msg);
        }
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "optimize", "--dim", "100", "--out", dir.resolve("no/such/o.json").toString()));
        assertTrue(err.toString().strip().startsWith("optimize: --out "), err.toString());
    }
}
