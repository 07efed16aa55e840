package org.phaseflow.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phaseflow.config.Paper;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.Feature;
import org.phaseflow.model.ModelKind;
import org.phaseflow.model.ProjectionLaw;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;

/**
 * The evaluation count of every scheme through the sampler: a target whose fields count their
 * {@code combine} calls (and refuse τ = 1 when the target is singular there) must have spent exactly
 * what {@code Samples.nfe} reports for each particle, which must equal {@code evaluations(K)} for a
 * fixed-step scheme and follow from the accepted and rejected steps for the adaptive one.
 */
class NfeTest {

    /** Delegates to a target; its fields count evaluations and check that a singular field is never used at τ = 1. */
    record Counting(Target inner, AtomicLong combines) implements Target {
        @Override public ModelKind model() { return inner.model(); }
        @Override public int dim() { return inner.dim(); }
        @Override public boolean singularAtOne() { return inner.singularAtOne(); }
        @Override public String describe() { return inner.describe(); }
        @Override public Map<String, Object> parameters() { return inner.parameters(); }
        @Override public List<Mode> modes() { return inner.modes(); }
        @Override public List<Feature> lowFeatures() { return inner.lowFeatures(); }
        @Override public Outcome outcome(float[] x, int off) { return inner.outcome(x, off); }
        @Override public ProjectionLaw projectionLaw() { return inner.projectionLaw(); }
        @Override public String projectionLabel() { return inner.projectionLabel(); }
        @Override public void sampleTarget(SplittableRandom random, float[] x, int off) { inner.sampleTarget(random, x, off); }

        @Override
        public ExactField field(Interpolant ip, FlowKernels kernels) {
            ExactField f = inner.field(ip, kernels);
            boolean singular = inner.singularAtOne();
            return new ExactField() {
                double tau;

                @Override public double prepare(double t, float[] x, int off) {
                    if (singular && !(t < 1)) throw new AssertionError("singular field prepared at τ = " + t);
                    tau = t;
                    return f.prepare(t, x, off);
                }

                @Override public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
                    combines.incrementAndGet();
                    if (singular && !(tau < 1)) throw new AssertionError("singular field evaluated at τ = " + tau);
                    if (singular && !(Double.isNaN(tauNext) || tauNext < 1)) throw new AssertionError("singular field prepared at τ = " + tauNext);
                    return f.combine(x, xo, out, oo, cx, cEta, cKappa, tauNext);
                }
            };
        }
    }

    @Test
    void samplesReportTheEvaluationsEachParticleSpent() {
        int d = 200, n = 37;
        Interpolant vp = Interpolant.of(Shape.TRIG, Family.VP, d), ve = Interpolant.of(Shape.LINEAR, Family.VE, d);
        Target[] targets = {TwoModeMixture.ones(d, 0.8, 1, 0.3), new CurieWeiss(d, 2, Paper.H)};
        for (Target inner : targets) for (Interpolant ip : new Interpolant[] {vp, ve}) for (IntegratorKind kind : IntegratorKind.values()) {
            for (int steps : new int[] {2, 3, 7}) {
                Counting t = new Counting(inner, new AtomicLong());
                Samples s = Sampler.run(new RunSpec(t, ip, new Dilated(ip, d, 3), kind, n, 3, 2), steps, Recording.OUTCOMES, null);
                String what = inner.model() + " " + ip + " " + kind + " K = " + steps;
                assertEquals(n, s.nfe().length, what);
                assertEquals(t.combines().get(), s.totalNfe(), what + ": evaluations counted in the field");
                if (kind.adaptive()) {
                    // one for k1 at τ = 0, three per attempted step, two for the last step onto a singular τ = 1
                    for (int p = 0; p < n; p++) {
                        assertEquals(1 + 3 * (s.accepted()[p] + s.rejected()[p]) - (inner.singularAtOne() ? 1 : 0), s.nfe()[p], what + ": particle " + p);
                        assertTrue(s.accepted()[p] >= steps, what + ": at least one step per output interval");
                    }
                    continue;
                }
                int expected = kind.evaluations(steps, inner.singularAtOne());
                for (int p = 0; p < n; p++) {
                    assertEquals(expected, s.nfe()[p], what + ": particle " + p);
                    assertEquals(steps, s.accepted()[p], what);
                    assertEquals(0, s.rejected()[p], what);
                }
                assertEquals(expected, s.commonNfe(), what);
                assertEquals((long) n * expected, t.combines().get(), what + ": evaluations counted in the field");
                assertTrue(expected >= steps, what);
            }
        }
    }
}
