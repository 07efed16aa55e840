package org.phaseflow.config;

import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.Tolerances;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.ScheduleKind;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.scheduler.RunSpec;

/**
 * One sampling run, as a user states it: the target, the interpolant (family, shape, optional s0),
 * the schedule, the integrator, d, N, K, the seed and the worker count. Immutable, JSON-ready
 * ({@link Json}); {@link #spec()} validates it and builds what the sampler runs.
 *
 * @param s0 the initial noise scale, or null for the family's (VP: 1, VE: √d)
 * @param tolerances an adaptive integrator's --rtol, --atol and --error-norm (null for a fixed-step
 *                   one, which has none; the defaults when an adaptive one is given none)
 */
public record RunConfig(TargetConfig target, Family family, ShapeChoice shape, Double s0, ScheduleSpec schedule, double k,
                        IntegratorKind integrator, int dim, int particles, int steps, long seed, int threads,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Tolerances tolerances) {

    public RunConfig {
        if (shape == null) shape = ShapeChoice.PAPER;
        if (integrator != null && !integrator.adaptive()) tolerances = null;
        else if (tolerances == null) tolerances = Tolerances.DEFAULT;
    }

    /** A run with an adaptive integrator's default tolerances. */
    public RunConfig(TargetConfig target, Family family, ShapeChoice shape, Double s0, ScheduleSpec schedule, double k,
                     IntegratorKind integrator, int dim, int particles, int steps, long seed, int threads) {
        this(target, family, shape, s0, schedule, k, integrator, dim, particles, steps, seed, threads, null);
    }

    /** The paper's run of a model: VP, the paper's shape, the dilated schedule (k = 3), Euler. */
    public static RunConfig paper(TargetConfig target, int dim, int particles, int steps, long seed, int threads) {
        return new RunConfig(target, Family.VP, ShapeChoice.PAPER, null, ScheduleKind.DILATED, Paper.K, IntegratorKind.EULER,
                dim, particles, steps, seed, threads);
    }

    public Shape resolvedShape() { return shape.resolve(target.model(), family); }

    public RunConfig withFamily(Family f) { return new RunConfig(target, f, shape, s0, schedule, k, integrator, dim, particles, steps, seed, threads, tolerances); }
    public RunConfig withSchedule(ScheduleSpec s) { return new RunConfig(target, family, shape, s0, s, k, integrator, dim, particles, steps, seed, threads, tolerances); }
    public RunConfig withTarget(TargetConfig t) { return new RunConfig(t, family, shape, s0, schedule, k, integrator, dim, particles, steps, seed, threads, tolerances); }
    public RunConfig withIntegrator(IntegratorKind i) { return new RunConfig(target, family, shape, s0, schedule, k, i, dim, particles, steps, seed, threads, tolerances); }
    public RunConfig withThreads(int t) { return new RunConfig(target, family, shape, s0, schedule, k, integrator, dim, particles, steps, seed, t, tolerances); }

    /** Validates every value and builds the run; IllegalArgumentException naming the option otherwise. */
    public RunSpec spec() {
        positive("--dim", dim);
        positive("--particles", particles);
        positive("--steps", steps);
        positive("--threads", threads);
        if (s0 != null) Limits.s0(s0, dim);
        if (!(k > 0) || Double.isInfinite(k)) throw new IllegalArgumentException("--k must be positive and finite, got " + k);
        Target t = target.build(dim, seed);
        Interpolant ip = s0 == null ? Interpolant.of(resolvedShape(), family, dim) : new Interpolant(resolvedShape(), family, s0);
        Schedule sched = schedule.create(ip, dim, k);
        if (sched.fixedSteps() > 0 && steps != sched.fixedSteps()) {
            throw new IllegalArgumentException("--steps " + steps + ": --schedule " + schedule + " is an explicit grid of "
                    + sched.fixedSteps() + " steps; give --steps " + sched.fixedSteps() + " or leave --steps out");
        }
        if (steps < sched.minSteps()) {
            throw new IllegalArgumentException("--steps " + steps + ": the " + schedule + " schedule has "
                    + sched.minSteps() + " phases and needs at least that many steps");
        }
        return new RunSpec(t, ip, sched, integrator, particles, seed, threads, tolerances);
    }

    static int positive(String option, int v) {
        if (v <= 0) throw new IllegalArgumentException(option + " must be a positive integer, got " + v);
        return v;
    }

    /** The {@code sample}/{@code trajectory} options that state this run (without --threads), as a user would type them. */
    public List<String> arguments() {
        List<String> a = new ArrayList<>(List.of("--model", target.model().toString(), "--family", family.toString()));
        if (shape != ShapeChoice.PAPER) a.addAll(List.of("--shape", shape.toString()));
        if (s0 != null) a.addAll(List.of("--s0", Json.number(s0)));
        a.addAll(List.of("--schedule", schedule.toString()));
        if (schedule.usesK()) a.addAll(List.of("--k", Json.number(k)));
        a.addAll(List.of("--integrator", integrator.toString(), "--dim", Integer.toString(dim),
                "--particles", Integer.toString(particles), "--steps", Integer.toString(steps), "--seed", Long.toString(seed)));
        if (tolerances != null) {
            a.addAll(List.of("--rtol", Json.number(tolerances.rtol()), "--atol", Json.number(tolerances.atol()),
                    "--error-norm", tolerances.norm().toString()));
        }
        TargetConfig paper = TargetConfig.paper(target.model());
        if (target.mixture() != null) a.addAll(List.of("--mixture", target.mixture()));
        switch (target.model()) {
            case GM -> {
                if (target.mixture() == null) {
                    if (target.p() != paper.p()) a.addAll(List.of("--p", Json.number(target.p())));
                    if (target.m() != paper.m()) a.addAll(List.of("--m", Json.number(target.m())));
                    if (target.sigma() != paper.sigma()) a.addAll(List.of("--sigma", Json.number(target.sigma())));
                    if (target.direction() != Direction.ONES) a.addAll(List.of("--direction", target.direction().toString()));
                }
            }
            case CW -> {
                if (target.beta() != paper.beta()) a.addAll(List.of("--beta", Json.number(target.beta())));
                if (target.h() != paper.h()) a.addAll(List.of("--h", Json.number(target.h())));
            }
        }
        return a;
    }
}
