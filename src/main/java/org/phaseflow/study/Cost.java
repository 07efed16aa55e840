package org.phaseflow.study;

import java.util.Locale;
import org.phaseflow.config.Setting;

/**
 * What a study's table, JSON and plots count (docs/mathematics.md §7.4): the step count K* itself, or
 * NFE*, the field evaluations per sample that K* steps of the setting's integrator spend. The search
 * and the CSV are the same for both: NFE* is a function of K*, the integrator and whether the target
 * is singular at τ = 1. An adaptive integrator has no K*: its rows hold NFE* from the tolerance search
 * (docs/mathematics.md §7.4), and a study with one counts {@link #NFE}.
 */
public enum Cost {
    /** K*: steps (the default; one evaluation per step for Euler and DDIM). */
    STEPS,
    /** NFE* = evaluations(K*): what a sample costs, comparable across schemes. */
    NFE;

    /**
     * The cost of {@code k} steps of a setting (k ≤ 0, not reached, stays as it is). An adaptive
     * setting's rows already count NFE (its search runs over tolerances, §7.4), so k is its cost.
     */
    public int of(Setting setting, boolean singularAtOne, int k) {
        if (this == STEPS || k <= 0 || setting.integrator().adaptive()) return k;
        return setting.integrator().kind().evaluations(k, singularAtOne);
    }

    /** The symbol of the counted quantity in tables and plots. */
    public String symbol() { return this == STEPS ? "K*" : "NFE*"; }

    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
}
