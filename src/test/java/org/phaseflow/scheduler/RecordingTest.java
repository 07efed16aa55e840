package org.phaseflow.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.phaseflow.integrator.IntegratorKind;
import org.junit.jupiter.api.Test;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.Uniform;

class RecordingTest {

    @Test
    void finalStatesAreTheStatesTheOutcomesWereMeasuredOn() {
        TwoModeMixture t = TwoModeMixture.ones(300, 0.8, 1, 0.1);
        Interpolant ip = Interpolant.of(Shape.TRIG, Family.VP, 300);
        RunSpec spec = new RunSpec(t, ip, new Dilated(ip, 300, 3), IntegratorKind.EULER, 12, 5, 2);
        Samples s = Sampler.run(spec, 20, new Recording(true, 2, new int[] {0, 7}, false, 4), null);
        assertEquals(4, s.finals().length);
        for (int p = 0; p < 4; p++) {
            assertEquals(s.projection()[p], t.outcome(s.finals()[p], 0).projection(), 0);
            if (p < 2) assertEquals(s.traces()[p][1][20], s.finals()[p][7], 0, "last traced X^7 is the final state's");
        }
        // and nothing else changes: the same run without final states gives the same outcomes
        Samples plain = Sampler.run(spec, 20, Recording.PATHS, null);
        assertArrayEquals(plain.projection(), s.projection());
        assertArrayEquals(plain.meanPaths(), s.meanPaths());
        assertEquals(0, plain.finals().length);
    }

    @Test
    void gridIsTheScheduleAtItsTimesWithTheKinkOnIt() {
        Interpolant ip = Interpolant.of(Shape.LINEAR, Family.VE, 10_000);
        Schedule d = new Dilated(ip, 10_000, 3);
        for (int k : new int[] {2, 7, 100, 111}) {
            double[] t = d.times(k), tau = d.grid(k);
            assertEquals(k + 1, t.length);
            assertEquals(0, t[0]);
            assertEquals(1, t[k]);
            boolean kink = false;
            for (int i = 0; i <= k; i++) {
                if (i > 0 && i < k) assertEquals(d.tau(t[i]), tau[i], 0);
                if (t[i] == 0.5) kink = true;
            }
            assertEquals(true, kink, "t = ½ on the grid of " + k + " steps");
        }
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, new Uniform().times(4));
    }
}
