package org.phaseflow.integrator;

/** Records X_t^i for a few coordinates i of the first few particles: traces[p][c][k]. */
public final class CoordinateRecorder implements StepObserver {
    private final float[][][] traces;
    private final int[] coordinates;
    private float[][] current;

    public CoordinateRecorder(float[][][] traces, int[] coordinates) {
        this.traces = traces;
        this.coordinates = coordinates;
    }

    @Override public void start(int particle) { current = particle < traces.length ? traces[particle] : null; }

    @Override
    public void step(int k, double tau, double mean, float[] x, int off) {
        if (current == null) return;
        for (int c = 0; c < coordinates.length; c++) current[c][k] = x[off + coordinates[c]];
    }
}
