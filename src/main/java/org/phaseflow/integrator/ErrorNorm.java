package org.phaseflow.integrator;

import java.util.Locale;

/**
 * How an adaptive scheme measures a step's error estimate against its tolerances (docs/mathematics.md
 * §6.3). At large d the RMS over coordinates dilutes an error along one direction by √d, and the
 * max norm does too when that direction is spread over every coordinate (the presets' all-ones u);
 * the mode norm adds the projection of the error onto the directions that carry the high-level
 * feature ({@code Target.featureDirections}), measured in the units of one coordinate.
 */
public enum ErrorNorm {
    /** RMS(err) / (atol + rtol·RMS-scale): what k-diffusion does. */
    RMS,
    /** max|err_i| / (atol + rtol·max-scale). */
    MAX,
    /** The larger of the RMS norm and |P err| / (atol + rtol·RMS-scale), P the projection onto the feature directions. */
    MODE;

    /** The name on the command line and in results files. */
    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
