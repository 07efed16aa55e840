package org.phaseflow.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Counts element-steps (coordinates × steps processed); JMH reports it as a rate per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ElementCounter {
    public long elementSteps;

    @Setup(Level.Iteration)
    public void clear() { elementSteps = 0; }
}
