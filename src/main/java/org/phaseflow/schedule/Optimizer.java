package org.phaseflow.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.phaseflow.ensemble.Ensemble;
import org.phaseflow.integrator.Integrator;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.integrator.StepObserver;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.kernel.Kernels;
import org.phaseflow.model.ExactField;
import org.phaseflow.model.Target;
import org.phaseflow.scheduler.Workers;

/**
 * A schedule computed from the exact field and a pilot ensemble alone (docs/mathematics.md §5.8):
 * N₀ particles are integrated on a fine pilot grid; along each trajectory the velocity
 * v = b(τ, x) is evaluated at every grid point, and its rate of change |dv/dτ| = |x''| is measured
 * in two directions, the mean coordinate (1/d)·Σ x_i (the direction that carries the mode) and the
 * rest (the within-mode bulk), each relative to the ensemble's own spread in that direction at τ.
 * Where the modes differ in spread ({@link Target.Separation#SPREAD}) the radius R = |x|/√d carries the
 * mode instead (or as well): its rate of change, relative to its spread, weighted by how undecided
 * the posterior weights still are.
 * Each feature's density √I (equidistribution of Euler's local error), smoothed, gets half of the
 * steps; with a floor, τ(t) is their normalised integral; the pilot is run again on the new grid, a fixed
 * number of times. Deterministic: the same seed gives the same knots, bit for bit, for any thread count.
 */
public final class Optimizer {
    private Optimizer() {}

    /** The pilot's size: particles, steps of the pilot grid, pilot passes, and the seed. */
    public record Options(int particles, int steps, int passes, long seed, int threads) {
        public static final int PARTICLES = 64, STEPS = 500, PASSES = 2;

        public Options {
            if (particles <= 0) throw new IllegalArgumentException("--pilot-particles must be a positive integer, got " + particles);
            if (steps < 20) throw new IllegalArgumentException("--pilot-steps must be at least 20, got " + steps);
            if (passes <= 0) throw new IllegalArgumentException("--pilot-passes must be a positive integer, got " + passes);
            if (threads <= 0) throw new IllegalArgumentException("--threads must be a positive integer, got " + threads);
        }

        /** The defaults with this seed. */
        public static Options of(long seed, int threads) { return new Options(PARTICLES, STEPS, PASSES, seed, threads); }
    }

    /**
     * The schedule and what it cost. {@code tau} are the last pilot's grid points and {@code density}
     * the step density dt/dτ on each pilot interval [τ_j, τ_{j+1}] (it integrates to 1).
     */
    public record Result(double[] knotT, double[] knotTau, double[] tau, double[] density,
                         long evaluations, int pilotSteps, double seconds, String description) {
        /** The schedule through the knots. */
        public PiecewiseLinear schedule() { return PiecewiseLinear.through("optimized", knotT, knotTau); }

        /** The fraction of the steps with τ below {@code x}. */
        public double fractionBelow(double x) {
            if (x <= 0) return 0;
            if (x >= 1) return 1;
            int hi = 1;
            while (knotTau[hi] < x) hi++;
            int lo = hi - 1;
            return knotT[lo] + (knotT[hi] - knotT[lo]) * (x - knotTau[lo]) / (knotTau[hi] - knotTau[lo]);
        }
    }

    /** Knots written to the file: equally spaced in t. */
    static final int KNOTS = 256;
    /** Uniform share of the density, so that no region gets no steps. */
    static final double FLOOR = 0.05;
    /** Half-width, in pilot intervals, of the moving average that smooths the indicators. */
    static final int SMOOTH = 4;
    /** The first pilot grid is uniform in logit τ over [−L, L]: relative resolution at both ends down to e^{−L}. */
    static final double LOGIT_RANGE = 14;
    /** Offsets the pilot's noise streams from the sampler's, so the pilot particles are not the run's first ones. */
    static final long PILOT_SEED = 0x5DEECE66DL;

    /** The optimized schedule for this target, interpolant and integrator. */
    public static Result optimize(Target target, Interpolant ip, IntegratorKind integrator, Options o) {
        if (integrator.adaptive()) {
            throw new IllegalArgumentException("--integrator " + integrator + ": an adaptive scheme chooses its own steps; "
                    + "optimize a schedule for a fixed-step one (euler, heun, ddim, dpm2m, bs3)");
        }
        long start = System.nanoTime();
        double[] grid = logitGrid(o.steps());
        long evaluations = 0;
        double[] density = null;
        Pilot pilot = null;
        for (int pass = 0; pass < o.passes(); pass++) {
            pilot = pilot(target, ip, integrator, grid, o);
            evaluations += pilot.evaluations;
            density = density(grid, pilot, target.separatedBy(), integrator.order());
            if (pass + 1 < o.passes()) grid = grid(grid, density, o.steps());
        }
        double share = 0.5;
        String split = "each half of the steps";
        if (integrator.order() >= 2) {
            Split chosen = split(target, ip, integrator, grid, pilot, o);
            evaluations += chosen.evaluations();
            share = chosen.share();
            density = density(grid, pilot, target.separatedBy(), integrator.order(), share);
            split = String.format(Locale.ROOT, "the mode %.2f of the steps (probe K* %s)", share, chosen.probe());
        }
        double[] t = new double[KNOTS + 1], tau = new double[KNOTS + 1];
        knots(grid, density, t, tau);
        double seconds = (System.nanoTime() - start) * 1e-9;
        String description = String.format(Locale.ROOT,
                "optimized: equidistributed |dv/dτ| relative to the ensemble spread, %s and bulk, %s "
                        + "(docs/mathematics.md §5.8); %s %s/%s %s, d = %d, %d pilot particles × %d steps × %d passes, seed %d",
                modeIndicators(target.separatedBy()), split, target.model(), ip.family(), ip.shape(), integrator, target.dim(), o.particles(), o.steps(), o.passes(), o.seed());
        return new Result(t, tau, grid, density, evaluations, o.steps(), seconds, description);
    }

    /** The mode's shares of the steps a scheme of order p ≥ 2 chooses from, the even split first (§5.8, "Split"). */
    static final double[] SHARES = {0.5, 0.35, 0.25, 0.15};
    /** The errors the split weighs against each other: the study's default tolerances of p̂, a spread (relative) and a magnetisation. */
    static final double TOL_HIGH = 0.05, TOL_SPREAD = 0.1, TOL_M = 0.01;
    /** The probe's K grid ends here (ratio 1.5 from 2, as the study's), and a probe K passes within this fraction of each tolerance. */
    static final int PROBE_CAP = 93;
    static final double PROBE_MARGIN = 0.5;

    /** The share chosen, the probe K* of each share tried (−1: none below the cap) and the probe's field evaluations. */
    record Split(double share, String probe, long evaluations) {}

    /**
     * The mode's share of the steps for a scheme of order p ≥ 2 (docs/mathematics.md §5.8, "Split"): for
     * each share of {@link #SHARES}, the pilot particles are integrated from their own initial noise on
     * the K-step grids of that density's knots, K = 2, 3, 5, … (the study's grid), and compared with
     * their own end states on the last pilot's fine grid: p̂ by the fraction of particles whose mode
     * differs, each low-level feature by its estimate's difference, each in units of its tolerance.
     * The share kept is the one whose probe K* (the first K at which the largest of those, and at the two
     * grid K after it, is within {@link #PROBE_MARGIN}) is smallest; on a tie, the one whose largest
     * discrepancy over those three K is smallest (then the larger share).
     */
    static Split split(Target target, Interpolant ip, IntegratorKind kind, double[] grid, Pilot pilot, Options o) {
        double best = 0.5, bestWorst = Double.POSITIVE_INFINITY;
        int bestK = Integer.MAX_VALUE;
        long evaluations = 0;
        List<String> probes = new ArrayList<>();
        for (double share : SHARES) {
            double[] t = new double[KNOTS + 1], tau = new double[KNOTS + 1];
            knots(grid, density(grid, pilot, target.separatedBy(), kind.order(), share), t, tau);
            Schedule schedule = PiecewiseLinear.through("probe", t, tau);
            int run = 0, star = -1;
            double worst = 0;   // the largest discrepancy over the passing run
            for (int k = 2; k <= PROBE_CAP && run < 3; k = (int) Math.max(k + 1L, Math.round(k * 1.5))) {
                long[] evals = {0};
                Target.Outcome[] ends = ends(target, ip, kind, schedule.grid(k), o, evals);
                evaluations += evals[0];
                double e = discrepancy(target, ends, pilot.finals());
                if (e <= PROBE_MARGIN) {
                    if (run++ == 0) {
                        star = k;
                        worst = 0;
                    }
                    worst = Math.max(worst, e);
                } else {
                    run = 0;
                }
            }
            int found = run >= 3 ? star : -1;
            probes.add(String.format(Locale.ROOT, "%.2f: %d", share, found));
            // fewest steps first; on a tie, the run with the larger margin
            if (found > 0 && (found < bestK || found == bestK && worst < bestWorst)) {
                bestK = found;
                bestWorst = worst;
                best = share;
            }
        }
        return new Split(best, String.join(", ", probes), evaluations);
    }

    /**
     * The largest of p̂'s and the low-level features' differences from the reference end states, each in
     * units of its tolerance: p̂ by the fraction of particles whose mode differs (a flip in either direction
     * counts), a spread by |σ̂/σ̂_ref − 1|, a magnetisation by |m̂ − m̂_ref|.
     */
    static double discrepancy(Target target, Target.Outcome[] ends, Target.Outcome[] reference) {
        int flips = 0;
        for (int p = 0; p < ends.length; p++) if (ends[p].mode() != reference[p].mode()) flips++;
        double worst = (double) flips / ends.length / TOL_HIGH;
        for (org.phaseflow.model.Feature f : target.lowFeatures()) {
            double e = estimate(f, ends), r = estimate(f, reference);
            double diff = f.kind() == org.phaseflow.model.Feature.Kind.SPREAD ? Math.abs(e / r - 1) / TOL_SPREAD : Math.abs(e - r) / TOL_M;
            worst = Math.max(worst, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
        }
        return worst;
    }

    private static double estimate(org.phaseflow.model.Feature f, Target.Outcome[] outcomes) {
        double sum = 0;
        int n = 0;
        for (Target.Outcome o : outcomes) {
            if (!f.pools(o.mode())) continue;
            sum += o.low();
            n++;
        }
        return f.estimate(sum / n);
    }

    /** The pilot particles' end states on {@code grid}, each from its own initial noise, in particle order; their field evaluations added into {@code evals}. */
    static Target.Outcome[] ends(Target target, Interpolant ip, IntegratorKind kind, double[] grid, Options o, long[] evals) {
        int n = o.particles(), d = target.dim();
        Target.Outcome[] out = new Target.Outcome[n];
        long[] each = new long[n];
        FlowKernels kernels = Kernels.preferred();
        eachParticle(n, o, "phaseflow-probe", () -> {
            ExactField field = target.field(ip, kernels);
            Integrator integrator = kind.create(kernels);
            float[] x = new float[d], work = new float[d];
            return p -> {
                Ensemble.noise(o.seed() ^ PILOT_SEED, p, ip.s0(), x, 0, d);
                each[p] = integrator.integrate(field, ip, grid, target.singularAtOne(), x, 0, work, StepObserver.NONE);
                out[p] = target.outcome(x, 0);
            };
        });
        for (long e : each) evals[0] += e;
        return out;
    }

    /**
     * Particles 0 … n − 1 on up to {@code o.threads()} workers, each taking the next particle until none
     * is left: {@code worker} makes one worker's state (fields, integrator, arrays) and returns what it
     * does with one particle.
     */
    private static void eachParticle(int n, Options o, String name, java.util.function.Supplier<java.util.function.IntConsumer> worker) {
        AtomicInteger next = new AtomicInteger();
        int threads = Math.min(o.threads(), n);
        ExecutorService pool = Workers.pool(threads, name);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    java.util.function.IntConsumer particle = worker.get();
                    for (int p; (p = next.getAndIncrement()) < n; ) particle.accept(p);
                    return null;
                }));
            }
            for (Future<?> f : futures) Workers.await(f, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /** "mode direction", "radius while undecided" or both: the mode indicators of this target (§5.8). */
    private static String modeIndicators(Set<Target.Separation> by) {
        List<String> names = new ArrayList<>();
        if (by.contains(Target.Separation.MEAN)) names.add("mode direction");
        if (by.contains(Target.Separation.SPREAD)) names.add("radius while undecided");
        return String.join(", ", names);
    }

    /** The first pilot grid: uniform in s = logit τ on [−L, L], with τ_0 = 0 and τ_M = 1. */
    static double[] logitGrid(int steps) {
        double[] g = new double[steps + 1];
        for (int j = 1; j < steps; j++) {
            double s = -LOGIT_RANGE + 2 * LOGIT_RANGE * j / steps;
            g[j] = 1 / (1 + Math.exp(-s));
        }
        g[steps] = 1;
        return g;
    }

    /** Per-particle measurements along the pilot grid, reduced in particle order. */
    record Pilot(double[] high2, double[] bulk2, double[] spread, double[] meanQ, double[] meanQ2,
                 double[] radial2, double[] meanR, double[] meanR2, double[] undecided, Target.Outcome[] finals, long evaluations) {}

    /**
     * Integrates the pilot particles on {@code grid}; at every grid point j below τ = 1 evaluates
     * v_j = b(τ_j, x_j) with a second field instance, and records on each interval j (between v_j
     * and v_{j+1}) the squared rate of change of the mean coordinate of v and the mean square rate of
     * change of the rest, and at each point the within-particle spread (1/d)·Σ (x_i − M)² and M;
     * when the target's modes differ in spread, also the squared rate of change of the radial velocity
     * r = x·v/(|x|·√d) = dR/dτ, the radius R = |x|/√d, and 1 − max_c w_c of the posterior weights.
     */
    static Pilot pilot(Target target, Interpolant ip, IntegratorKind kind, double[] grid, Options o) {
        int n = o.particles(), d = target.dim(), steps = grid.length - 1;
        boolean singular = target.singularAtOne(), spreads = target.separatedBy().contains(Target.Separation.SPREAD);
        int modes = target.modes().size();
        double[][] high2 = new double[n][steps], bulk2 = new double[n][steps], spread = new double[n][steps + 1], mean = new double[n][steps + 1];
        double[][] radial2 = new double[n][spreads ? steps : 0],
                radius = new double[n][spreads ? steps + 1 : 0], undecided = new double[n][spreads ? steps + 1 : 0];
        long[] evals = new long[n];
        Target.Outcome[] finals = new Target.Outcome[n];
        FlowKernels kernels = Kernels.preferred();
        eachParticle(n, o, "phaseflow-pilot", () -> {
            ExactField field = target.field(ip, kernels), probe = target.field(ip, kernels);
            Integrator integrator = kind.create(kernels);
            float[] x = new float[d], work = new float[d], v = new float[d], vPrev = new float[d];
            return particle -> {
                long[] probes = {0};
                double[] post = new double[modes], radialPrev = {0};
                Ensemble.noise(o.seed() ^ PILOT_SEED, particle, ip.s0(), x, 0, d);
                StepObserver observer = (k, tau, m, xs, off) -> {
                    double s2 = 0;
                    for (int i = 0; i < d; i++) s2 += (double) xs[off + i] * xs[off + i];
                    spread[particle][k] = Math.max(0, s2 / d - m * m);
                    mean[particle][k] = m;
                    if (k == steps) finals[particle] = target.outcome(xs, off);
                    if (k == steps && singular) return;
                    probe.prepare(tau, xs, off);
                    if (spreads) {
                        if (!probe.posteriorWeights(post)) throw new IllegalStateException(target.describe() + ": its field gives no posterior weights");
                        double top = 0;
                        for (double q : post) top = Math.max(top, q);
                        undecided[particle][k] = 1 - top;
                        radius[particle][k] = Math.sqrt(s2 / d);
                    }
                    probe.combine(xs, off, v, 0, 0, 1, ip.aDa(tau), Double.NaN);
                    probes[0]++;
                    if (spreads) {
                        double xv = 0;
                        for (int i = 0; i < d; i++) xv += (double) xs[off + i] * v[i];
                        double r = s2 > 0 ? xv / Math.sqrt(s2 * d) : 0;
                        if (k > 0) {
                            double h = grid[k] - grid[k - 1];
                            radial2[particle][k - 1] = (r - radialPrev[0]) * (r - radialPrev[0]) / (h * h);
                        }
                        radialPrev[0] = r;
                    }
                    if (k > 0) {
                        double h = grid[k] - grid[k - 1], sum = 0;
                        for (int i = 0; i < d; i++) sum += (double) v[i] - vPrev[i];
                        double dm = sum / d, sq = 0;
                        for (int i = 0; i < d; i++) {
                            double e = (double) v[i] - vPrev[i] - dm;
                            sq += e * e;
                        }
                        high2[particle][k - 1] = dm * dm / (h * h);
                        bulk2[particle][k - 1] = sq / d / (h * h);
                    }
                    System.arraycopy(v, 0, vPrev, 0, d);
                };
                evals[particle] = integrator.integrate(field, ip, grid, singular, x, 0, work, observer) + probes[0];
            };
        });
        double[] h2 = new double[steps], b2 = new double[steps], sp = new double[steps + 1], mq = new double[steps + 1], mq2 = new double[steps + 1];
        double[] r2 = spreads ? new double[steps] : null,
                mr = spreads ? new double[steps + 1] : null, mr2 = spreads ? new double[steps + 1] : null, un = spreads ? new double[steps + 1] : null;
        long total = 0;
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < steps; j++) {
                h2[j] += high2[p][j] / n;
                b2[j] += bulk2[p][j] / n;
                if (spreads) r2[j] += radial2[p][j] / n;
            }
            for (int j = 0; j <= steps; j++) {
                sp[j] += spread[p][j] / n;
                mq[j] += mean[p][j] / n;
                mq2[j] += mean[p][j] * mean[p][j] / n;
                if (spreads) {
                    mr[j] += radius[p][j] / n;
                    mr2[j] += radius[p][j] * radius[p][j] / n;
                    un[j] += undecided[p][j] / n;
                }
            }
            total += evals[p];
        }
        if (singular) {   // the last interval has no velocity at τ = 1: it takes its neighbour's rates
            h2[steps - 1] = h2[steps - 2];
            b2[steps - 1] = b2[steps - 2];
            if (spreads) r2[steps - 1] = r2[steps - 2];
        }
        return new Pilot(h2, b2, sp, mq, mq2, r2, mr, mr2, un, finals, total);
    }

    /**
     * The step density dt/dτ on each pilot interval: √(|dv̄/dτ| / std M) and √(|dv⊥/dτ| / spread)
     * (for modes that differ in spread, √(|dr/dτ| / std R)·u/u(0) with u = 1 − max_c w_c, in place of
     * or beside the first with the same mass), each smoothed over ±{@link #SMOOTH} intervals and normalised to the same mass (each feature
     * gets half of the steps: K* of both is the larger of the two, so neither may starve the other),
     * plus a uniform floor of {@link #FLOOR} of the total, normalised to integrate to 1 over [0, 1].
     */
    static double[] density(double[] grid, Pilot p, Set<Target.Separation> separatedBy, int order) {
        return density(grid, p, separatedBy, order, 0.5);
    }

    /** As {@link #density(double[], Pilot, Set, int)} with the mode's indicators given {@code share} of the steps and the bulk the rest (½: the even split). */
    static double[] density(double[] grid, Pilot p, Set<Target.Separation> separatedBy, int order, double share) {
        int steps = grid.length - 1;
        double[] bulk = new double[steps];
        for (int j = 0; j < steps; j++) {
            double spread = 0.5 * (p.spread[j] + p.spread[j + 1]);
            bulk[j] = ofOrder(relativeRate(p.bulk2[j], spread), grid, j, order);
        }
        double[] high = separatedBy.contains(Target.Separation.MEAN) ? smooth(relativeRates(p.high2, p.meanQ, p.meanQ2, grid, order)) : null;
        if (separatedBy.contains(Target.Separation.SPREAD)) {
            // the radius R = |x|/√d decides; its error counts while the posterior has not chosen, 1 − max_c w_c relative to τ = 0
            double[] radius = relativeRates(p.radial2, p.meanR, p.meanR2, grid, order);
            double u0 = p.undecided[0];
            for (int j = 0; j < steps; j++) radius[j] *= u0 > 0 ? 0.5 * (p.undecided[j] + p.undecided[j + 1]) / u0 : 1;
            radius = smooth(radius);
            high = high == null ? radius : evenSplit(grid, high, radius);
        }
        bulk = smooth(bulk);
        double highMass = mass(grid, high), bulkMass = mass(grid, bulk);
        double[] rho = new double[steps];
        double mass = 0;
        for (int j = 0; j < steps; j++) {
            // 2·(s·a + (1 − s)·b): at s = ½ the even split a + b, bit for bit
            rho[j] = 2 * (share * (highMass > 0 ? high[j] / highMass : 0) + (1 - share) * (bulkMass > 0 ? bulk[j] / bulkMass : 0));
            mass += rho[j] * (grid[j + 1] - grid[j]);
        }
        double floor = mass > 0 ? FLOOR * mass / (1 - FLOOR) : 1;
        double total = 0;
        for (int j = 0; j < steps; j++) {
            rho[j] += floor;
            total += rho[j] * (grid[j + 1] - grid[j]);
        }
        for (int j = 0; j < steps; j++) rho[j] /= total;
        return rho;
    }

    /** √(RMS rate / std): √I of a mode coordinate on each interval, from its squared rates and its ensemble moments at the points, for a scheme of that order. */
    private static double[] relativeRates(double[] rate2, double[] mean, double[] mean2, double[] grid, int order) {
        double[] out = new double[rate2.length];
        for (int j = 0; j < out.length; j++) {
            double var = 0.5 * (mean2[j] - mean[j] * mean[j] + mean2[j + 1] - mean[j + 1] * mean[j + 1]);
            out[j] = ofOrder(relativeRate(rate2[j], var), grid, j, order);
        }
        return out;
    }

    private static double relativeRate(double rate2, double var) {
        double r = Math.sqrt(Math.sqrt(rate2) / Math.sqrt(Math.max(var, Double.MIN_NORMAL)));
        return Double.isFinite(r) ? r : 0;
    }

    /**
     * The density of a scheme of order p on pilot interval j from Euler's, r = √I (docs/mathematics.md §5.8,
     * "Order"): r itself for p = 1; for p ≥ 2 (I·ℓ^{1−p})^{1/(p+1)}, the p + 1-st derivative estimated as
     * I/ℓ^{p−1} on the local scale ℓ = min(distance to the nearer end, I^{−1/2}). Where one scale sets the
     * rate (ℓ = I^{−1/2}) that is r again; in a tail towards an end, where the rate decays over the distance to
     * the end, it is larger than r.
     */
    static double ofOrder(double r, double[] grid, int j, int order) {
        if (order <= 1 || r == 0) return r;
        double mid = 0.5 * (grid[j] + grid[j + 1]);
        double ell = Math.min(Math.min(mid, 1 - mid), 1 / r);
        return Math.pow(r * r * Math.pow(ell, 1 - order), 1.0 / (order + 1));
    }

    private static double mass(double[] grid, double[] a) {
        double m = 0;
        for (int j = 0; j < a.length; j++) m += a[j] * (grid[j + 1] - grid[j]);
        return m;
    }

    /** a/∫a + b/∫b: two indicators with the same mass (one that is 0 everywhere gives none). */
    private static double[] evenSplit(double[] grid, double[] a, double[] b) {
        double ma = mass(grid, a), mb = mass(grid, b);
        double[] out = new double[a.length];
        for (int j = 0; j < out.length; j++) out[j] = (ma > 0 ? a[j] / ma : 0) + (mb > 0 ? b[j] / mb : 0);
        return out;
    }

    /** A centred moving average over ±SMOOTH intervals (fewer at the ends). */
    static double[] smooth(double[] a) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            double s = 0;
            int c = 0;
            for (int i = Math.max(0, j - SMOOTH); i <= Math.min(a.length - 1, j + SMOOTH); i++, c++) s += a[i];
            out[j] = s / c;
        }
        return out;
    }

    /** t at each pilot point: the integral of the piecewise-constant density, exactly 0 and 1 at the ends. */
    static double[] cumulative(double[] grid, double[] rho) {
        int steps = grid.length - 1;
        double[] t = new double[steps + 1];
        for (int j = 0; j < steps; j++) t[j + 1] = t[j] + rho[j] * (grid[j + 1] - grid[j]);
        double end = t[steps];
        for (int j = 1; j < steps; j++) t[j] /= end;
        t[steps] = 1;
        return t;
    }

    /** τ at t, inverting the cumulative density (piecewise linear in τ between pilot points). */
    static double tauAt(double[] grid, double[] t, double s) {
        int j = java.util.Arrays.binarySearch(t, s);
        if (j >= 0) return grid[j];
        int hi = -j - 1, lo = hi - 1;
        return grid[lo] + (grid[hi] - grid[lo]) * ((s - t[lo]) / (t[hi] - t[lo]));
    }

    /** The next pilot grid: M steps equally spaced in the t of this density. */
    static double[] grid(double[] grid, double[] rho, int steps) {
        double[] t = cumulative(grid, rho), g = new double[steps + 1];
        for (int k = 1; k < steps; k++) g[k] = tauAt(grid, t, (double) k / steps);
        g[steps] = 1;
        return strictlyIncreasing(g);
    }

    /** Knots (i/KNOTS, τ(i/KNOTS)). */
    static void knots(double[] grid, double[] rho, double[] kt, double[] ktau) {
        double[] t = cumulative(grid, rho);
        for (int i = 0; i <= KNOTS; i++) {
            kt[i] = (double) i / KNOTS;
            ktau[i] = i == KNOTS ? 1 : tauAt(grid, t, kt[i]);
        }
        strictlyIncreasing(ktau);
    }

    private static double[] strictlyIncreasing(double[] g) {
        for (int k = 1; k < g.length; k++) {
            if (!(g[k] > g[k - 1])) throw new IllegalStateException("optimized grid not increasing at " + k + ": " + g[k - 1] + ", " + g[k]);
        }
        return g;
    }
}
