package org.phaseflow.model;

/** Parameter checks whose messages name the option, the value and what is allowed. */
final class Check {
    private Check() {}

    static void dim(int dim) {
        if (dim <= 0) throw new IllegalArgumentException("--dim must be a positive integer, got " + dim);
    }

    static void open01(String option, double v) {
        if (!(v > 0 && v < 1)) throw new IllegalArgumentException(option + " must lie strictly between 0 and 1, got " + v);
    }

    static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(option + " must be positive and finite, got " + v);
    }
}
