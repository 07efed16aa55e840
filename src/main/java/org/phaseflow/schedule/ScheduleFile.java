package org.phaseflow.schedule;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * A schedule from JSON (docs/mathematics.md §5.6), one of two forms:
 * <pre>{"knots": [[0.25, 0.05], [0.5, 0.2], …]}     a piecewise-linear τ(t) through the knots, any K
 * {"tau": [0, 0.05, 0.2, …, 1]}                 an explicit grid τ_0 … τ_K: it fixes K</pre>
 * Knots are (t, τ) pairs, both strictly increasing in [0, 1]; (0, 0) and (1, 1) are added when
 * absent. For K steps the knots schedule gives t_k = k/K mapped through τ(t); the knots are not forced
 * onto the grid. An explicit grid starts at 0, ends at 1 and increases strictly. A "description"
 * string may say what the schedule is, a "pilot" object what an optimized schedule's pilot cost and
 * a "study" object which study's (setting, d) it was computed for (docs/formats.md); neither changes
 * the schedule; any other key is refused.
 */
public final class ScheduleFile {
    private ScheduleFile() {}

    private static final ObjectMapper READER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final ObjectMapper WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> KEYS = Set.of("knots", "tau", "description", "pilot", "study");

    /** The schedule in {@code file}; IllegalArgumentException "file:PATH: what is wrong". */
    public static Schedule read(Path file) {
        String where = "file:" + file;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new IllegalArgumentException(where + ": no such readable file");
        JsonNode root;
        try {
            root = READER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot be read as JSON (" + firstLine(e) + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(where + ": needs a JSON object with \"knots\" or \"tau\"");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) throw new IllegalArgumentException(where + ": unknown key \"" + key + "\" (allowed: knots, tau, description, pilot, study)");
        }
        JsonNode knots = root.get("knots"), tau = root.get("tau");
        if ((knots == null) == (tau == null)) throw new IllegalArgumentException(where + ": needs exactly one of \"knots\" and \"tau\"");
        if (tau != null) return new ExplicitGrid(where, checkGrid(numbers(tau, where + ": \"tau\""), where));
        if (!knots.isArray() || knots.isEmpty()) throw new IllegalArgumentException(where + ": \"knots\" must be a non-empty array of [t, τ] pairs");
        double[] t = new double[knots.size()], v = new double[knots.size()];
        for (int i = 0; i < knots.size(); i++) {
            JsonNode knot = knots.get(i);
            if (!knot.isArray() || knot.size() != 2 || !knot.get(0).isNumber() || !knot.get(1).isNumber()) {
                throw new IllegalArgumentException(where + ": knot " + i + " must be a pair of numbers [t, τ], got " + knot);
            }
            t[i] = knot.get(0).asDouble();
            v[i] = knot.get(1).asDouble();
        }
        return PiecewiseLinear.through(where, t, v);
    }

    /** Writes a knots schedule; {@link #read} gives back the same τ(t). */
    public static void writeKnots(Path file, double[] t, double[] tau) throws IOException {
        writeKnots(file, t, tau, null);
    }

    /** Writes a knots schedule with a "description" (none when null); {@link #read} gives back the same τ(t). */
    public static void writeKnots(Path file, double[] t, double[] tau, String description) throws IOException {
        writeKnots(file, t, tau, description, java.util.Map.of());
    }

    /**
     * As {@link #writeKnots(Path, double[], double[], String)}, with {@code extra} objects before the
     * knots (keys "pilot" and "study" only, each a JSON-ready map), through a temporary file moved into
     * place, so a reader never sees half a file.
     */
    public static void writeKnots(Path file, double[] t, double[] tau, String description, java.util.Map<String, ?> extra) throws IOException {
        if (t.length != tau.length) throw new IllegalArgumentException("knots: " + t.length + " times but " + tau.length + " values of τ");
        ObjectNode root = WRITER.createObjectNode();
        if (description != null) root.put("description", description);
        for (var e : extra.entrySet()) {
            if (!e.getKey().equals("pilot") && !e.getKey().equals("study")) throw new IllegalArgumentException("knots file: no key \"" + e.getKey() + "\"");
            root.set(e.getKey(), WRITER.valueToTree(e.getValue()));
        }
        ArrayNode knots = root.putArray("knots");
        for (int i = 0; i < t.length; i++) knots.addArray().add(t[i]).add(tau[i]);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, WRITER.writeValueAsString(root) + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The JSON object of a knots file as it is (for the "pilot" and "study" objects); IllegalArgumentException when it is not one. */
    public static JsonNode tree(Path file) {
        try {
            JsonNode root = READER.readTree(Files.readString(file));
            if (root == null || !root.isObject()) throw new IllegalArgumentException("file:" + file + ": not a JSON object");
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("file:" + file + ": cannot be read as JSON (" + firstLine(e) + ")");
        }
    }

    /** Writes an explicit grid τ_0 … τ_K; {@link #read} gives back the same grid. */
    public static void writeGrid(Path file, double[] tau) throws IOException {
        ObjectNode root = WRITER.createObjectNode();
        ArrayNode a = root.putArray("tau");
        for (double v : tau) a.add(v);
        Files.writeString(file, WRITER.writeValueAsString(root) + "\n");
    }

    /** SHA-256 of the file's bytes, in hex. */
    public static String sha256(Path file) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(h);
        } catch (IOException e) {
            throw new IllegalArgumentException("file:" + file + ": cannot be read (" + e.getMessage() + ")");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An explicit grid: at least two finite values, 0 first, 1 last, strictly increasing; IllegalArgumentException naming {@code where}. */
    static double[] checkGrid(double[] tau, String where) {
        if (tau.length < 2) throw new IllegalArgumentException(where + ": an explicit grid needs at least two times (0 and 1), got " + tau.length);
        for (int i = 0; i < tau.length; i++) {
            if (!Double.isFinite(tau[i])) throw new IllegalArgumentException(where + ": time " + i + " is not a finite number, got " + tau[i]);
            if (tau[i] < 0 || tau[i] > 1) throw new IllegalArgumentException(where + ": time " + i + " is outside [0, 1], got " + tau[i]);
            if (i > 0 && !(tau[i] > tau[i - 1])) {
                throw new IllegalArgumentException(where + ": the times must increase strictly, but time " + i + " is " + tau[i]
                        + " after " + tau[i - 1]);
            }
        }
        if (tau[0] != 0) throw new IllegalArgumentException(where + ": the first time must be 0 (pure noise), got " + tau[0]);
        if (tau[tau.length - 1] != 1) throw new IllegalArgumentException(where + ": the last time must be 1 (data), got " + tau[tau.length - 1]);
        return tau;
    }

    private static double[] numbers(JsonNode a, String what) {
        if (!a.isArray()) throw new IllegalArgumentException(what + " must be an array of numbers");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) throw new IllegalArgumentException(what + "[" + i + "] is not a number, got " + a.get(i));
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
