package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrajectoryCommandTest {
    @TempDir Path dir;

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void trajectoryWritesThreePicturesInEachFormat() throws Exception {
        StringWriter err = new StringWriter();
        int code = run(err, "trajectory", "--model", "gm", "--family", "vp", "--schedule", "dilated", "--dim", "400",
                "--particles", "50", "--steps", "12", "--paths", "20", "--out", dir.toString(), "--name", "t");
        assertEquals(0, code, err.toString());
        for (String kind : new String[] {"paths", "coords", "final"}) {
            for (String ext : new String[] {"png", "svg"}) {
                Path p = dir.resolve("t-" + kind + "." + ext);
                assertTrue(Files.size(p) > 1000, p + " is empty");
            }
        }
    }

    /** Pictures of the same name are not replaced without --force; the figure set refuses a non-empty folder. */
    @Test
    void existingPicturesAreRefusedUnlessForce() throws Exception {
        String[] args = {"trajectory", "--dim", "400", "--particles", "20", "--steps", "6", "--paths", "5", "--out", dir.toString(),
                "--name", "t", "--formats", "svg"};
        assertEquals(0, run(new StringWriter(), args));
        Files.writeString(dir.resolve("t-final.svg"), "mine");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, args));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("t-final.svg") && err.toString().contains("--force"), err.toString());
        assertEquals("mine", Files.readString(dir.resolve("t-final.svg")));
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertEquals(0, run(new StringWriter(), forced));
        assertTrue(Files.size(dir.resolve("t-final.svg")) > 1000);
        StringWriter ferr = new StringWriter();
        assertEquals(2, run(ferr, "figures", "--dim", "400", "--particles", "40", "--steps", "10", "--paths", "10", "--out", dir.toString()));
        assertTrue(ferr.toString().contains("not empty") && ferr.toString().contains("--force"), ferr.toString());
    }

    /** An --out that is a file, or lies under one, is refused with one line and a reason before any sampling. */
    @Test
    void unwritableOutIsRefusedBeforeSampling() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String[][] cases = {{file.toString(), "is a file, not a directory"}, {file.resolve("sub").toString(), "cannot be created: " + file + " is a file"}};
        for (String[] c : cases) {
            for (String command : new String[] {"trajectory", "figures"}) {
                SampleCommandTest.Run r = SampleCommandTest.execute(command, "--dim", "400", "--particles", "20", "--steps", "6", "--out", c[0]);
                SampleCommandTest.assertRefused(r, command + ": --out " + c[0], c[1]);
            }
            SampleCommandTest.assertRefused(StudyCommandTest.study("--dims", "100,200", "--out", c[0]), "study: --out " + c[0], c[1]);
        }
    }

    @Test
    void badOptionsGetOneLineNamingTheOption() {
        String[][] cases = {
            {"--coords", "400", "--coords 400"},
            {"--paths", "0", "--paths"},
            {"--formats", "gif", "--formats 'gif'"},
            {"--name", "a/b", "--name 'a/b'"},
            {"--final-states", "-1", "--final-states"},
            {"--trace-particles", "0", "--trace-particles"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            int code = run(err, "trajectory", "--dim", "400", "--particles", "10", "--steps", "4", "--out", dir.toString(), c[0], c[1]);
            assertEquals(2, code, String.join(" ", c));
            String msg = err.toString().strip();
            assertEquals(1, msg.lines().count(), msg);
            assertTrue(msg.contains(c[2]), msg);
        }
    }

    @Test
    void figuresIndexShowsEveryPictureAndTheCommandThatDrewIt() throws Exception {
        StringWriter err = new StringWriter();
        int code = run(err, "figures", "--dim", "400", "--particles", "40", "--steps", "10", "--paths", "10", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        String index = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+\\.png)\\)").matcher(index);
        int pictures = 0;
        while (m.find()) {
            pictures++;
            assertTrue(Files.size(dir.resolve(m.group(1))) > 1000, m.group(1));
            assertTrue(Files.size(dir.resolve(m.group(1).replace(".png", ".svg"))) > 1000, m.group(1));
        }
        assertEquals(24, pictures, "3 pictures × 8 configurations");
        assertEquals(8, index.split("\\./phaseflow trajectory --model", -1).length - 1, "one command per configuration");
        assertTrue(index.contains("./phaseflow trajectory --model cw --family ve --schedule dilated --k 3"), index);
    }
}
