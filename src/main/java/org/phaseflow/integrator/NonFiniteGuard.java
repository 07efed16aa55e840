package org.phaseflow.integrator;

/** Stops the run at the first step whose state holds a NaN or an infinity (they reach the mean). */
public final class NonFiniteGuard implements StepObserver {
    private int particle;

    @Override public void start(int particle) { this.particle = particle; }

    @Override
    public void step(int k, double tau, double mean, float[] x, int off) {
        if (!Double.isFinite(mean)) throw new NonFiniteException(particle, k, tau);
    }

    /** A NaN or infinity appeared in the state of a particle. */
    public static final class NonFiniteException extends RuntimeException {
        public NonFiniteException(int particle, int step, double tau) {
            super("non-finite state at step " + step + " (τ = " + tau + ") in particle " + particle);
        }
    }
}
