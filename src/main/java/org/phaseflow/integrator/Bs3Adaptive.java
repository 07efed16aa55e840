package org.phaseflow.integrator;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.model.ExactField;

/**
 * Bogacki–Shampine 3(2) with PI step-size control on its embedded estimate (docs/mathematics.md
 * §6.3). The τ grid gives the output points only: the observer sees the state at every τ_k, and the
 * controller chooses the steps inside each interval, never stepping over a grid point. A step of
 * size h is accepted when its error norm
 *
 * <pre>   E = RMS(err) / (atol + rtol·max(RMS(x), RMS(x')))   </pre>
 *
 * (or another {@link ErrorNorm}) is at most 1; the next size is h·min(5, max(0.2, 0.9·E^{−0.7/3}·E_prev^{0.4/3})) after an accepted
 * step and h·max(0.2, 0.9·E^{−1/3}) after a rejected one. The first step is the first grid interval,
 * at most 0.01. Evaluations: one for k1 at τ = 0, three per attempted step (first same as last), two
 * per attempt of a final step onto a singular τ = 1, whose estimate needs no evaluation there
 * ({@link Bs3#estimateWithoutK4}) and which is accepted or rejected like any other. Counts of the last
 * particle's accepted and rejected steps are kept. {@link
 * #onAccepted} is told the end τ of every accepted step: the output points alone do not show where
 * the controller stepped.
 */
public final class Bs3Adaptive implements Integrator {
    static final double SAFETY = 0.9, MIN_FACTOR = 0.2, MAX_FACTOR = 5, ALPHA = 0.7 / 3, BETA = 0.4 / 3, FIRST_STEP = 0.01,
            SMALLEST_STEP = 1e-12;

    private final Bs3 bs3;
    private final Tolerances tolerances;
    private final StepError error;
    private int accepted, rejected, attemptsOntoOne;
    private DoubleConsumer onAccepted;   // null: nobody watches, and an accepted step costs one null check

    /** @param directions the target's orthonormal feature directions, for the mode norm */
    public Bs3Adaptive(FlowKernels kernels, Tolerances tolerances, List<float[]> directions) {
        this.tolerances = tolerances;
        this.bs3 = new Bs3(kernels);
        this.error = new StepError(tolerances, kernels, directions);
    }

    @Override public String id() { return "bs3a"; }

    public Tolerances tolerances() { return tolerances; }

    /** Not known in advance: the controller decides per particle (−1). */
    @Override public int evaluations(int steps, boolean singularAtOne) { return -1; }

    @Override public int accepted() { return accepted; }

    @Override public int rejected() { return rejected; }

    /** Attempts of the step onto a singular τ = 1 in the last {@link #integrate} (two evaluations each). */
    public int attemptsOntoOne() { return attemptsOntoOne; }

    /**
     * Tells {@code c} the end τ of each accepted step, in order, the step onto τ = 1 included (null:
     * nobody). It is a callback beside the {@link StepObserver}, which sees the output points only.
     */
    public Bs3Adaptive onAccepted(DoubleConsumer c) {
        onAccepted = c;
        return this;
    }

    /** The error norm E of the last attempt: estimate in bs3.k2(), x' in bs3.stage(). */
    double norm(float[] x, int off, int d) { return error.of(bs3.k2(), x, off, bs3.stage(), d); }

    @Override
    public int integrate(ExactField f, Interpolant ip, double[] tau, boolean singularAtOne,
                         float[] x, int off, float[] work, StepObserver obs) {
        int outputs = tau.length - 1, d = work.length, evaluations = 1;
        accepted = 0;
        rejected = 0;
        attemptsOntoOne = 0;
        bs3.buffers(d);
        double mean = f.prepare(tau[0], x, off);
        obs.step(0, tau[0], mean, x, off);
        bs3.velocity(f, ip, tau[0], x, off, bs3.k1());
        double t = tau[0], h = Math.min(FIRST_STEP, tau[1] - tau[0]), previous = 1e-4;
        for (int k = 0; k < outputs; k++) {
            double end = tau[k + 1];
            while (t < end) {
                boolean reaches = t + h >= end;
                double step = reaches ? end - t : h;
                boolean ontoSingular = singularAtOne && reaches && k == outputs - 1;   // no k4 at τ = 1: the estimate from k1..k3
                mean = bs3.attempt(f, ip, t, step, x, off, !ontoSingular);
                evaluations += ontoSingular ? 2 : 3;
                if (ontoSingular) {
                    bs3.estimateWithoutK4(step);
                    attemptsOntoOne++;
                }
                double e = norm(x, off, d);
                if (e <= 1 || !Double.isFinite(e)) {   // a non-finite state is accepted, for the observer's guard to stop it
                    if (ontoSingular) {
                        System.arraycopy(bs3.stage(), 0, x, off, d);
                        accepted++;
                        t = end;
                        if (onAccepted != null) onAccepted.accept(t);
                        break;
                    }
                    bs3.advance(x, off);
                    accepted++;
                    t = reaches ? end : t + step;
                    if (onAccepted != null) onAccepted.accept(t);
                    double factor = e == 0 ? MAX_FACTOR : SAFETY * Math.pow(e, -ALPHA) * Math.pow(previous, BETA);
                    h = step * Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, Double.isFinite(factor) ? factor : 1));
                    previous = Math.max(e, 1e-4);
                } else {
                    rejected++;
                    h = step * Math.max(MIN_FACTOR, SAFETY * Math.pow(e, -1.0 / 3));
                    if (h < SMALLEST_STEP) {
                        throw new IllegalArgumentException(String.format("--integrator bs3a: the step size fell below %.0e at τ = %s "
                                + "(rtol %s, atol %s); loosen --rtol or --atol", SMALLEST_STEP, t, tolerances.rtol(), tolerances.atol()));
                    }
                }
            }
            obs.step(k + 1, end, mean, x, off);
        }
        return evaluations;
    }
}
