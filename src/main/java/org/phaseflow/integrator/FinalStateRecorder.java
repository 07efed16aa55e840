package org.phaseflow.integrator;

/** Keeps the final state x(τ = 1) of the first few particles: finals[p], each of length d. */
public final class FinalStateRecorder implements StepObserver {
    private final float[][] finals;
    private final int steps;
    private float[] current;

    public FinalStateRecorder(float[][] finals, int steps) {
        this.finals = finals;
        this.steps = steps;
    }

    @Override public void start(int particle) { current = particle < finals.length ? finals[particle] : null; }

    @Override
    public void step(int k, double tau, double mean, float[] x, int off) {
        if (current != null && k == steps) System.arraycopy(x, off, current, 0, current.length);
    }
}
