package org.phaseflow.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Counts element-steps (coordinates × steps processed) and, where a benchmark sets it, element-evaluations; JMH reports both as rates per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ElementCounter {
    public long elementSteps;
    /** Coordinates × field evaluations: what a scheme with several evaluations per step (Heun, BS3) pays. */
    public long elementEvaluations;

    @Setup(Level.Iteration)
    public void clear() {
        elementSteps = 0;
        elementEvaluations = 0;
    }
}
