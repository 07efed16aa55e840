package org.phaseflow.integrator;

/**
 * Watches the steps of one particle's integration (as Hipparchus' step handlers watch an ODE):
 * recording M_t, timing steps, checking for NaN. One instance per worker; {@link #start} names the
 * particle whose steps follow. Step k = 0 is the initial state.
 */
public interface StepObserver {

    /** The particle whose steps follow. */
    default void start(int particle) {}

    /** State after step k at τ_k, with mean coordinate M = (1/d)·Σ x_i; x[off..off+d) is the state. */
    void step(int k, double tau, double mean, float[] x, int off);

    /** Observes nothing. */
    StepObserver NONE = (k, tau, mean, x, off) -> {};

    /** Both, this one first. */
    default StepObserver andThen(StepObserver next) {
        StepObserver first = this;
        return new StepObserver() {
            @Override public void start(int particle) {
                first.start(particle);
                next.start(particle);
            }

            @Override public void step(int k, double tau, double mean, float[] x, int off) {
                first.step(k, tau, mean, x, off);
                next.step(k, tau, mean, x, off);
            }
        };
    }
}
