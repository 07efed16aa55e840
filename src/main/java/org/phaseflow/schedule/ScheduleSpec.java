package org.phaseflow.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phaseflow.interpolant.Interpolant;

/**
 * A schedule as a user names it (docs/mathematics.md §5): one of the named schedules
 * ({@link ScheduleKind}), a schedule read from a file ({@link File}) or an explicit grid of times
 * ({@link Grid}). Its canonical text form — "uniform", "file:PATH", "grid:0,0.3,1" — is what the command line converts, what JSON writes and reads, what
 * the CSV's schedule column holds and what a setting's label prints; {@link #parse} reads it back
 * into an equal value.
 */
public sealed interface ScheduleSpec permits ScheduleKind, ScheduleSpec.File, ScheduleSpec.Grid {

    /** What {@link #parse} accepts, for messages. */
    String ALLOWED = "uniform, dilated, cosine, file:PATH, grid:τ0,…,τK";

    /** The schedule for an interpolant in dimension d; k is the dilated schedule's width parameter. */
    Schedule create(Interpolant interpolant, int dim, double k);

    /** Whether the width parameter k changes this schedule. */
    default boolean usesK() { return false; }

    /** The number of steps this schedule fixes (an explicit grid), or 0 when any K is allowed. */
    default int fixedSteps() { return 0; }

    /** Checks what parsing the text could not (a file's contents); IllegalArgumentException naming the file and the problem. */
    default void check() {}

    /** A form of the name usable in a file name: letters, digits, '.', '_', '=' and '-'. */
    default String slug() { return toString().replaceAll("[^A-Za-z0-9._=-]+", "-"); }

    /** The canonical text form. */
    @Override String toString();

    /** The schedule named by {@code text}; IllegalArgumentException saying what is wrong with it and what is allowed. */
    @JsonCreator
    static ScheduleSpec parse(String text) {
        if (text == null) throw new IllegalArgumentException("a schedule is required (allowed: " + ALLOWED + ")");
        for (ScheduleKind kind : ScheduleKind.values()) if (kind.toString().equals(text)) return kind;
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon), rest = colon < 0 ? null : text.substring(colon + 1);
        switch (head) {
            case "file" -> {
                if (rest == null || rest.isBlank()) throw new IllegalArgumentException("'" + text + "': file: needs a path, as in file:my-schedule.json");
                return new File(rest);
            }
            case "grid" -> {
                if (rest == null || rest.isBlank()) throw new IllegalArgumentException("'" + text + "': grid: needs the times τ0,…,τK, as in grid:0,0.5,1");
                List<Double> tau = new ArrayList<>();
                for (String v : rest.split(",", -1)) {
                    try {
                        tau.add(Double.parseDouble(v.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "': '" + v + "' is not a number");
                    }
                }
                return new Grid(tau);
            }
            default -> throw new IllegalArgumentException("'" + text + "' is not allowed (allowed: " + ALLOWED + ")");
        }
    }

    /** A schedule read from a JSON file (the format is in docs/mathematics.md §5.6; {@link ScheduleFile}). */
    record File(String path) implements ScheduleSpec {
        public File {
            if (path == null || path.isBlank()) throw new IllegalArgumentException("file: needs a path");
        }

        @Override
        public Schedule create(Interpolant interpolant, int dim, double k) { return ScheduleFile.read(Path.of(path)); }

        @Override public void check() { ScheduleFile.read(Path.of(path)); }

        @Override public int fixedSteps() { return ScheduleFile.read(Path.of(path)).fixedSteps(); }

        /** SHA-256 of the file's bytes: a study's identity includes it, so --resume refuses a changed file. */
        public String sha256() { return ScheduleFile.sha256(Path.of(path)); }

        @Override
        public String slug() {
            String name = Path.of(path).getFileName().toString().replaceFirst("\\.json$", "");
            return "file-" + name.replaceAll("[^A-Za-z0-9._=-]+", "-");
        }

        @JsonValue
        @Override
        public String toString() { return "file:" + path; }
    }

    /** An explicit grid τ_0 = 0 < τ_1 < … < τ_K = 1, as practitioners pass a list of times: it fixes K. */
    record Grid(List<Double> tau) implements ScheduleSpec {
        public Grid {
            tau = tau.stream().map(v -> v + 0.0).toList();   // −0 reads back as 0
            ScheduleFile.checkGrid(tau.stream().mapToDouble(Double::doubleValue).toArray(), "'grid:" + join(tau) + "'");
        }

        @Override
        public Schedule create(Interpolant interpolant, int dim, double k) {
            return new ExplicitGrid(toString(), tau.stream().mapToDouble(Double::doubleValue).toArray());
        }

        @Override public int fixedSteps() { return tau.size() - 1; }

        @Override public String slug() { return "grid" + fixedSteps(); }

        @JsonValue
        @Override
        public String toString() { return "grid:" + join(tau); }

        private static String join(List<Double> v) {
            return String.join(",", v.stream().map(ScheduleSpec::number).toList());
        }
    }

    /** A number as a user types it: 3, not 3.0 (the same form as config's Json.number). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
