package org.phaseflow.integrator;

/** Records M_t = (1/d)·Σ_i X_t^i of every particle at every step: N×(K+1) floats, particle-major. */
public final class MeanPathRecorder implements StepObserver {
    private final float[] paths;
    private final int points;
    private int base;

    /** @param paths shared array of length particles × (steps + 1); each worker writes its own particles */
    public MeanPathRecorder(float[] paths, int steps) {
        this.paths = paths;
        this.points = steps + 1;
    }

    @Override public void start(int particle) { base = particle * points; }

    @Override public void step(int k, double tau, double mean, float[] x, int off) { paths[base + k] = (float) mean; }
}
