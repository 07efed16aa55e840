package org.phaseflow.config;

import java.util.Locale;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;

/** A shape as a user chooses it: one of the shapes, or the paper's rule ({@link Paper#shape}). */
public enum ShapeChoice {
    PAPER, TRIG, LINEAR;

    public Shape resolve(ModelKind model, Family family) {
        return switch (this) {
            case PAPER -> Paper.shape(model, family);
            case TRIG -> Shape.TRIG;
            case LINEAR -> Shape.LINEAR;
        };
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
