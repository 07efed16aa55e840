package org.phaseflow.schedule;

/**
 * τ = sin(πt/2): the cosine schedule practitioners use (Nichol and Dhariwal's ᾱ = cos² of the
 * remaining time, without its offset), read in this interpolant as a signal coefficient τ = √ᾱ.
 * For comparison only: like {@link Uniform} its speed near τ = 0 is of order one.
 */
public record Cosine() implements Schedule {
    @Override public String id() { return "cosine"; }
    @Override public double tau(double t) { return Math.sin(0.5 * Math.PI * t); }
}
