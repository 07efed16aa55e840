package org.phaseflow.schedule;

import org.phaseflow.interpolant.Interpolant;

/**
 * A ladder of noise-to-signal ratios mapped onto the interpolant (docs/mathematics.md §5.7): for K
 * steps, σ_i = ladder(i/(K − 1)), i = 0 … K − 1, from σ_max to σ_min, as k-diffusion builds K noise
 * levels; σ(τ) = a(τ)/τ is the interpolant's noise-to-signal ratio, so τ_i solves a(τ_i)/τ_i = σ_i.
 * The grid is τ_0 = 0 (pure noise, standing for σ_0 = σ_max as a sampler's start does), τ_i for
 * i = 1 … K − 1, and τ_K = 1 (σ = 0, k-diffusion's appended zero): K steps, K evaluations of Euler.
 */
public record NoiseLevels(Interpolant interpolant, ScheduleSpec.Sigmas ladder) implements Schedule {

    public NoiseLevels {
        double last = interpolant.tauAtNoiseRatio(ladder.sigmaMin());
        if (!(last < 1)) {
            throw new IllegalArgumentException("'" + ladder + "': sigma_min " + ladder.sigmaMin() + " with s0 " + interpolant.s0()
                    + " falls at τ = 1 in double precision (take a larger sigma_min)");
        }
    }

    @Override public String id() { return ladder.toString(); }

    /** τ(t) for t in (0, 1) is the K → ∞ limit of the grids: τ(σ(t)); τ(0) = 0 and τ(1) = 1 (the ends jump). */
    @Override
    public double tau(double t) {
        if (t <= 0) return 0;
        if (t >= 1) return 1;
        return interpolant.tauAtNoiseRatio(ladder.sigma(t));
    }

    /** The noise levels σ_1 … σ_{K−1} of K steps (σ_0 = σ_max stands at τ = 0, σ_K = 0 at τ = 1). */
    public double[] sigmas(int steps) {
        if (steps < 1) throw new IllegalArgumentException("schedule " + id() + " needs at least one step, got " + steps);
        double[] s = new double[steps + 1];
        s[0] = ladder.sigmaMax();
        for (int i = 1; i < steps; i++) s[i] = i == steps - 1 ? ladder.sigmaMin() : ladder.sigma((double) i / (steps - 1));
        return s;
    }

    @Override
    public double[] grid(int steps) {
        double[] s = sigmas(steps), tau = new double[steps + 1];
        for (int i = 1; i < steps; i++) tau[i] = interpolant.tauAtNoiseRatio(s[i]);
        tau[steps] = 1;
        for (int i = 1; i <= steps; i++) {
            if (!(tau[i] > tau[i - 1])) {
                throw new IllegalArgumentException("schedule " + id() + " with K = " + steps + ": τ_" + i + " = " + tau[i]
                        + " does not exceed τ_" + (i - 1) + " in double precision");
            }
        }
        return tau;
    }

    /** t_k = k/K, where the grid's points are drawn. */
    @Override
    public double[] times(int steps) {
        if (steps < 1) throw new IllegalArgumentException("schedule " + id() + " needs at least one step, got " + steps);
        double[] t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) t[k] = (double) k / steps;
        return t;
    }
}
