package org.phaseflow.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;

/**
 * Schedules as data (docs/mathematics.md §5.6): a knots file gives t_k = k/K through its
 * piecewise-linear τ(t) for any K, an explicit grid fixes K; both read back what was written; the
 * text forms parse back into equal values.
 */
class ScheduleFileTest {
    static final Interpolant IP = Interpolant.of(Shape.TRIG, Family.VP, 100);

    @Test
    void knotsRoundTripAndGiveTheInterpolatedGridForAnyK(@TempDir Path dir) throws Exception {
        double[] t = {0.25, 0.5, 0.8}, tau = {0.01, 0.1, 0.6};
        Path file = dir.resolve("knots.json");
        ScheduleFile.writeKnots(file, t, tau);
        Schedule s = new ScheduleSpec.File(file.toString()).create(IP, 100, 3);
        PiecewiseLinear direct = PiecewiseLinear.through("direct", t, tau);
        assertEquals(0, s.fixedSteps());
        for (int k : new int[] {1, 2, 3, 4, 7, 100, 101}) {
            double[] g = s.grid(k);
            assertArrayEquals(direct.grid(k), g, "K = " + k);
            assertEquals(0, g[0]);
            assertEquals(1, g[k]);
            for (int j = 1; j < k; j++) {
                double tj = (double) j / k;
                assertEquals(s.tau(tj), g[j], 0, "t_k = k/K through τ(t)");
                assertTrue(g[j] > g[j - 1]);
            }
        }
        // through the knots, linear between them, (0, 0) and (1, 1) added
        assertEquals(0.1, s.tau(0.5), 0);
        assertEquals(0.01 / 2, s.tau(0.125), 1e-17);
        assertEquals(0.6 + 0.4 * 0.5, s.tau(0.9), 1e-15);
        // given end points are kept, not doubled
        Path withEnds = dir.resolve("ends.json");
        ScheduleFile.writeKnots(withEnds, new double[] {0, 0.25, 0.5, 0.8, 1}, new double[] {0, 0.01, 0.1, 0.6, 1});
        assertArrayEquals(s.grid(9), ScheduleFile.read(withEnds).grid(9));
        assertEquals(Files.readString(file), Files.readString(writeAgain(dir, t, tau)), "writing is deterministic");
    }

    private static Path writeAgain(Path dir, double[] t, double[] tau) throws Exception {
        Path p = dir.resolve("again.json");
        ScheduleFile.writeKnots(p, t, tau);
        return p;
    }

    @Test
    void anExplicitGridRoundTripsAndFixesK(@TempDir Path dir) throws Exception {
        double[] grid = new Cosine().grid(13);
        Path file = dir.resolve("grid.json");
        ScheduleFile.writeGrid(file, grid);
        Schedule s = ScheduleFile.read(file);
        assertEquals(13, s.fixedSteps());
        assertArrayEquals(grid, s.grid(13));
        assertEquals(13, new ScheduleSpec.File(file.toString()).fixedSteps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.grid(12));
        assertTrue(e.getMessage().contains("explicit grid of 13 steps, got K = 12"), e.getMessage());
        for (int k = 0; k <= 13; k++) assertEquals(grid[k], s.tau(k / 13.0), 1e-15);

        ScheduleSpec g = ScheduleSpec.parse("grid:0,0.25,0.7,1");
        assertEquals(3, g.fixedSteps());
        assertArrayEquals(new double[] {0, 0.25, 0.7, 1}, g.create(IP, 100, 3).grid(3));
    }

    @Test
    void textFormsParseBackIntoEqualValues() {
        for (String text : new String[] {"uniform", "dilated", "cosine", "file:some/dir/my schedule.json", "grid:0,0.25,1",
                "grid:0,1.0E-4,0.5,1"}) {
            ScheduleSpec s = ScheduleSpec.parse(text);
            assertEquals(text, s.toString());
            assertEquals(s, ScheduleSpec.parse(s.toString()));
        }
        assertEquals(ScheduleKind.UNIFORM, ScheduleSpec.parse("uniform"));
        assertEquals("grid:0,0.5,1", ScheduleSpec.parse("grid:0.0, 0.5,1.0").toString(), "canonical numbers");
        assertEquals(ScheduleSpec.parse("grid:0,0.5,1"), ScheduleSpec.parse("grid:-0,0.5,1"));
        assertEquals(new ScheduleSpec.Grid(List.of(0.0, 0.5, 1.0)), ScheduleSpec.parse("grid:0,0.5,1"));
        assertEquals("file-my-schedule", ScheduleSpec.parse("file:a/b/my schedule.json").slug());
        assertEquals("grid2", ScheduleSpec.parse("grid:0,0.5,1").slug());
        assertEquals("dilated", ScheduleKind.DILATED.slug());
    }

    @Test
    void malformedTextIsRefusedSayingWhatIsWrong() {
        refused("cosine?", "'cosine?' is not allowed (allowed: uniform, dilated, cosine");
        refused("file:", "file: needs a path");
        refused("grid:", "grid: needs the times");
        refused("grid:0,x,1", "'x' is not a number");
        refused("grid:0,0.5", "the last time must be 1");
        refused("grid:0.1,0.5,1", "the first time must be 0");
        refused("grid:0,0.6,0.5,1", "increase strictly");
        refused("grid:0,1.5,1", "outside [0, 1]");
        refused("grid:0,NaN,1", "not a finite number");
        refused("grid:1", "at least two times");
    }

    private static void refused(String text, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
