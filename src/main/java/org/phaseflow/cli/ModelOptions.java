package org.phaseflow.cli;

import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.integrator.Integrators;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Schedule;
import org.phaseflow.schedule.Schedules;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import picocli.CommandLine.Option;

/** The options that fix one sampling configuration, shared by sample and trajectory. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "gm", description = "gm (two-mode Gaussian mixture) or cw (Curie–Weiss). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--family", defaultValue = "vp", description = "vp (s0 = 1) or ve (s0 = √d). Default: ${DEFAULT-VALUE}.")
    String family;

    @Option(names = "--shape", description = "trig or linear noise level a(τ). Default: trig for GM with VP, linear otherwise (the paper's choices).")
    String shape;

    @Option(names = "--s0", description = "Initial noise scale, overriding the family's (VP: 1, VE: √d).")
    Double s0;

    @Option(names = "--schedule", defaultValue = "dilated", description = "uniform, dilated (the paper's) or cosine (τ = sin(πt/2), for comparison). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--k", defaultValue = "3", description = "Width parameter of the dilated schedule. Default: ${DEFAULT-VALUE}.")
    double k;

    @Option(names = "--integrator", defaultValue = "euler", description = "euler, heun or ddim. Default: ${DEFAULT-VALUE}.")
    String integrator;

    @Option(names = "--dim", defaultValue = "10000", description = "Dimension d. Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--particles", defaultValue = "2000", description = "Number of samples N. Default: ${DEFAULT-VALUE}.")
    int particles;

    @Option(names = "--steps", defaultValue = "100", description = "Number of integration steps K. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: it fixes every number, whatever the thread count. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Option(names = "--p", description = "GM: weight of the + mode. Default: 0.8.")
    Double p;

    @Option(names = "--m", description = "GM: mode mean scale, μ± = ±m·u. Default: 1.")
    Double m;

    @Option(names = "--sigma", description = "GM: within-mode standard deviation. Default: 0.1.")
    Double sigma;

    @Option(names = "--direction", defaultValue = "ones", description = "GM: u = ones, or a fixed random ±1 vector (random). Default: ${DEFAULT-VALUE}.")
    String direction;

    @Option(names = "--mixture", description = "GM: a general mixture from a JSON file ({\"components\": [{\"weight\": w, \"mean\": number or d numbers, \"sigma\": number or d numbers}, …]}) instead of the two-mode preset; p̂ is then the weight of component 0.")
    java.nio.file.Path mixture;

    @Option(names = "--beta", description = "CW: inverse temperature, above 1. Default: 2.")
    Double beta;

    @Option(names = "--h", description = "CW: field h; mode weights W± ∝ e^{±hm}. Default: ½·ln 4.")
    Double h;

    static String oneOf(String option, String value, String... allowed) {
        for (String a : allowed) if (a.equals(value)) return value;
        throw new IllegalArgumentException(option + " '" + value + "' is not allowed (allowed: " + String.join(", ", allowed) + ")");
    }

    static int positive(String option, int v) {
        if (v <= 0) throw new IllegalArgumentException(option + " must be a positive integer, got " + v);
        return v;
    }

    public int threads() {
        return positive("--threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    public Shape shape() {
        if (shape != null) return Shape.valueOf(oneOf("--shape", shape, "trig", "linear").toUpperCase());
        return model.equals("gm") && family.equals("vp") ? Shape.TRIG : Shape.LINEAR;
    }

    /** Validates every option and builds the configuration; throws IllegalArgumentException naming the option. */
    public RunSpec spec() {
        oneOf("--model", model, "gm", "cw");
        Family fam = Family.valueOf(oneOf("--family", family, "vp", "ve").toUpperCase());
        Shape sh = shape();
        oneOf("--schedule", schedule, "uniform", "dilated", "cosine");
        oneOf("--integrator", integrator, Integrators.NAMES.split(", "));
        positive("--dim", dim);
        positive("--particles", particles);
        positive("--steps", steps);
        int t = threads();
        Target target = target();
        Interpolant ip = s0 == null ? Interpolant.of(sh, fam, dim) : new Interpolant(sh, fam, positiveReal("--s0", s0));
        Schedule sched = Schedules.create(schedule, ip, dim, k);
        if (steps < sched.minSteps()) {
            throw new IllegalArgumentException("--steps " + steps + ": the " + schedule + " schedule has "
                    + sched.minSteps() + " phases and needs at least that many steps");
        }
        return new RunSpec(target, ip, sched, integrator, particles, seed, t);
    }

    private static double positiveReal(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(option + " must be positive and finite, got " + v);
        return v;
    }

    Target target() {
        if (model.equals("gm")) {
            if (beta != null) throw new IllegalArgumentException("--beta applies to --model cw only");
            if (h != null) throw new IllegalArgumentException("--h applies to --model cw only");
            if (mixture != null) {
                if (p != null || m != null || sigma != null || !direction.equals("ones")) {
                    throw new IllegalArgumentException("--mixture " + mixture + " replaces --p, --m, --sigma and --direction; give one or the other");
                }
                Sampler.requireHeap(8L * dim, "--mixture with --dim " + dim, "lower --dim");
                return MixtureFile.read(mixture, dim);
            }
            double pp = p == null ? 0.8 : p, mm = m == null ? 1 : m, ss = sigma == null ? 0.1 : sigma;
            return switch (oneOf("--direction", direction, "ones", "random")) {
                case "ones" -> TwoModeMixture.ones(dim, pp, mm, ss);
                default -> {
                    Sampler.requireHeap(4L * dim, "--direction random with --dim " + dim, "lower --dim");
                    yield TwoModeMixture.randomDirection(dim, pp, mm, ss, seed ^ 0x5DEECE66DL);
                }
            };
        }
        if (p != null || m != null || sigma != null || mixture != null) {
            throw new IllegalArgumentException("--p, --m, --sigma and --mixture apply to --model gm only");
        }
        return new CurieWeiss(dim, beta == null ? 2 : beta, h == null ? CurieWeiss.PAPER_H : h);
    }
}
