package org.phaseflow.integrator;

import org.HdrHistogram.Histogram;

/** Records the wall time of each step (between successive observations of a particle) in nanoseconds. */
public final class StepLatency implements StepObserver {
    private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    private long last;

    public Histogram histogram() { return histogram; }

    @Override
    public void step(int k, double tau, double mean, float[] x, int off) {
        long now = System.nanoTime();
        if (k > 0) histogram.recordValue(Math.max(1, now - last));
        last = now;
    }
}
