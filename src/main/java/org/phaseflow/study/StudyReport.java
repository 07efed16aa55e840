package org.phaseflow.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.phaseflow.config.Setting;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.config.ToleranceGrid;
import org.phaseflow.model.Feature;

/**
 * What a study's rows say: the median K* per (setting, feature, d) over seeds and the fitted
 * exponent γ in K* ∝ d^γ with its confidence interval; with {@link Cost#NFE} the same for NFE*, the
 * field evaluations at K*.
 */
public final class StudyReport {
    private StudyReport() {}

    /** The features of every study; a mixture adds one per component spread, named by the target. */
    public static final List<String> FEATURES = List.of("high", "low", "both");

    /**
     * One fitted curve; {@code kStar} maps d to the K* of each seed (−1: not reached), counted in
     * {@code cost} (NFE*, the evaluations at K*, with {@link Cost#NFE}); {@code what} says in words
     * which feature it is (from the target's own features); {@code cap} is the grid's cap in the same count.
     */
    public record Curve(Setting setting, String feature, String what, TreeMap<Integer, int[]> kStar,
                        java.util.Set<Integer> noiseFloor, ExponentFit.Exponent exponent, Cost cost, int cap) {

        /** Median K* over the seeds that reached it, or −1 when none did. */
        public double median(int dim) {
            int[] ks = Arrays.stream(kStar.get(dim)).filter(k -> k > 0).sorted().toArray();
            if (ks.length == 0) return -1;
            return ks.length % 2 == 1 ? ks[ks.length / 2] : 0.5 * (ks[ks.length / 2 - 1] + ks[ks.length / 2]);
        }

        /** Seeds that did not reach tolerance at d. */
        public long unreached(int dim) { return Arrays.stream(kStar.get(dim)).filter(k -> k <= 0).count(); }
    }

    /** K* of a feature in a row: "high", "low", "both", or the name of one low-level feature. */
    static ToIntFunction<Study.Row> feature(String f, int confirm) {
        return switch (f) {
            case "high" -> r -> r.high().kStar();
            case "low" -> r -> r.low().kStar();
            case "both" -> Study.Row::kBoth;
            default -> r -> r.lowFeatures().stream().filter(e -> e.name().equals(f)).findFirst()
                    .map(e -> r.kStar(e, confirm)).orElse(-1);
        };
    }

    /** Curves for every setting × feature present in the rows, in the plan's order, counting steps. */
    public static List<Curve> curves(StudyPlan plan, List<Study.Row> rows) { return curves(plan, rows, Cost.STEPS); }

    /** Curves for every setting × feature present in the rows, in the plan's order, counting {@code cost}. */
    public static List<Curve> curves(StudyPlan plan, List<Study.Row> rows, Cost cost) {
        List<Curve> out = new ArrayList<>();
        for (Setting s : plan.settings()) {
            // the target only: a full spec would run the optimizer of an optimized schedule for nothing
            org.phaseflow.model.Target target = plan.target(s.model()).build(plan.dims().get(0), plan.seed());
            boolean singular = target.singularAtOne();
            List<Feature> lows = target.lowFeatures();
            List<String> features = new ArrayList<>(FEATURES);
            Map<String, String> what = new LinkedHashMap<>();
            what.put("high", "the mode weight");
            String symbols = String.join(", ", lows.stream().map(Feature::symbol).toList());
            what.put("low", (lows.get(0).kind() == Feature.Kind.SPREAD ? "the within-mode spread" : "the magnetisation")
                    + (lows.size() > 1 ? "s " : " ") + symbols);
            what.put("both", "both features");
            if (lows.size() > 1) {
                for (Feature f : lows) {
                    features.add(f.name());
                    what.put(f.name(), "the spread " + f.symbol());
                }
            }
            for (String f : features) {
                ToIntFunction<Study.Row> get = feature(f, plan.confirm());
                TreeMap<Integer, int[]> byDim = new TreeMap<>();
                java.util.Set<Integer> floor = new java.util.TreeSet<>();
                List<double[]> dims = new ArrayList<>(), ks = new ArrayList<>();
                for (int i = 0; i < plan.seeds(); i++) {
                    long seed = plan.seed(i);
                    List<Double> d = new ArrayList<>(), k = new ArrayList<>();
                    for (Study.Row r : rows) {
                        if (!r.setting().equals(s) || r.seed() != seed) continue;
                        int kk = cost.of(s, singular, get.applyAsInt(r));
                        boolean nf = switch (f) {
                            case "high" -> r.noiseFloorHigh();
                            case "both" -> r.noiseFloorHigh() || r.noiseFloorLow();
                            default -> r.noiseFloorLow();
                        };
                        if (nf) floor.add(r.dim());
                        int[] slot = byDim.computeIfAbsent(r.dim(), x -> filled(plan.seeds()));
                        slot[i] = kk;
                        if (kk > 0) {
                            d.add((double) r.dim());
                            k.add((double) kk);
                        }
                    }
                    dims.add(d.stream().mapToDouble(Double::doubleValue).toArray());
                    ks.add(k.stream().mapToDouble(Double::doubleValue).toArray());
                }
                if (!byDim.isEmpty()) {
                    // an adaptive setting's cap is the tightest rtol, not a count (−1: none); its NFE* lie on the rtol grid, whose
                    // neighbours differ in NFE by about ratio^{1/3} for a third-order scheme (NFE ∝ rtol^{−1/3}; §7.5)
                    boolean adaptive = s.integrator().adaptive();
                    double resolution = adaptive ? Math.pow(ToleranceGrid.RATIO, 1.0 / s.integrator().kind().order()) : plan.kRatio();
                    out.add(new Curve(s, f, what.get(f), byDim, floor, ExponentFit.fit(dims, ks, resolution), cost,
                            adaptive ? -1 : cost.of(s, singular, plan.kCap())));
                }
            }
        }
        return out;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 0);
        return a;
    }

    /** The exponents as JSON-ready maps. */
    public static List<Map<String, Object>> exponents(List<Curve> curves) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Curve c : curves) {
            Map<String, Object> m = new LinkedHashMap<>();
            Setting s = c.setting();
            m.put("model", s.model().toString());
            m.put("family", s.family().toString());
            m.put("shape", s.shape().toString());
            m.put("schedule", s.schedule().toString());
            m.put("integrator", s.integrator().toString());
            m.put("feature", c.feature());
            ExponentFit.Exponent e = c.exponent();
            m.put("gamma", e == null ? null : e.gamma());
            m.put("gamma_lo", e == null || Double.isNaN(e.lo()) ? null : e.lo());
            m.put("gamma_hi", e == null || Double.isNaN(e.hi()) ? null : e.hi());
            m.put("points", e == null ? 0 : e.points());
            Map<String, Object> med = new LinkedHashMap<>();
            for (int d : c.kStar().keySet()) med.put(Integer.toString(d), c.median(d) > 0 ? c.median(d) : null);
            m.put(c.cost() == Cost.STEPS ? "kstar_median" : "nfe_star_median", med);
            Map<String, Object> un = new LinkedHashMap<>();
            for (int d : c.kStar().keySet()) if (c.unreached(d) > 0) un.put(Integer.toString(d), c.unreached(d));
            if (!un.isEmpty()) m.put("seeds_not_reached", un);
            if (!c.noiseFloor().isEmpty()) m.put("noise_floor_dims", c.noiseFloor());
            out.add(m);
        }
        return out;
    }

    /**
     * A table a person reads at a glance: K* (median over seeds) per d and γ with its 95 % interval;
     * NFE* in place of K* for curves counted in {@link Cost#NFE}. {@code cap} is the grid's cap in steps.
     */
    public static String table(List<Curve> curves, List<Integer> dims, int cap) {
        StringBuilder sb = new StringBuilder();
        boolean nfe = !curves.isEmpty() && curves.get(0).cost() == Cost.NFE;
        if (nfe) sb.append("NFE*: field evaluations per sample at K*; γ in NFE* ∝ d^γ\n");
        int width = Math.max(5, curves.stream().mapToInt(c -> c.feature().length()).max().orElse(5));
        String feat = "%-" + width + "s";
        sb.append(String.format("%-34s " + feat, "configuration", "feat"));
        for (int d : dims) sb.append(String.format(" %9s", "d=" + compact(d)));
        sb.append("   γ [95% CI]\n");
        for (Curve c : curves) {
            sb.append(String.format("%-34s " + feat, c.setting().label(), c.feature()));
            for (int d : dims) {
                if (!c.kStar().containsKey(d)) {
                    sb.append(String.format(" %9s", ""));
                    continue;
                }
                double med = c.median(d);
                String cell = med < 0 ? (c.cap() > 0 ? ">" + c.cap() : "n.r.") : (med == Math.rint(med) ? Integer.toString((int) med) : String.format("%.1f", med));
                if (med > 0 && c.unreached(d) > 0) cell += "+";
                if (c.noiseFloor().contains(d)) cell += "*";
                sb.append(String.format(" %9s", cell));
            }
            ExponentFit.Exponent e = c.exponent();
            if (e == null) sb.append("   —");
            else if (Double.isNaN(e.lo())) sb.append(String.format("   %+.2f", e.gamma()));
            else sb.append(String.format("   %+.2f [%+.2f, %+.2f]", e.gamma(), e.lo(), e.hi()));
            sb.append('\n');
        }
        sb.append(String.format("%s: median over seeds; >%s: not reached by the cap; +: some seeds did not reach it "
                + "(the median and γ use those that did);%n*: the noise floor decided: even " + Study.MAX_PARTICLE_FACTOR + "× the plan's N "
                + "left 3 standard errors of the feature above the tolerance at that d, which was raised to them.%n", nfe ? "NFE*" : "K*", nfe ? "NFE(K cap " + cap + ")" : Integer.toString(cap)));
        if (curves.stream().anyMatch(c -> c.setting().integrator().adaptive())) {
            sb.append(String.format("Adaptive rows (bs3a): NFE* is the mean field evaluations per sample at rtol*, the first rtol of the grid %s "
                    + "within tolerance there and at the next tighter ones; n.r.: not reached by rtol %.2g.%n", ToleranceGrid.describe(),
                    ToleranceGrid.rtol(ToleranceGrid.COUNT - 1)));
        }
        return sb.toString();
    }

    /** rtol* of an adaptive row's feature ("high", "low", "both"), NaN when not reached. */
    static double rtolStar(Study.Row r, String feature, int confirm) {
        double h = ToleranceSearch.rtolStar(r.high(), confirm), l = ToleranceSearch.rtolStar(r.low(), confirm);
        return switch (feature) {
            case "high" -> h;
            case "low" -> l;
            default -> Double.isNaN(h) || Double.isNaN(l) ? Double.NaN : Math.min(h, l);
        };
    }

    /** The median rtol* over the seeds that reached it, per adaptive setting, feature and d (NaN: none did). */
    static Map<String, Map<String, Map<Integer, Double>>> rtolMedians(StudyPlan plan, List<Study.Row> rows) {
        Map<String, Map<String, Map<Integer, Double>>> out = new LinkedHashMap<>();
        for (Setting s : plan.settings()) {
            if (!s.integrator().adaptive()) continue;
            for (String f : FEATURES) {
                for (int d : plan.dims()) {
                    double[] v = rows.stream().filter(r -> r.setting().equals(s) && r.dim() == d).mapToDouble(r -> rtolStar(r, f, plan.confirm()))
                            .filter(x -> !Double.isNaN(x)).sorted().toArray();
                    if (rows.stream().noneMatch(r -> r.setting().equals(s) && r.dim() == d)) continue;
                    double med = v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : Math.sqrt(v[v.length / 2 - 1] * v[v.length / 2]);
                    out.computeIfAbsent(s.label(), k -> new LinkedHashMap<>()).computeIfAbsent(f, k -> new java.util.TreeMap<>()).put(d, med);
                }
            }
        }
        return out;
    }

    /** The JSON form of {@link #rtolMedians}: one map per adaptive setting and feature, d → median rtol* (null: not reached). */
    public static List<Map<String, Object>> rtolStars(StudyPlan plan, List<Study.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        rtolMedians(plan, rows).forEach((label, byFeature) -> byFeature.forEach((f, byDim) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", label);
            m.put("feature", f);
            Map<String, Object> med = new LinkedHashMap<>();
            byDim.forEach((d, v) -> med.put(Integer.toString(d), Double.isNaN(v) ? null : v));
            m.put("rtol_star_median", med);
            out.add(m);
        }));
        return out;
    }

    /** A table of the median rtol* of the adaptive settings (empty when the plan has none). */
    public static String rtolTable(StudyPlan plan, List<Study.Row> rows) {
        var medians = rtolMedians(plan, rows);
        if (medians.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(String.format("%nrtol* (median over seeds; the NFE* above are the evaluations there)%n"));
        sb.append(String.format("%-34s %-5s", "configuration", "feat"));
        for (int d : plan.dims()) sb.append(String.format(" %9s", "d=" + compact(d)));
        sb.append('\n');
        medians.forEach((label, byFeature) -> byFeature.forEach((f, byDim) -> {
            sb.append(String.format("%-34s %-5s", label, f));
            for (int d : plan.dims()) {
                Double v = byDim.get(d);
                sb.append(String.format(" %9s", v == null ? "" : Double.isNaN(v) ? "n.r." : String.format("%.2e", v)));
            }
            sb.append('\n');
        }));
        return sb.toString();
    }

    /**
     * The lines after the table that say what the rows cost beyond their K: the particles N of each
     * search per model and d (the plan's, raised where the noise floor would decide: docs/mathematics.md
     * §7.2), and, when the plan has optimized schedules, their pilots' field evaluations and seconds per
     * (setting, d), each pilot counted once though every seed of its (setting, d) uses it (§5.8).
     */
    public static String legend(StudyPlan plan, List<Study.Row> rows, List<Integer> dims) {
        StringBuilder sb = new StringBuilder();
        Map<String, TreeMap<Integer, Integer>> n = new LinkedHashMap<>();
        for (Study.Row r : rows) {
            n.computeIfAbsent(r.setting().model() + " high", x -> new TreeMap<>()).putIfAbsent(r.dim(), r.particlesHigh());
            n.computeIfAbsent(r.setting().model() + " low", x -> new TreeMap<>()).putIfAbsent(r.dim(), r.particlesLow());
        }
        if (n.isEmpty()) return "";
        sb.append(String.format("N: particles of each search, the plan's (high %d, low %d) or more where 3 standard errors of exact samples "
                + "would exceed the tolerance (at most %d× the plan's; beyond that, *)%n", plan.particlesHigh(), plan.particlesLow(),
                Study.MAX_PARTICLE_FACTOR));
        for (var e : n.entrySet()) {
            String[] mf = e.getKey().split(" ");
            sb.append(String.format("%-34s %-5s", "N " + mf[0], mf[1]));
            for (int d : dims) sb.append(String.format(" %9s", e.getValue().containsKey(d) ? e.getValue().get(d).toString() : ""));
            sb.append('\n');
        }
        Map<String, TreeMap<Integer, Study.Pilot>> pilots = pilots(rows);
        if (!pilots.isEmpty()) {
            long evaluations = 0;
            double seconds = 0;
            int count = 0;
            sb.append("pilot: the optimized schedules' pilots, one per setting and d, shared by its seeds (field evaluations; seconds)\n");
            for (var e : pilots.entrySet()) {
                StringBuilder ev = new StringBuilder(String.format("%-34s %-5s", e.getKey(), "evals")),
                        sec = new StringBuilder(String.format("%-34s %-5s", "", "s"));
                for (int d : dims) {
                    Study.Pilot p = e.getValue().get(d);
                    ev.append(String.format(" %9s", p == null ? "" : String.format("%.3g", (double) p.evaluations())));
                    sec.append(String.format(" %9s", p == null ? "" : String.format("%.2f", p.seconds())));
                    if (p != null) {
                        evaluations += p.evaluations();
                        seconds += p.seconds();
                        count++;
                    }
                }
                sb.append(ev).append('\n').append(sec).append('\n');
            }
            sb.append(String.format("pilots in all: %d, %.3g field evaluations, %.1f s (not part of K* or NFE*; the rows' CSV columns "
                    + "pilot_evaluations, pilot_s)%n", count, (double) evaluations, seconds));
        }
        Map<String, TreeMap<Integer, double[]>> steps = stepsAtStar(rows, plan.confirm());
        if (!steps.isEmpty()) {
            sb.append("steps: an adaptive search's accepted/rejected steps per particle at NFE*, median over seeds "
                    + "(every evaluated tolerance in the CSV columns accepted_*, rejected_*)\n");
            for (var e : steps.entrySet()) {
                int cut = e.getKey().lastIndexOf(' ');
                sb.append(String.format("%-34s %-5s", e.getKey().substring(0, cut), e.getKey().substring(cut + 1)));
                for (int d : dims) {
                    double[] a = e.getValue().get(d);
                    sb.append(String.format(" %9s", a == null ? "" : String.format("%.1f/%.1f", a[0], a[1])));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The accepted and rejected steps per particle at NFE* of each adaptive search that reached it, the
     * medians over seeds, by "LABEL FEATURE" (high, low) and d.
     */
    static Map<String, TreeMap<Integer, double[]>> stepsAtStar(List<Study.Row> rows, int confirm) {
        Map<String, TreeMap<Integer, List<double[]>>> all = new LinkedHashMap<>();
        for (Study.Row r : rows) {
            if (r.stepsHigh() == null) continue;
            for (String f : new String[] {"high", "low"}) {
                KStarSearch.Result res = f.equals("high") ? r.high() : r.low();
                double[] at = (f.equals("high") ? r.stepsHigh() : r.stepsLow()).atStar(res, confirm);
                if (at != null) all.computeIfAbsent(r.setting().label() + " " + f, x -> new TreeMap<>()).computeIfAbsent(r.dim(), x -> new ArrayList<>()).add(at);
            }
        }
        Map<String, TreeMap<Integer, double[]>> out = new LinkedHashMap<>();
        all.forEach((key, byDim) -> byDim.forEach((d, list) -> out.computeIfAbsent(key, x -> new TreeMap<>())
                .put(d, new double[] {median(list, 0), median(list, 1)})));
        return out;
    }

    private static double median(List<double[]> list, int i) {
        double[] v = list.stream().mapToDouble(a -> a[i]).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** The pilot of each optimized (setting, d), by setting label and d (the same for every seed of it). */
    static Map<String, TreeMap<Integer, Study.Pilot>> pilots(List<Study.Row> rows) {
        Map<String, TreeMap<Integer, Study.Pilot>> out = new LinkedHashMap<>();
        for (Study.Row r : rows) {
            if (r.pilot() != null) out.computeIfAbsent(r.setting().label(), x -> new TreeMap<>()).putIfAbsent(r.dim(), r.pilot());
        }
        return out;
    }

    /** study.json's "particles" (model → feature → d → N) and "pilots" (one per optimized setting and d) with their totals. */
    public static Map<String, Object> costs(StudyPlan plan, List<Study.Row> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Integer>>> n = new LinkedHashMap<>();
        for (Study.Row r : rows) {
            var m = n.computeIfAbsent(r.setting().model().toString(), x -> new LinkedHashMap<>());
            m.computeIfAbsent("high", x -> new LinkedHashMap<>()).putIfAbsent(Integer.toString(r.dim()), r.particlesHigh());
            m.computeIfAbsent("low", x -> new LinkedHashMap<>()).putIfAbsent(Integer.toString(r.dim()), r.particlesLow());
        }
        out.put("particles", n);
        List<Map<String, Object>> list = new ArrayList<>();
        long evaluations = 0;
        double seconds = 0;
        for (var e : pilots(rows).entrySet()) {
            for (var p : e.getValue().entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("setting", e.getKey());
                m.put("dim", p.getKey());
                m.put("evaluations", p.getValue().evaluations());
                m.put("seconds", p.getValue().seconds());
                list.add(m);
                evaluations += p.getValue().evaluations();
                seconds += p.getValue().seconds();
            }
        }
        if (!list.isEmpty()) {
            out.put("pilots", list);
            out.put("pilot_evaluations_total", evaluations);
            out.put("pilot_s_total", seconds);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        stepsAtStar(rows, plan.confirm()).forEach((key, byDim) -> byDim.forEach((d, a) -> {
            int cut = key.lastIndexOf(' ');
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", key.substring(0, cut));
            m.put("feature", key.substring(cut + 1));
            m.put("dim", d);
            m.put("accepted_median", a[0]);
            m.put("rejected_median", a[1]);
            steps.add(m);
        }));
        if (!steps.isEmpty()) out.put("steps_at_nfe_star", steps);
        return out;
    }

    static String compact(int d) {
        int e = (int) Math.round(Math.log10(d));
        return Math.pow(10, e) == d ? "1e" + e : Integer.toString(d);
    }
}
