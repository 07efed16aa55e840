package org.phaseflow.spark;

import java.io.Serializable;
import java.util.List;
import org.phaseflow.scheduler.Samples;

/**
 * The outcomes of one shard (particles [from, to) of a round's run) at each K of the round, as they
 * travel from an executor to the driver (Java serialization: every value as its bits); {@code
 * executor} and {@code attempt} tell where it was made.
 */
record ShardOutcomes(int shard, int from, int to, Run[] runs, String executor, int attempt) implements Serializable {

    /** One K: what {@code Features.of} and the row read, per particle of the shard. */
    record Run(int steps, double[] tau, int[] mode, double[] low, double[] projection, int[] nfe, int[] accepted, int[] rejected,
               double integrationSeconds, double wallSeconds) implements Serializable {
        static Run of(Samples s) {
            return new Run(s.steps(), s.tau(), s.mode(), s.low(), s.projection(), s.nfe(), s.accepted(), s.rejected(),
                    s.integrationSeconds(), s.wallSeconds());
        }

        Samples samples() {
            return new Samples(steps, tau, mode, low, projection, nfe, accepted, rejected, null, new float[0][][], new float[0][], null,
                    integrationSeconds, wallSeconds);
        }
    }

    static ShardOutcomes of(int shard, int from, int to, List<Samples> samples, String executor, int attempt) {
        return new ShardOutcomes(shard, from, to, samples.stream().map(Run::of).toArray(Run[]::new), executor, attempt);
    }
}
