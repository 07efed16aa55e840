package org.phaseflow.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.IntegratorSpec;
import org.phaseflow.interpolant.Family;
import org.phaseflow.model.MixtureFile;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;

/**
 * Everything that fixes a step-complexity study's numbers (docs/mathematics.md §7): the settings
 * (models × families × shapes × schedules × integrators), the dimensions and seeds, the particle
 * counts, tolerances and K grid, and the targets' parameters. The output directory and the thread
 * count are not part of it: a seed fixes every number whatever the thread count. Immutable,
 * JSON-ready ({@link Json}): the plan written into study.json reads back into an equal plan.
 *
 * @param mixture a mixture file that replaces the GM preset (p, m, σ), or null
 */
public record StudyPlan(
        List<ModelKind> models, List<Family> families, List<ShapeChoice> shapes, List<ScheduleSpec> schedules,
        List<IntegratorSpec> integrators, List<Integer> dims, int seeds, long seed,
        int particlesHigh, int particlesLow, double tolHigh, double tolSigma, double tolM,
        int kStart, double kRatio, int kCap, int confirm, double k,
        double p, double m, double sigma, double beta, double h, String mixture) {

    /** The paper preset's study values (docs/mathematics.md §7): seeds, particle counts, tolerances, the K grid. */
    public static final int SEEDS = 3, PARTICLES_HIGH = 600, PARTICLES_LOW = 32, K_START = 2, K_CAP = 65536, CONFIRM = 2;
    public static final double TOL_HIGH = 0.05, TOL_SIGMA = 0.1, TOL_M = 0.01, K_RATIO = 1.5;

    /**
     * The paper preset at these dimensions: both models, both families, the paper's shapes, the
     * uniform and dilated schedules, Euler, {@link #SEEDS} seeds from 1, the paper's targets.
     */
    public static StudyPlan paper(List<Integer> dims) {
        return new StudyPlan(List.of(ModelKind.GM, ModelKind.CW), List.of(Family.VP, Family.VE), List.of(ShapeChoice.PAPER),
                List.of(ScheduleKind.UNIFORM, ScheduleKind.DILATED), List.of(IntegratorKind.EULER), dims, SEEDS, 1,
                PARTICLES_HIGH, PARTICLES_LOW, TOL_HIGH, TOL_SIGMA, TOL_M, K_START, K_RATIO, K_CAP, CONFIRM, Paper.K,
                Paper.P, Paper.M, Paper.SIGMA, Paper.BETA, Paper.H, null);
    }

    public StudyPlan {
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
        Limits.particles("--particles-high", particlesHigh);
        Limits.particles("--particles-low", particlesLow);
        positive("--tol-high", tolHigh);
        positive("--tol-sigma", tolSigma);
        positive("--tol-m", tolM);
        if (confirm < 1) throw new IllegalArgumentException("--confirm must be at least 1, got " + confirm);
        KGrid.geometric(kStart, kRatio, kCap);
        if (mixture != null && !models.contains(ModelKind.GM)) {
            throw new IllegalArgumentException("--mixture " + mixture + " replaces the GM preset, but --models " + models + " has no gm");
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(option + " must be positive, got " + v);
    }

    /** Whether some integrator of the plan chooses its own steps (its search runs over {@link ToleranceGrid}). */
    public boolean adaptive() { return integrators.stream().anyMatch(IntegratorSpec::adaptive); }

    /** The K grid of the search. */
    public int[] grid() { return KGrid.geometric(kStart, kRatio, kCap); }

    /** Every setting, in a fixed order (the paper shape resolved; duplicates dropped). */
    public List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        for (ModelKind model : models)
            for (Family family : families)
                for (ShapeChoice shape : shapes)
                    for (ScheduleSpec schedule : schedules)
                        for (IntegratorSpec integrator : integrators)
                            out.add(new Setting(model, family, shape.resolve(model, family), schedule, integrator));
        return out.stream().distinct().toList();
    }

    /** The seeds: seed, seed + 1, … */
    public long seed(int index) { return seed + index; }

    /** The target of a model, with this plan's parameters. */
    public TargetConfig target(ModelKind model) {
        return new TargetConfig(model, p, m, sigma, Direction.ONES, model == ModelKind.GM ? mixture : null, beta, h);
    }

    /** The configuration as a flat JSON-ready map: results files show it, and its hash identifies the study for --resume. */
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
        // only a mixture study carries these, so the fingerprints of preset studies stay what they were
        if (mixture != null) {
            c.put("mixture", mixture);
            c.put("mixture_sha256", MixtureFile.sha256(Path.of(mixture)));
        }
        // likewise only a study with schedule files: each file's SHA-256, so --resume refuses a changed file
        Map<String, String> files = new LinkedHashMap<>();
        for (ScheduleSpec s : schedules) if (s instanceof ScheduleSpec.File f) files.put(f.path(), f.sha256());
        if (!files.isEmpty()) c.put("schedule_sha256", files);
        // and only a study with an adaptive integrator: its tolerance grid (§7.4), which fixes its rows as the K grid does
        if (adaptive()) c.put("rtol_grid", ToleranceGrid.describe());
        return c;
    }

    /** A short fingerprint of {@link #asMap()} (lists print by their command-line names), stored in every CSV row. */
    public String fingerprint() {
        return String.format("%08x", asMap().toString().hashCode());
    }
}
