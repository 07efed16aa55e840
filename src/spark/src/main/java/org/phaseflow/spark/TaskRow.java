package org.phaseflow.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.phaseflow.study.KStarSearch;
import org.phaseflow.study.Study;

/**
 * A row as it travels from an executor to the driver (Java serialization: numbers as their bits),
 * without what its task already says; {@code pilotEvaluations} is −1 for a row without a pilot;
 * {@code executor} and {@code attempt} tell where it was made.
 */
record TaskRow(int index, Search high, boolean floorHigh, Search low, boolean floorLow, String[] featureNames,
               double[][] featureErrors, double elapsedSeconds, int particlesHigh, int particlesLow, long pilotEvaluations,
               double pilotSeconds, String executor, int attempt) implements Serializable {

    /** One K* search's result, and an adaptive search's steps (null on a fixed-step row). */
    record Search(int kStar, double tolerance, int[] ks, double[] errors, double[] accepted, double[] rejected) implements Serializable {
        static Search of(KStarSearch.Result r, Study.Steps steps) {
            return new Search(r.kStar(), r.tolerance(), r.ks(), r.errors(), steps == null ? null : steps.accepted(), steps == null ? null : steps.rejected());
        }

        KStarSearch.Result result() { return new KStarSearch.Result(kStar, tolerance, ks, errors); }

        Study.Steps steps() { return accepted == null ? null : new Study.Steps(accepted, rejected); }
    }

    static TaskRow of(int index, Study.Row r, String executor, int attempt) {
        int n = r.lowFeatures().size();
        String[] names = new String[n];
        double[][] errors = new double[n][];
        for (int i = 0; i < n; i++) {
            names[i] = r.lowFeatures().get(i).name();
            errors[i] = r.lowFeatures().get(i).errors();
        }
        return new TaskRow(index, Search.of(r.high(), r.stepsHigh()), r.noiseFloorHigh(), Search.of(r.low(), r.stepsLow()), r.noiseFloorLow(), names, errors,
                r.elapsedSeconds(), r.particlesHigh(), r.particlesLow(), r.pilot() == null ? -1 : r.pilot().evaluations(),
                r.pilot() == null ? 0 : r.pilot().seconds(), executor, attempt);
    }

    /** The row of {@code task} (the plan's task of this index). */
    Study.Row row(Study.Task task) {
        List<Study.FeatureErrors> features = new ArrayList<>();
        for (int i = 0; i < featureNames.length; i++) features.add(new Study.FeatureErrors(featureNames[i], featureErrors[i]));
        return new Study.Row(task.setting(), task.dim(), task.seed(), high.result(), floorHigh, low.result(), floorLow,
                List.copyOf(features), elapsedSeconds, particlesHigh, particlesLow,
                pilotEvaluations < 0 ? null : new Study.Pilot(pilotEvaluations, pilotSeconds), high.steps(), low.steps());
    }
}
