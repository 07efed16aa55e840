package org.phaseflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A general Gaussian mixture from JSON (docs/mathematics.md §2; the format is in docs/formats.md):
 * <pre>{"components": [{"weight": 0.5, "mean": 1.0, "sigma": 0.1},
 *                 {"weight": 0.3, "mean": [ ...d values... ], "sigma": [ ...d values... ]}, …]}</pre>
 * A number as "mean" is that value in every coordinate; a number as "sigma" is an isotropic σ, an
 * array a per-coordinate one. The weights must sum to 1 within {@link #WEIGHT_TOLERANCE}: a file
 * whose weights do not is refused rather than renormalised, since its component 0 weight is the
 * target p of the high-level feature and a silent division would change it.
 */
public final class MixtureFile {
    private MixtureFile() {}

    /** How far the weights' sum may be from 1: a few units of the last digit of weights written with six decimals. */
    public static final double WEIGHT_TOLERANCE = 1e-6;

    /** The mixture in dimension {@code dim}; IllegalArgumentException naming --mixture, the file and what is wrong. */
    public static GaussianMixture read(Path file, int dim) {
        String where = "--mixture " + file;
        if (!Files.isReadable(file)) throw new IllegalArgumentException(where + ": no such readable file");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot be read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode comps = root == null ? null : root.get("components");
        if (comps == null || !comps.isArray() || comps.isEmpty()) {
            throw new IllegalArgumentException(where + ": needs a non-empty \"components\" array");
        }
        int c = comps.size();
        double[] weights = new double[c], iso = new double[c];
        float[][] mu = new float[c][], sigma = new float[c][];
        boolean diagonal = false;
        for (int i = 0; i < c; i++) {
            JsonNode comp = comps.get(i);
            String at = where + ": component " + i;
            JsonNode w = comp.get("weight");
            if (w == null || !w.isNumber() || !(w.asDouble() > 0)) throw new IllegalArgumentException(at + ": \"weight\" must be a positive number");
            weights[i] = w.asDouble();
            mu[i] = vector(comp.get("mean"), dim, at + ": \"mean\"", false);
            JsonNode s = comp.get("sigma");
            sigma[i] = vector(s, dim, at + ": \"sigma\"", true);
            if (s.isArray()) diagonal = true;
            iso[i] = sigma[i][0];
        }
        double sum = 0;
        for (double w : weights) sum += w;
        if (!(Math.abs(sum - 1) <= WEIGHT_TOLERANCE)) {
            throw new IllegalArgumentException(where + ": the weights sum to " + sum + ", not 1 (within " + WEIGHT_TOLERANCE
                    + "); write them as fractions of the whole (each divided by " + sum + ")");
        }
        return diagonal ? GaussianMixture.diagonal(weights, mu, sigma) : GaussianMixture.isotropic(weights, mu, iso);
    }

    /** SHA-256 of the file's bytes, in hex: what a results file records to say which mixture it sampled. */
    public static String sha256(Path file) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(h);
        } catch (IOException e) {
            throw new IllegalArgumentException("--mixture " + file + ": cannot be read (" + e.getMessage() + ")");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] vector(JsonNode v, int dim, String what, boolean positive) {
        float[] out = new float[dim];
        if (v != null && v.isNumber()) {
            java.util.Arrays.fill(out, (float) v.asDouble());
        } else if (v != null && v.isArray()) {
            if (v.size() != dim) throw new IllegalArgumentException(what + " has " + v.size() + " values but --dim is " + dim);
            for (int j = 0; j < dim; j++) {
                if (!v.get(j).isNumber()) throw new IllegalArgumentException(what + "[" + j + "] is not a number");
                out[j] = (float) v.get(j).asDouble();
            }
        } else {
            throw new IllegalArgumentException(what + " must be a number or an array of --dim numbers");
        }
        for (int j = 0; j < dim; j++) {
            if (!Float.isFinite(out[j]) || (positive && !(out[j] > 0))) {
                throw new IllegalArgumentException(what + (positive ? " must be positive" : " must be finite") + ", got " + out[j]);
            }
        }
        return out;
    }
}
