package org.phaseflow.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that fixes a step-complexity study's numbers (the output directory and the thread
 * count do not: a seed fixes every number whatever the thread count).
 */
public record StudyConfig(
        List<String> models, List<String> families, List<String> shapes, List<String> schedules, List<String> integrators,
        List<Integer> dims, int seeds, long seed,
        int particlesHigh, int particlesLow, double tolHigh, double tolSigma, double tolM,
        int kStart, double kRatio, int kCap, int confirm, double k,
        double p, double m, double sigma, double beta, double h) {

    public StudyConfig {
        models = List.copyOf(models);
        families = List.copyOf(families);
        shapes = List.copyOf(shapes);
        schedules = List.copyOf(schedules);
        integrators = List.copyOf(integrators);
        dims = List.copyOf(dims);
        if (dims.isEmpty()) throw new IllegalArgumentException("--dims is empty: give at least one dimension");
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i) <= 0) throw new IllegalArgumentException("--dims must hold positive integers, got " + dims.get(i));
            if (i > 0 && dims.get(i) <= dims.get(i - 1)) {
                throw new IllegalArgumentException("--dims must be increasing, got " + dims);
            }
        }
        if (models.isEmpty() || families.isEmpty() || shapes.isEmpty() || schedules.isEmpty() || integrators.isEmpty()) {
            throw new IllegalArgumentException("--models, --families, --shapes, --schedules and --integrators must not be empty");
        }
        if (seeds <= 0) throw new IllegalArgumentException("--seeds must be a positive integer, got " + seeds);
        if (particlesHigh <= 0) throw new IllegalArgumentException("--particles-high must be a positive integer, got " + particlesHigh);
        if (particlesLow <= 0) throw new IllegalArgumentException("--particles-low must be a positive integer, got " + particlesLow);
        positive("--tol-high", tolHigh);
        positive("--tol-sigma", tolSigma);
        positive("--tol-m", tolM);
        if (confirm < 1) throw new IllegalArgumentException("--confirm must be at least 1, got " + confirm);
        KGrid.geometric(kStart, kRatio, kCap);
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(option + " must be positive, got " + v);
    }

    public int[] grid() { return KGrid.geometric(kStart, kRatio, kCap); }

    /** The configuration as a JSON-ready map (also its identity for --resume). */
    public Map<String, Object> asMap() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("models", models);
        c.put("families", families);
        c.put("shapes", shapes);
        c.put("schedules", schedules);
        c.put("integrators", integrators);
        c.put("dims", dims);
        c.put("seeds", seeds);
        c.put("seed", seed);
        c.put("particles_high", particlesHigh);
        c.put("particles_low", particlesLow);
        c.put("tol_high", tolHigh);
        c.put("tol_sigma", tolSigma);
        c.put("tol_m", tolM);
        c.put("k_start", kStart);
        c.put("k_ratio", kRatio);
        c.put("k_cap", kCap);
        c.put("confirm", confirm);
        c.put("k", k);
        c.put("p", p);
        c.put("m", m);
        c.put("sigma", sigma);
        c.put("beta", beta);
        c.put("h", h);
        return c;
    }

    /** A short fingerprint of {@link #asMap()}, stored in every CSV row. */
    public String fingerprint() {
        return String.format("%08x", asMap().toString().hashCode());
    }
}
