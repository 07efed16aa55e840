package org.phaseflow.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.phaseflow.config.StudyPlan;

/**
 * Where a finished study's time went, from its rows alone: per (setting, d) the seconds, the
 * element-steps the two K* searches integrated (Σ K over the evaluated K, times N and d) and their
 * rate; then, for the costliest groups, each evaluated K's share of the work beside its error in
 * units of the tolerance; and, for the whole study, how the work splits between K that fail clearly
 * (error above twice the tolerance), K near the tolerance, and K that pass; and by each K's role
 * (below K*, K*, its confirmations), beside the least work an exact search could have done for the
 * same K* had it known the verdicts ({@link #leastExact}). A rate well below
 * {@code bench}'s for the same model and d says the time went elsewhere than the kernels.
 */
public final class StudyProfile {
    private StudyProfile() {}

    /** Errors above this many tolerances count as clearly failing. */
    static final double CLEAR = 2;

    private record Group(String label, int dim, List<Study.Row> rows) {
        double seconds() { return rows.stream().mapToDouble(Study.Row::elapsedSeconds).sum(); }
    }

    /** The element-steps one search of a row integrated at each of its K. */
    static double[] work(KStarSearch.Result r, int particles, int dim) {
        double[] w = new double[r.ks().length];
        for (int i = 0; i < w.length; i++) w[i] = (double) r.ks()[i] * particles * dim;
        return w;
    }

    /** The element-steps both searches of a row integrated. */
    static double rowWork(StudyPlan plan, Study.Row r) {
        return sum(work(r.high(), r.particlesHigh(), r.dim())) + sum(work(r.low(), r.particlesLow(), r.dim()));
    }

    /** The position of K* among the evaluated K: the start of the passing run that ends them (−1: not reached). */
    static int starIndex(KStarSearch.Result s) {
        return s.reached() ? ToleranceSearch.starPosition(s.errors(), s.tolerance(), 0) : -1;
    }

    /**
     * The least work that proves this K*, had the verdicts been known: the run from K* on, and failing K
     * below it, chosen so that every earlier window of confirm + 1 consecutive grid K holds one (no gap
     * longer than confirm + 1 between them, the first within the first window, the last just below
     * K*): the cheapest such choice, by dynamic programming over the evaluated K (all of the grid's
     * below K*, as the walk evaluates them).
     */
    static double leastExact(KStarSearch.Result s, double[] w, int star, int confirm) {
        double run = 0;
        for (int i = star; i < w.length; i++) run += w[i];
        if (star == 0) return run;
        double[] best = new double[star];
        for (int i = 0; i < star; i++) {
            best[i] = Double.POSITIVE_INFINITY;
            if (!(s.errors()[i] > s.tolerance())) continue;   // a pass refutes no window
            double before = i <= confirm ? 0 : Double.POSITIVE_INFINITY;
            for (int j = Math.max(0, i - confirm - 1); j < i; j++) before = Math.min(before, best[j]);
            best[i] = w[i] + before;
        }
        return Double.isFinite(best[star - 1]) ? run + best[star - 1] : sum(w);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    public static String text(StudyPlan plan, List<Study.Row> rows, double wallSeconds) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Study.Row r : rows) {
            groups.computeIfAbsent(r.setting().label() + " " + r.dim(), k -> new Group(r.setting().label(), r.dim(), new ArrayList<>())).rows().add(r);
        }
        double rowSeconds = rows.stream().mapToDouble(Study.Row::elapsedSeconds).sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "study profile: %d rows, %.1f s in rows (%.1f s wall); N = %d (high), %d (low) in the plan, "
                + "more in a row where the noise floor would decide (the row's own N counts)%n%n",
                rows.size(), rowSeconds, wallSeconds, plan.particlesHigh(), plan.particlesLow()));
        b.append(String.format(Locale.ROOT, "%-34s %8s %5s %6s %10s %10s %10s%n", "setting", "d", "rows", "share", "seconds",
                "el-steps", "el-steps/s"));
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingDouble(Group::seconds).reversed());
        double cumulative = 0;
        for (Group g : sorted) {
            double steps = g.rows().stream().mapToDouble(r -> rowWork(plan, r)).sum();
            cumulative += g.seconds();
            b.append(String.format(Locale.ROOT, "%-34s %8d %5d %5.1f%% %10.1f %10.3g %10.3g   (cumulative %.0f%%)%n", g.label(), g.dim(),
                    g.rows().size(), 100 * g.seconds() / rowSeconds, g.seconds(), steps, steps / g.seconds(), 100 * cumulative / rowSeconds));
        }

        // how the whole study's work splits by the verdict at each K
        double[] byVerdict = new double[3];   // clearly failing, near, passing
        double total = 0;
        for (Study.Row r : rows) {
            for (int f = 0; f < 2; f++) {
                KStarSearch.Result s = f == 0 ? r.high() : r.low();
                double[] w = work(s, f == 0 ? r.particlesHigh() : r.particlesLow(), r.dim());
                for (int i = 0; i < w.length; i++) {
                    double ratio = s.errors()[i] / s.tolerance();
                    byVerdict[ratio > CLEAR ? 0 : ratio > 1 ? 1 : 2] += w[i];
                    total += w[i];
                }
            }
        }
        b.append(String.format(Locale.ROOT, "%nwork by the verdict at each evaluated K (element-steps): error > %.0f× tolerance %.1f%%, "
                        + "between 1× and %.0f× %.1f%%, within tolerance %.1f%%%n", CLEAR, 100 * byVerdict[0] / total, CLEAR,
                100 * byVerdict[1] / total, 100 * byVerdict[2] / total));

        // how it splits by the role of each K in its search, and the least an exact search could integrate
        double[] byRole = new double[4];   // below K*, at K*, confirmations, searches that did not reach K*
        double least = 0;
        for (Study.Row r : rows) {
            for (int f = 0; f < 2; f++) {
                KStarSearch.Result s = f == 0 ? r.high() : r.low();
                double[] w = work(s, f == 0 ? r.particlesHigh() : r.particlesLow(), r.dim());
                int star = starIndex(s);
                for (int i = 0; i < w.length; i++) byRole[star < 0 ? 3 : i < star ? 0 : i == star ? 1 : 2] += w[i];
                least += star < 0 ? sum(w) : leastExact(s, w, star, plan.confirm());
            }
        }
        b.append(String.format(Locale.ROOT, "work by each K's role in its search: below K* %.1f%%, at K* %.1f%%, the %d confirmations above it %.1f%%, "
                        + "searches that did not reach K* %.1f%%%n", 100 * byRole[0] / total, 100 * byRole[1] / total, plan.confirm(),
                100 * byRole[2] / total, 100 * byRole[3] / total));
        b.append(String.format(Locale.ROOT, "an exact search told in advance which K fail would still integrate %.1f%% of this work "
                        + "(at most %.2f× less): K*, its confirmations, and the cheapest failing K that leave no earlier run of %d passes unrefuted%n",
                100 * least / total, total / least, plan.confirm() + 1));

        for (Group g : sorted.subList(0, Math.min(3, sorted.size()))) {
            b.append(String.format(Locale.ROOT, "%n%s, d = %d: each K's share of the work, and error/tolerance [min, max] over %d seed%s%n", g.label(), g.dim(),
                    g.rows().size(), g.rows().size() == 1 ? "" : "s"));
            double groupWork = g.rows().stream().mapToDouble(r -> rowWork(plan, r)).sum();   // a K's share is of both features' work
            for (int f = 0; f < 2; f++) {
                java.util.TreeSet<Integer> ns = new java.util.TreeSet<>();
                TreeMap<Integer, double[]> byK = new TreeMap<>();   // K → {work, min ratio, max ratio}
                for (Study.Row r : g.rows()) {
                    KStarSearch.Result s = f == 0 ? r.high() : r.low();
                    int particles = f == 0 ? r.particlesHigh() : r.particlesLow();
                    ns.add(particles);
                    double[] w = work(s, particles, r.dim());
                    for (int i = 0; i < w.length; i++) {
                        double ratio = s.errors()[i] / s.tolerance();
                        double[] a = byK.computeIfAbsent(s.ks()[i], k -> new double[] {0, Double.POSITIVE_INFINITY, 0});
                        a[0] += w[i];
                        a[1] = Math.min(a[1], ratio);
                        a[2] = Math.max(a[2], ratio);
                    }
                }
                b.append(String.format(Locale.ROOT, "  %s feature (N = %s):", f == 0 ? "high-level" : "low-level",
                        ns.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
                for (var e : byK.entrySet()) {
                    double[] a = e.getValue();
                    b.append(String.format(Locale.ROOT, " K=%d %.1f%% [%.2g, %.2g];", e.getKey(), 100 * a[0] / groupWork, a[1], a[2]));
                }
                b.setLength(b.length() - 1);
                b.append(System.lineSeparator());
            }
        }
        return b.toString();
    }
}
