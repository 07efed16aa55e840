package org.phaseflow.schedule;

/** τ = t: the paper's constant denoising rate. */
public record Uniform() implements Schedule {
    @Override public String id() { return "uniform"; }
    @Override public double tau(double t) { return t; }
}
