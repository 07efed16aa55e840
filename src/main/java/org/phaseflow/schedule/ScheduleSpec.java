package org.phaseflow.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phaseflow.interpolant.Interpolant;

/**
 * A schedule as a user names it (docs/mathematics.md §5): one of the named schedules
 * ({@link ScheduleKind}), a noise-level ladder of the kind practitioners use ({@link Karras},
 * {@link LogSnr}), a schedule read from a file ({@link File}) or an explicit grid of times
 * ({@link Grid}). Its canonical text form — "uniform", "karras", "karras:sigma_max=500",
 * "file:PATH", "grid:0,0.3,1" — is what the command line converts, what JSON writes and reads, what
 * the CSV's schedule column holds and what a setting's label prints; {@link #parse} reads it back
 * into an equal value.
 */
public sealed interface ScheduleSpec permits ScheduleKind, ScheduleSpec.Sigmas, ScheduleSpec.File, ScheduleSpec.Grid, ScheduleSpec.Optimized {

    /** What {@link #parse} accepts, for messages. */
    String ALLOWED = "uniform, dilated, cosine, optimized, karras[:sigma_min=S:sigma_max=S:rho=R], logsnr[:sigma_min=S:sigma_max=S], file:PATH, grid:τ0,…,τK";

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
        if (text.equals(Optimized.NAME)) return OPTIMIZED;
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon), rest = colon < 0 ? null : text.substring(colon + 1);
        switch (head) {
            case "karras", "logsnr" -> { return sigmas(head, rest, text); }
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

    private static ScheduleSpec sigmas(String head, String rest, String text) {
        boolean karras = head.equals("karras");
        double min = SIGMA_MIN, max = SIGMA_MAX, rho = RHO;
        List<String> seen = new ArrayList<>();
        if (rest != null) {
            for (String part : rest.split(":", -1)) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                boolean known = key.equals("sigma_min") || key.equals("sigma_max") || (karras && key.equals("rho"));
                if (eq < 0 || !known) {
                    throw new IllegalArgumentException("'" + text + "': '" + part + "' is not allowed (allowed: sigma_min=S, sigma_max=S"
                            + (karras ? ", rho=R" : "") + ", separated by ':')");
                }
                if (seen.contains(key)) throw new IllegalArgumentException("'" + text + "': " + key + " is given twice");
                seen.add(key);
                double v;
                try {
                    v = Double.parseDouble(part.substring(eq + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "': " + key + " '" + part.substring(eq + 1) + "' is not a number");
                }
                switch (key) {
                    case "sigma_min" -> min = v;
                    case "sigma_max" -> max = v;
                    default -> rho = v;
                }
            }
        }
        return karras ? new Karras(min, max, rho) : new LogSnr(min, max);
    }

    /** EDM's smallest noise level (Karras et al. 2022), the default of both ladders. */
    double SIGMA_MIN = 0.002;
    /** EDM's largest noise level. */
    double SIGMA_MAX = 80;
    /** EDM's ρ. */
    double RHO = 7;

    /** The Karras, EDM and log-SNR schedules with their defaults. */
    Karras KARRAS = new Karras(SIGMA_MIN, SIGMA_MAX, RHO);
    LogSnr LOGSNR = new LogSnr(SIGMA_MIN, SIGMA_MAX);

    /** A ladder of noise-to-signal ratios σ_0 = σ_max > … > σ_{K−1} = σ_min, then σ = 0 (docs/mathematics.md §5.7). */
    sealed interface Sigmas extends ScheduleSpec permits Karras, LogSnr {
        double sigmaMin();

        double sigmaMax();

        /** σ at ramp r ∈ [0, 1]: σ_max at 0, σ_min at 1. */
        double sigma(double r);

        @Override
        default Schedule create(Interpolant interpolant, int dim, double k) { return new NoiseLevels(interpolant, this); }
    }

    /** EDM/Karras: σ(r) = (σ_max^{1/ρ} + r·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ (k-diffusion's get_sigmas_karras). */
    record Karras(double sigmaMin, double sigmaMax, double rho) implements Sigmas {
        public Karras {
            checkSigmas("karras", sigmaMin, sigmaMax);
            if (!(rho > 0) || Double.isInfinite(rho)) throw new IllegalArgumentException("'karras': rho must be positive and finite, got " + rho);
        }

        @Override
        public double sigma(double r) {
            double hi = Math.pow(sigmaMax, 1 / rho), lo = Math.pow(sigmaMin, 1 / rho);
            return Math.pow(hi + r * (lo - hi), rho);
        }

        @JsonValue
        @Override
        public String toString() {
            return "karras" + param("sigma_min", sigmaMin, SIGMA_MIN) + param("sigma_max", sigmaMax, SIGMA_MAX) + param("rho", rho, RHO);
        }
    }

    /** Log-SNR (exponential): log σ uniform from log σ_max to log σ_min (k-diffusion's get_sigmas_exponential). */
    record LogSnr(double sigmaMin, double sigmaMax) implements Sigmas {
        public LogSnr {
            checkSigmas("logsnr", sigmaMin, sigmaMax);
        }

        @Override
        public double sigma(double r) {
            double hi = Math.log(sigmaMax), lo = Math.log(sigmaMin);
            return Math.exp(hi + r * (lo - hi));
        }

        @JsonValue
        @Override
        public String toString() { return "logsnr" + param("sigma_min", sigmaMin, SIGMA_MIN) + param("sigma_max", sigmaMax, SIGMA_MAX); }
    }

    private static void checkSigmas(String name, double min, double max) {
        if (!(min > 0) || Double.isInfinite(min)) throw new IllegalArgumentException("'" + name + "': sigma_min must be positive and finite, got " + min);
        if (!(max > 0) || Double.isInfinite(max)) throw new IllegalArgumentException("'" + name + "': sigma_max must be positive and finite, got " + max);
        if (!(min < max)) throw new IllegalArgumentException("'" + name + "': sigma_min must be below sigma_max, got " + number(min) + " and " + number(max));
    }

    private static String param(String key, double v, double dflt) { return v == dflt ? "" : ":" + key + "=" + number(v); }

    /** The optimized schedule: computed from the target itself, so a study builds it (docs/mathematics.md §5.8). */
    Optimized OPTIMIZED = new Optimized();

    /**
     * A schedule computed by {@link Optimizer} from the exact field of the target and a pilot ensemble
     * with the task's seed. It needs the target, so a study builds it per (setting, d, seed) and
     * {@link #create} refuses; elsewhere {@code ./phaseflow optimize --out FILE} writes it and
     * {@code file:FILE} reads it.
     */
    record Optimized() implements ScheduleSpec {
        static final String NAME = "optimized";

        @Override
        public Schedule create(Interpolant interpolant, int dim, double k) {
            throw new IllegalArgumentException("--schedule optimized is computed from the target in a study only; elsewhere write it with "
                    + "./phaseflow optimize --out FILE and give --schedule file:FILE");
        }

        @JsonValue
        @Override
        public String toString() { return NAME; }
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
