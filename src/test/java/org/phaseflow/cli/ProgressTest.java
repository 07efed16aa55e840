package org.phaseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plain progress lines (stderr not a terminal) say what is being evaluated, also in the middle of a task. */
class ProgressTest {

    @Test
    void plainLinesNameTheCurrentWork() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress("study", 4, false, err, 0)) {
            p.accept(1);
            p.extra("cw vp/linear uniform euler d=100000 seed 1 high K=473");   // a round starts: no row finished
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("study: 25 % done,") && !lines[0].contains("("), lines[0]);
        assertTrue(lines[1].startsWith("study: 25 % done,") && lines[1].endsWith("left (cw vp/linear uniform euler d=100000 seed 1 high K=473)"), lines[1]);
    }

    @Test
    void quietPrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("study", 4, true, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0)) {
            p.accept(1);
            p.extra("anything");
        }
        assertEquals(0, bytes.size());
    }
}
