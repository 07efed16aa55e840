package org.phaseflow.config;

import java.util.List;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;

/**
 * The paper's values, in one place: every default of the command line, the study presets and the
 * benchmarks comes from here (Aranguri, Biroli, Mézard, Vanden-Eijnden 2025; docs/mathematics.md §2,
 * §3, §5).
 */
public final class Paper {
    private Paper() {}

    /** GM: weight of the + mode. */
    public static final double P = 0.8;
    /** GM: mode mean scale, μ± = ±m·u. */
    public static final double M = 1;
    /** GM: within-mode standard deviation. */
    public static final double SIGMA = 0.1;
    /** CW: inverse temperature. */
    public static final double BETA = 2;
    /** CW: field, h = ½·ln(0.8/0.2). */
    public static final double H = 0.5 * Math.log(4);
    /** Width parameter of the dilated schedules. */
    public static final double K = 3;

    /** The paper's shape: trig for GM with VP, linear for CW and for VE. */
    public static Shape shape(ModelKind model, Family family) {
        return model == ModelKind.GM && family == Family.VP ? Shape.TRIG : Shape.LINEAR;
    }

    /** The study's dimensions: the paper preset's and the quick one's. */
    public static final List<Integer> DIMS = List.of(100, 1000, 10000, 100000), QUICK_DIMS = List.of(100, 1000, 10000);
}
