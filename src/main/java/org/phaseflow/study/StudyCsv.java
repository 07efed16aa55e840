package org.phaseflow.study;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.phaseflow.config.Names;
import org.phaseflow.config.Setting;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleSpec;

/**
 * The study's rows on disk (docs/formats.md): one CSV line per (setting, d, seed), appended and
 * flushed as soon as the row is known, so an interrupted study loses no finished row. Every row
 * carries the plan's fingerprint; {@code --resume} reads them back and refuses rows of another plan.
 * A mixture study has one more column, {@code low_features}: each component's spread error at every K
 * of the low-level search.
 */
public final class StudyCsv implements AutoCloseable {
    static final String[] HEADER = {"config", "model", "family", "shape", "schedule", "integrator", "dim", "seed",
            "particles_high", "particles_low", "tol_high", "noise_floor_high", "tol_low", "noise_floor_low",
            "kstar_high", "kstar_low", "kstar_both", "best_err_high", "best_k_high", "best_err_low", "best_k_low",
            "ks_high", "err_high", "ks_low", "err_low", "elapsed_s"};
    static final String LOW_FEATURES = "low_features";

    private final CSVPrinter printer;
    private final StudyPlan plan;

    private StudyCsv(CSVPrinter printer, StudyPlan plan) {
        this.printer = printer;
        this.plan = plan;
    }

    /** The columns of a plan's file. */
    static String[] header(StudyPlan plan) {
        if (plan.mixture() == null) return HEADER;
        String[] h = Arrays.copyOf(HEADER, HEADER.length + 1);
        h[HEADER.length] = LOW_FEATURES;
        return h;
    }

    /** Opens the file: a fresh one with its header, or (resume) the existing one for appending. */
    public static StudyCsv open(Path file, StudyPlan plan, boolean append) throws IOException {
        boolean fresh = !append || !Files.exists(file) || Files.size(file) == 0;
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT);
        if (fresh) {
            printer.printRecord((Object[]) header(plan));
            printer.flush();
        }
        return new StudyCsv(printer, plan);
    }

    /** The values of a row's line, without its elapsed time: what must not depend on how it was computed. */
    static List<Object> values(StudyPlan plan, Study.Row r) {
        Setting s = r.setting();
        List<Object> v = new ArrayList<>(List.of(plan.fingerprint(), s.model(), s.family(), s.shape(), s.schedule(), s.integrator(),
                r.dim(), r.seed(), plan.particlesHigh(), plan.particlesLow(), r.high().tolerance(), r.noiseFloorHigh(),
                r.low().tolerance(), r.noiseFloorLow(), k(r.high().kStar()), k(r.low().kStar()), k(r.kBoth()),
                r.high().bestError(), r.high().bestK(), r.low().bestError(), r.low().bestK(),
                ints(r.high().ks()), doubles(r.high().errors()), ints(r.low().ks()), doubles(r.low().errors())));
        return v;
    }

    /** A row's line as text, without its elapsed time (for comparisons). */
    public static String line(StudyPlan plan, Study.Row r) {
        List<Object> v = values(plan, r);
        if (plan.mixture() != null) v.add(lowFeatures(r));
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Appends one row and flushes it to disk. */
    public synchronized void write(Study.Row r) throws IOException {
        List<Object> v = values(plan, r);
        v.add(String.format("%.3f", r.elapsedSeconds()));
        if (plan.mixture() != null) v.add(lowFeatures(r));
        printer.printRecord(v);
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }

    /** Reads the rows of a study file, refusing rows written by another plan. */
    public static List<Study.Row> read(Path file, StudyPlan plan) throws IOException {
        List<Study.Row> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        String[] header = header(plan);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header).setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : format.parse(in)) {
                if (rec.size() != header.length) continue;   // a line cut short by a crash
                if (!rec.get("config").equals(plan.fingerprint())) {
                    throw new IllegalArgumentException("--resume: " + file + " was written by a different study configuration ("
                            + rec.get("config") + ", this one is " + plan.fingerprint() + "); use another --out or drop --resume");
                }
                Setting s = new Setting(Names.parse(ModelKind.class, "model", rec.get("model")),
                        Names.parse(Family.class, "family", rec.get("family")), Names.parse(Shape.class, "shape", rec.get("shape")),
                        ScheduleSpec.parse(rec.get("schedule")),
                        Names.parse(IntegratorKind.class, "integrator", rec.get("integrator")));
                rows.add(new Study.Row(s, Integer.parseInt(rec.get("dim")), Long.parseLong(rec.get("seed")),
                        result(rec, "high"), Boolean.parseBoolean(rec.get("noise_floor_high")), result(rec, "low"),
                        Boolean.parseBoolean(rec.get("noise_floor_low")),
                        plan.mixture() == null ? List.of() : lowFeatures(rec.get(LOW_FEATURES)),
                        Double.parseDouble(rec.get("elapsed_s"))));
            }
        }
        return rows;
    }

    private static KStarSearch.Result result(CSVRecord rec, String feature) {
        String k = rec.get("kstar_" + feature);
        int[] ks = rec.get("ks_" + feature).isBlank() ? new int[0]
                : Arrays.stream(rec.get("ks_" + feature).split(" ")).mapToInt(Integer::parseInt).toArray();
        return new KStarSearch.Result(k.isBlank() ? -1 : Integer.parseInt(k),
                Double.parseDouble(rec.get(feature.equals("high") ? "tol_high" : "tol_low")), ks, parseDoubles(rec.get("err_" + feature)));
    }

    /** "name=e1 e2 …;name=…". */
    private static String lowFeatures(Study.Row r) {
        return r.lowFeatures().stream().map(f -> f.name() + "=" + doubles(f.errors())).collect(Collectors.joining(";"));
    }

    private static List<Study.FeatureErrors> lowFeatures(String cell) {
        List<Study.FeatureErrors> out = new ArrayList<>();
        if (cell.isBlank()) return out;
        for (String part : cell.split(";")) {
            int eq = part.indexOf('=');
            out.add(new Study.FeatureErrors(part.substring(0, eq), parseDoubles(part.substring(eq + 1))));
        }
        return out;
    }

    private static double[] parseDoubles(String cell) {
        return cell.isBlank() ? new double[0] : Arrays.stream(cell.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String k(int k) { return k > 0 ? Integer.toString(k) : ""; }

    private static String ints(int[] v) { return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(" ")); }

    private static String doubles(double[] v) { return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" ")); }
}
