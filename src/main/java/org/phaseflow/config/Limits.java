package org.phaseflow.config;

/**
 * The ranges outside which a value may run but its result means nothing, in one place; every command
 * refuses a value outside them with one line naming the option, the value and the range (README,
 * "Commands"). Which options apply to which run is the other half of the rule ({@code cli/OptionRules}).
 */
public final class Limits {
    private Limits() {}

    /**
     * Largest ratio between the GM's two length scales, m and σ, and between m and the unit noise of
     * VP (s0 = 1). The particles are float32, whose 24-bit significand resolves 2⁻²⁴ ≈ 6·10⁻⁸ of a
     * value: within 10³ of each other each scale is still about 10⁴ rounding units of the others,
     * so the rounding of the thousands of steps a study takes (≈ 256 units over its cap of 65536 steps
     * if it adds up like a random walk) stays below 3 % of the smallest scale, under the study's
     * tolerances (10 % on σ̂). Beyond it, and long before 10^±30, whose squares leave the float range,
     * σ̂ measures the rounding, not the schedule; and the within-mode rate 1/σ² near τ = 1 grows
     * past what any step count a study searches resolves.
     */
    public static final double SCALE_RATIO = 1e3;

    /** Fewest samples with an error bar: the plug-in standard error of one sample is 0 whatever it is. */
    public static final int MIN_PARTICLES = 2;

    /**
     * Most worker threads per available processor. A seed fixes every number whatever the thread
     * count (docs/reproducibility.md), so more threads than cores can only time-slice the same cores;
     * a few per core are allowed so that determinism across thread counts can be checked on a small
     * machine (the tests use 7 on 2 cores).
     */
    public static final int THREADS_PER_PROCESSOR = 4;

    /** GM preset: m within [10⁻³, 10³] and σ within [10⁻³·m, 10³·m] ({@link #SCALE_RATIO}). */
    public static void gmScales(double m, double sigma) {
        if (!(m >= 1 / SCALE_RATIO && m <= SCALE_RATIO)) {
            throw new IllegalArgumentException("--m must lie in [" + 1 / SCALE_RATIO + ", " + SCALE_RATIO
                    + "] (float32 particles resolve the mode against unit noise only there), got " + m);
        }
        if (!(sigma >= m / SCALE_RATIO && sigma <= m * SCALE_RATIO)) {
            throw new IllegalArgumentException("--sigma must lie in [m/" + (int) SCALE_RATIO + ", " + (int) SCALE_RATIO + "·m] = ["
                    + m / SCALE_RATIO + ", " + m * SCALE_RATIO + "] (float32 particles resolve it only there), got " + sigma);
        }
    }

    /**
     * --s0, when given: within [10⁻³, 10³·max(1, √d)], {@link #SCALE_RATIO} beyond the scales the
     * families use (VP 1, VE √d). Further out the target's scales (m, σ of order one) are below
     * float32 resolution of the initial noise, and the flow must shrink or grow it by more than any
     * step count resolves: s0 = 10¹⁰ at d = 100 gives σ̂ ≈ 10³⁰ with exit 0.
     */
    public static void s0(double s0, int dim) {
        double max = SCALE_RATIO * Math.max(1, Math.sqrt(dim));
        if (!(s0 >= 1 / SCALE_RATIO && s0 <= max)) {
            throw new IllegalArgumentException("--s0 must lie in [" + 1 / SCALE_RATIO + ", " + max + "] (10³ beyond the families' 1 and √d, "
                    + "where float32 particles still resolve the target against the noise), got " + s0);
        }
    }

    /** At least {@link #MIN_PARTICLES} samples. */
    public static int particles(String option, int n) {
        if (n < MIN_PARTICLES) {
            throw new IllegalArgumentException(option + " must be at least " + MIN_PARTICLES + " (one sample has no error bar), got " + n);
        }
        return n;
    }

    /** Between 1 and {@link #THREADS_PER_PROCESSOR} × the available processors. */
    public static int threads(String option, int t) {
        int max = THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
        if (t <= 0 || t > max) {
            throw new IllegalArgumentException(option + " must lie in [1, " + max + "] (" + THREADS_PER_PROCESSOR + " per available processor; "
                    + "more only time-slice the same cores and cannot change a result), got " + t);
        }
        return t;
    }
}
