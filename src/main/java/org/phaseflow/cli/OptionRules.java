package org.phaseflow.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The one rule of every command: an option given on the command line that does not apply to what the
 * run holds is refused, in one line naming it, its value and what it applies to, instead of being
 * ignored. "Given" is what picocli matched, never a comparison with the default. The run is a
 * {@link Scope}: one model, schedule and integrator for sample, trajectory and optimize, a study
 * plan's lists for study (where an option applies when any of its settings uses it). The ranges in
 * which a value means something are the other half ({@code config/Limits}).
 */
final class OptionRules {
    private OptionRules() {}

    /**
     * What a run holds.
     *
     * @param plural     whether the options are a study's lists (--models, --schedules, --integrators)
     * @param mixture    the --mixture file replacing the two-mode GM preset, or null
     * @param schedules  the schedules, or none when the command has no --schedule (then --k is its own matter)
     */
    record Scope(boolean plural, Set<ModelKind> models, String mixture, List<ScheduleSpec> schedules, Set<IntegratorKind> integrators) {
        static Scope run(ModelKind model, String mixture, ScheduleSpec schedule, IntegratorKind integrator) {
            return new Scope(false, Set.of(model), mixture, schedule == null ? List.of() : List.of(schedule),
                    integrator == null ? Set.of() : Set.of(integrator));
        }

        boolean has(ModelKind m) { return models.contains(m); }

        private String option(String name) { return "--" + name + (plural ? "s " : " "); }

        /** "--model cw", "--models gm,cw": what the run holds, as the user gave it. */
        String modelsGiven() { return option("model") + join(models); }

        String schedulesGiven() { return option("schedule") + join(schedules); }

        String integratorsGiven() { return option("integrator") + join(integrators); }
    }

    /** Refuses the first option matched in {@code parsed} that does not apply to {@code scope}. */
    static void check(ParseResult parsed, Scope scope) {
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName(), why = why(name, scope);
            if (why != null) throw new IllegalArgumentException(name + given(o) + why);
        }
    }

    /**
     * Refuses every option matched in {@code parsed} but those in {@code allowed} when {@code option}
     * is given: {@code reason} says why (e.g. --plan, which fixes every number of a study).
     */
    static void exclusive(ParseResult parsed, String option, Set<String> allowed, String reason) {
        if (!parsed.hasMatchedOption(option)) return;
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName();
            if (!name.equals(option) && !allowed.contains(name) && !o.usageHelp() && !o.versionHelp()) {
                throw new IllegalArgumentException(name + given(o) + " does not apply with " + option + given(parsed.matchedOption(option))
                        + ", " + reason + "; leave it out");
            }
        }
    }

    /** Refuses {@code option} when {@code needed} is not given: it applies only with it. */
    static void needs(ParseResult parsed, String option, String needed, String what) {
        if (parsed.hasMatchedOption(option) && !parsed.hasMatchedOption(needed)) {
            throw new IllegalArgumentException(option + given(parsed.matchedOption(option)) + " applies with " + needed + " only (" + what + "); "
                    + "leave it out or give " + needed);
        }
    }

    /** Why an option does not apply to this scope, or null when it does (or is not one of the options that depend on the run). */
    static String why(String option, Scope s) {
        return switch (option) {
            case "--p", "--m", "--sigma", "--direction" -> !s.has(ModelKind.GM)
                    ? " applies to the two-mode GM (--model gm) only, not to " + s.modelsGiven() + "; leave it out"
                    : s.mixture() != null
                    ? " does not apply with --mixture " + s.mixture() + ", which replaces the two-mode preset's --p, --m, --sigma and --direction; give one or the other"
                    : null;
            case "--mixture", "--tol-sigma" -> s.has(ModelKind.GM) ? null : " applies to --model gm only, not to " + s.modelsGiven() + "; leave it out";
            case "--beta", "--h", "--tol-m" -> s.has(ModelKind.CW) ? null : " applies to --model cw only, not to " + s.modelsGiven() + "; leave it out";
            case "--final-states" -> s.has(ModelKind.GM) ? null
                    : " applies to a Gaussian target (--model gm), whose final picture has a within-mode histogram, not to " + s.modelsGiven() + "; leave it out";
            case "--k" -> s.schedules().isEmpty() || s.schedules().stream().anyMatch(ScheduleSpec::usesK) ? null
                    : " applies to a schedule with a width parameter (dilated) only, not to " + s.schedulesGiven() + "; leave it out";
            case "--rtol", "--atol", "--error-norm" -> s.integrators().stream().anyMatch(IntegratorKind::adaptive) ? null
                    : " applies to an adaptive integrator (bs3a) only, not to " + s.integratorsGiven() + "; leave it out";
            case "--step-density" -> s.integrators().contains(IntegratorKind.BS3A) ? null
                    : " applies to --integrator bs3a only (it draws where the adaptive controller put its accepted steps), not to "
                    + s.integratorsGiven() + "; leave it out or give --integrator bs3a";
            default -> null;
        };
    }

    /** " VALUE" as typed, or "" for a flag. */
    private static String given(OptionSpec o) {
        String v = value(o);
        return v.isEmpty() ? "" : " " + v;
    }

    private static String value(OptionSpec o) {
        return o.arity().max() == 0 ? "" : String.join(",", o.originalStringValues());
    }

    private static String join(Collection<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
