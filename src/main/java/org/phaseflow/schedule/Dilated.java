package org.phaseflow.schedule;

import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;

/**
 * The paper's time-dilated schedules: two linear phases split at t = ½ (docs/mathematics.md §5.3).
 * VP: τ runs over [0, k/√d] (the window where a sample chooses its mode), then over [k/√d, 1].
 * VE: τ runs over [0, τ_b] with a(τ_b) = k, then the noise level a falls linearly from k to 0
 * (the window where the within-mode detail forms).
 */
public record Dilated(Interpolant interpolant, int dim, double k) implements Schedule {

    public Dilated {
        if (!(k > 0)) throw new IllegalArgumentException("--k must be positive, got " + k);
        if (interpolant.family() == Family.VP && k / Math.sqrt(dim) >= 1) {
            throw new IllegalArgumentException("--k " + k + " with --dim " + dim
                    + ": the VP dilated window k/√d must be below 1 (take d > k²)");
        }
        if (interpolant.family() == Family.VE && k >= interpolant.s0()) {
            throw new IllegalArgumentException("--k " + k + " with s0 " + interpolant.s0()
                    + ": the VE dilated schedule needs k below the initial noise level s0");
        }
        if (interpolant.family() == Family.VE && !(interpolant.tauAtLevel(k) < 1)) {
            throw new IllegalArgumentException("--k " + k + " with s0 " + interpolant.s0()
                    + ": the VE dilated kink a(τ) = k falls at τ = 1 in double precision (take a larger k)");
        }
    }

    @Override public String id() { return "dilated"; }

    @Override public double[] breakpoints() { return new double[] {0.5}; }

    /** τ at the kink t = ½. */
    public double kinkTau() {
        return interpolant.family() == Family.VP ? k / Math.sqrt(dim) : interpolant.tauAtLevel(k);
    }

    /**
     * The τ interval this schedule gives half its steps (its first phase for VP, its second for VE;
     * docs/mathematics.md §5.3): VP [0, τ_b], where a sample chooses its mode; VE [τ_b, 1], where
     * a(τ) ≤ k and the within-mode detail forms.
     */
    public double[] window() {
        double tb = kinkTau();
        return interpolant.family() == Family.VP ? new double[] {0, tb} : new double[] {tb, 1};
    }

    /** The window's length in τ: the share of a uniform schedule's steps in it (VP τ_b, VE 1 − τ_b). */
    public double windowLength() {
        double[] w = window();
        return w[1] - w[0];
    }

    @Override
    public double tau(double t) {
        double tb = kinkTau();
        if (t <= 0.5) return tb * (t / 0.5);
        if (interpolant.family() == Family.VP) return tb + (1 - tb) * ((t - 0.5) / 0.5);
        return interpolant.tauAtLevel(k * (1 - t) / 0.5);
    }
}
