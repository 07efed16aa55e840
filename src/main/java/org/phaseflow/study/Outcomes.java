package org.phaseflow.study;

import java.util.List;
import java.util.function.LongConsumer;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * What a K* search asks for (docs/mathematics.md §7.4): the outcomes of every particle of a sampling
 * configuration at each K of a round, from common initial noise, in particle order. The local
 * default samples here; a cluster runner may split the particles into shards and join their
 * outcomes (docs/spark.md §7), which gives the same bits, since a particle's outcome depends on its
 * index alone.
 */
@FunctionalInterface
public interface Outcomes {

    /** One {@link Samples} per K of {@code ks}, each holding all {@code spec.particles()} outcomes; {@code progress} counts particles done. */
    List<Samples> at(RunSpec spec, int[] ks, LongConsumer progress);

    /** Every particle sampled in this JVM, on {@code spec.threads()} threads. */
    Outcomes LOCAL = (spec, ks, progress) -> Sampler.run(spec, ks, Recording.OUTCOMES, progress);
}
