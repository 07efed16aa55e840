package org.phaseflow.config;

import org.phaseflow.integrator.IntegratorSpec;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleSpec;

/** One curve of a study: model, family, shape, schedule and integrator. */
public record Setting(ModelKind model, Family family, Shape shape, ScheduleSpec schedule, IntegratorSpec integrator) {
    public String label() { return model + " " + family + "/" + shape + " " + schedule + " " + integrator; }
}
