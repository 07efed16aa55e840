package org.phaseflow.integrator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An integrator as a study names it: a scheme ({@link IntegratorKind}) or the adaptive {@code bs3a}
 * with an error norm other than its default RMS ({@link Normed}). The canonical text form —
 * "euler", "bs3a", "bs3a:norm=mode" — is what the command line converts, what JSON writes and reads,
 * what the CSV's integrator column holds and what a setting's label prints; {@link #parse} reads it
 * back into an equal value ("bs3a:norm=rms" is "bs3a").
 */
public sealed interface IntegratorSpec permits IntegratorKind, IntegratorSpec.Normed {

    /** What {@link #parse} accepts, for messages. */
    String ALLOWED = "euler, heun, ddim, dpm2m, bs3, bs3a[:norm=rms|max|mode]";

    /** The stepping scheme. */
    IntegratorKind kind();

    /** The error norm of an adaptive scheme (null for a fixed-step one). */
    ErrorNorm norm();

    /** Whether the scheme chooses its own steps. */
    boolean adaptive();

    /** bs3a measuring its error with {@code norm} (not the default RMS, which is plain {@link IntegratorKind#BS3A}). */
    record Normed(ErrorNorm norm) implements IntegratorSpec {
        public Normed {
            if (norm == null || norm == ErrorNorm.RMS) throw new IllegalArgumentException("bs3a with the RMS norm is written bs3a");
        }

        @Override public IntegratorKind kind() { return IntegratorKind.BS3A; }

        @Override public boolean adaptive() { return true; }

        @JsonValue
        @Override public String toString() { return IntegratorKind.BS3A + ":norm=" + norm; }
    }

    /** The integrator named by {@code text}; IllegalArgumentException saying what is wrong and what is allowed. */
    @JsonCreator
    static IntegratorSpec parse(String text) {
        if (text == null) throw new IllegalArgumentException("an integrator is required (allowed: " + ALLOWED + ")");
        for (IntegratorKind kind : IntegratorKind.values()) if (kind.toString().equals(text)) return kind;
        String prefix = IntegratorKind.BS3A + ":norm=";
        if (text.startsWith(prefix)) {
            String n = text.substring(prefix.length());
            for (ErrorNorm norm : ErrorNorm.values()) {
                if (norm.toString().equals(n)) return norm == ErrorNorm.RMS ? IntegratorKind.BS3A : new Normed(norm);
            }
            throw new IllegalArgumentException("'" + text + "': norm '" + n + "' is not allowed (allowed: rms, max, mode)");
        }
        int colon = text.indexOf(':');
        for (IntegratorKind kind : IntegratorKind.values()) {
            if (colon > 0 && kind.toString().equals(text.substring(0, colon))) {
                throw new IllegalArgumentException("'" + text + "': only bs3a takes an option, norm=rms|max|mode (allowed: " + ALLOWED + ")");
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not allowed (allowed: " + ALLOWED + ")");
    }
}
