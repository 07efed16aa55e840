package org.phaseflow.scheduler;

import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.Tolerances;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.model.Target;
import org.phaseflow.schedule.Schedule;

/** One sampling configuration, apart from the number of steps; {@code tolerances} matter to an adaptive integrator only. */
public record RunSpec(Target target, Interpolant interpolant, Schedule schedule, IntegratorKind integrator,
                      int particles, long seed, int threads, Tolerances tolerances) {

    /** With the default tolerances. */
    public RunSpec(Target target, Interpolant interpolant, Schedule schedule, IntegratorKind integrator,
                   int particles, long seed, int threads) {
        this(target, interpolant, schedule, integrator, particles, seed, threads, Tolerances.DEFAULT);
    }

    public RunSpec {
        if (tolerances == null) tolerances = Tolerances.DEFAULT;
        if (particles <= 0) throw new IllegalArgumentException("--particles must be a positive integer, got " + particles);
        if (threads <= 0) throw new IllegalArgumentException("--threads must be a positive integer, got " + threads);
    }

    public int dim() { return target.dim(); }

    public RunSpec withParticles(int n) { return new RunSpec(target, interpolant, schedule, integrator, n, seed, threads, tolerances); }

    public RunSpec withSeed(long s) { return new RunSpec(target, interpolant, schedule, integrator, particles, s, threads, tolerances); }

    public RunSpec withTolerances(Tolerances t) { return new RunSpec(target, interpolant, schedule, integrator, particles, seed, threads, t); }
}
