package org.phaseflow.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;

class CosineTest {
    @Test
    void cosineRunsFromZeroToOneMonotonicallyWithNoKink() {
        Schedule s = ScheduleKind.COSINE.create(Interpolant.of(Shape.TRIG, Family.VP, 100), 100, 3);
        assertEquals("cosine", s.id());
        assertEquals(0, s.breakpoints().length);
        double[] grid = s.grid(7);
        assertEquals(0, grid[0]);
        assertEquals(1, grid[7]);
        for (int k = 1; k <= 7; k++) {
            assertTrue(grid[k] > grid[k - 1]);
            assertEquals(Math.sin(Math.PI / 2 * k / 7), grid[k], 1e-15);
        }
    }
}
