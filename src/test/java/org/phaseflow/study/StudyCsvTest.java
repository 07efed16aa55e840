package org.phaseflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.config.Json;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.interpolant.Family;

/**
 * --resume from a damaged study.csv: a last line cut short (at any byte, after a comma too) is
 * reported, dropped and recomputed, and the file on disk is a valid CSV again; a repeated row, a line
 * that is not a row, a binary file and a directory are refused with one message naming the line or
 * the problem; study.json says the study was resumed and counts the time of the kept rows.
 */
class StudyCsvTest {
    static final StudyPlan PLAN = StudyTest.plan(List.of(Family.VP), List.of(100, 200), 1, 60);
    static List<String> lines;   // header and the four rows of an uninterrupted run, without their elapsed times

    @BeforeAll
    static void complete(@TempDir Path dir) throws Exception {
        StudyRunner.run(PLAN, LocalExecutor.inOrder(2), dir, false, Map.of(), new StudyRunner.Events() {});
        lines = withoutElapsed(Files.readString(dir.resolve("study.csv")));
        assertEquals(5, lines.size());
    }

    /** Where elapsed_s is in a row (the pilot columns come after it). */
    static final int ELAPSED = List.of(StudyCsv.HEADER).indexOf("elapsed_s");

    /** The lines of a CSV text, each row's elapsed time cut out; every line must end with CRLF. */
    static List<String> withoutElapsed(String text) {
        assertTrue(text.endsWith("\r\n"), "ends with a complete line");
        List<String> out = new ArrayList<>();
        for (String l : text.split("\r\n")) {
            if (out.isEmpty()) {
                out.add(l);
                continue;
            }
            List<String> f = new ArrayList<>(List.of(l.split(",", -1)));
            f.remove(ELAPSED);
            out.add(String.join(",", f));
        }
        return out;
    }

    /** A row of {@link #lines} with an elapsed time of 0.5 s put back. */
    static String withElapsed(String line) {
        List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
        f.add(ELAPSED, "0.5");
        return String.join(",", f);
    }

    /** A file holding the header and the first {@code rows} rows of the complete run, then {@code tail}. */
    static Path file(Path dir, int rows, String tail) throws Exception {
        Path csv = dir.resolve("study.csv");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= rows; i++) b.append(i == 0 ? lines.get(i) : withElapsed(lines.get(i))).append("\r\n");
        Files.writeString(csv, b + tail, StandardCharsets.UTF_8);
        return csv;
    }

    static StudyRunner.Result resume(Path dir, List<String> events) throws Exception {
        return StudyRunner.run(PLAN, LocalExecutor.inOrder(2), dir, true, Map.of(), new StudyRunner.Events() {
            @Override public void cutLine(Path csv, int line) { events.add("cut " + line); }
            @Override public void resumed(List<Study.Row> done, int total) { events.add("resumed " + done.size() + "/" + total); }
        });
    }

    @Test
    void aLineCutShortIsDroppedAndRecomputed(@TempDir Path dir) throws Exception {
        String third = withElapsed(lines.get(3)) + "\r\n";
        for (String tail : new String[] {third.substring(0, 40), third.substring(0, third.indexOf(',') + 1), "af8", third.substring(0, third.length() - 1)}) {
            Path csv = file(dir, 2, tail);
            List<String> events = new ArrayList<>();
            resume(dir, events);
            assertEquals(List.of("cut 4", "resumed 2/4"), events, tail);
            assertEquals(lines, withoutElapsed(Files.readString(csv)), "the file is the complete study again, tail '" + tail + "'");
            JsonNode json = Json.MAPPER.readTree(dir.resolve("study.json").toFile());
            assertTrue(json.get("resumed").asBoolean());
            assertEquals(2, json.get("rows_resumed").asInt());
            assertEquals(json.get("elapsed_s").asDouble() + 1.0, json.get("elapsed_total_s").asDouble(), 1e-9);
        }
        // a header cut short: the study starts afresh
        Files.writeString(dir.resolve("study.csv"), "config,mod");
        List<String> events = new ArrayList<>();
        resume(dir, events);
        assertEquals(lines, withoutElapsed(Files.readString(dir.resolve("study.csv"))));
        assertTrue(!Json.MAPPER.readTree(dir.resolve("study.json").toFile()).get("resumed").asBoolean());
    }

    @Test
    void repeatedForeignAndGarbageLinesAreRefusedWithTheirLineNumber(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {withElapsed(lines.get(1)) + "\r\n", "line 4 repeats the row of line 2"},
            {"hello\r\n", "line 4 is not a study row"},
            {withElapsed(lines.get(3).replace(",200,1,", ",300,1,")) + "\r\n", "line 4 is not a task of this plan"},
            {withElapsed(lines.get(3).replace(",200,1,", ",2x0,1,")) + "\r\n", "line 4 is not a study row"},
            {"\r\n", "line 4 is not a study row"},
            {withElapsed(lines.get(3).replace(PLAN.fingerprint(), "0badf00d")) + "\r\n", "different study configuration (0badf00d on line 4"},
        };
        for (String[] c : cases) {
            Path csv = file(dir, 2, c[0]);
            String before = Files.readString(csv);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(dir, new ArrayList<>()), c[1]);
            assertTrue(e.getMessage().startsWith("--resume: " + csv) && e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertEquals(before, Files.readString(csv), "a refused file is left as it was");
        }
        Files.writeString(dir.resolve("study.csv"), "model,dim\r\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resume(dir, new ArrayList<>())).getMessage().contains("line 1 is not the header"));
    }

    @Test
    void binaryFilesAndDirectoriesAreRefused(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("study.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, 10});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resume(dir, new ArrayList<>())).getMessage()
                .contains("is not a study CSV"));
        Files.delete(dir.resolve("study.csv"));
        Files.createDirectory(dir.resolve("study.csv"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resume(dir, new ArrayList<>())).getMessage()
                .contains("is a directory, not a study CSV"));
    }
}
