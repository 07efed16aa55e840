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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.phaseflow.config.Names;
import org.phaseflow.config.Setting;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.integrator.IntegratorSpec;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.ModelKind;
import org.phaseflow.schedule.ScheduleSpec;

/**
 * The study's rows on disk (docs/formats.md): one CSV line per (setting, d, seed), appended and
 * flushed as soon as the row is known, so an interrupted study loses no finished row. Every row
 * carries the plan's fingerprint; {@code --resume} reads them back and refuses rows of another plan.
 * A mixture study has one more column, {@code low_features}: each component's spread error at every K
 * of the low-level search. A study with an adaptive integrator has three more, rtol* of each feature
 * (derived from the row, so not read back); its adaptive rows hold NFE in the K columns (§7.4). Then
 * two, {@link #PILOT}, say what an optimized schedule's pilot cost, and for an adaptive plan four,
 * {@link #STEPS}, its accepted and rejected steps; {@code particles_high} and
 * {@code particles_low} are the N each row's searches sampled.
 */
public final class StudyCsv implements AutoCloseable {
    static final String[] HEADER = {"config", "model", "family", "shape", "schedule", "integrator", "dim", "seed",
            "particles_high", "particles_low", "tol_high", "noise_floor_high", "tol_low", "noise_floor_low",
            "kstar_high", "kstar_low", "kstar_both", "best_err_high", "best_k_high", "best_err_low", "best_k_low",
            "ks_high", "err_high", "ks_low", "err_low", "elapsed_s"};
    static final String LOW_FEATURES = "low_features";
    /**
     * The last columns, after every other (files written before them read as they are): the field
     * evaluations and seconds of the pilot of an optimized row's schedule (the same in every seed of
     * its setting and d, computed once); empty for any other schedule.
     */
    static final String[] PILOT = {"pilot_evaluations", "pilot_s"};
    /**
     * A plan with an adaptive integrator's last columns, after the pilot's: the accepted and rejected
     * steps per particle at each tolerance its searches evaluated (parallel to ks_high and ks_low),
     * blank on fixed-step rows.
     */
    static final String[] STEPS = {"accepted_high", "rejected_high", "accepted_low", "rejected_low"};

    private final CSVPrinter printer;
    private final StudyPlan plan;
    private final boolean pilotColumns, stepsColumns;

    private StudyCsv(CSVPrinter printer, StudyPlan plan, boolean pilotColumns, boolean stepsColumns) {
        this.printer = printer;
        this.plan = plan;
        this.pilotColumns = pilotColumns;
        this.stepsColumns = stepsColumns;
    }

    /** The columns a plan with an adaptive integrator adds (docs/formats.md): rtol* of each feature, blank on fixed-step rows. */
    static final String[] RTOL_STAR = {"rtol_star_high", "rtol_star_low", "rtol_star_both"};

    /** The columns of a plan's file. */
    static String[] header(StudyPlan plan) {
        String[] h = beforeStepsHeader(plan);
        if (!plan.adaptive()) return h;
        String[] all = Arrays.copyOf(h, h.length + STEPS.length);
        System.arraycopy(STEPS, 0, all, h.length, STEPS.length);
        return all;
    }

    /** The columns of a plan's file as written before the steps columns (the same as {@link #header} without an adaptive integrator). */
    static String[] beforeStepsHeader(StudyPlan plan) {
        String[] h = olderHeader(plan), all = Arrays.copyOf(h, h.length + PILOT.length);
        System.arraycopy(PILOT, 0, all, h.length, PILOT.length);
        return all;
    }

    /** The columns of a plan's file as written before the pilot columns (still read, and appended to as it is). */
    static String[] olderHeader(StudyPlan plan) {
        List<String> h = new ArrayList<>(List.of(HEADER));
        if (plan.mixture() != null) h.add(LOW_FEATURES);
        if (plan.adaptive()) h.addAll(List.of(RTOL_STAR));
        return h.size() == HEADER.length ? HEADER : h.toArray(String[]::new);
    }

    /** rtol* of an adaptive row's high, low and both features (blank: a fixed-step row, or not reached). */
    private static List<Object> rtolStars(StudyPlan plan, Study.Row r) {
        if (!r.setting().integrator().adaptive()) return List.of("", "", "");
        double h = ToleranceSearch.rtolStar(r.high(), plan.confirm()), l = ToleranceSearch.rtolStar(r.low(), plan.confirm());
        return List.of(rtol(h), rtol(l), h > 0 && l > 0 ? rtol(Math.min(h, l)) : "");
    }

    private static String rtol(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }

    /**
     * Opens the file: a fresh one with its header, or (resume) the existing one for appending. An
     * existing file must end with a complete line ({@link #read} reports where the complete lines end;
     * {@link #truncate} drops a cut tail), so an appended row never joins a partial one.
     */
    public static StudyCsv open(Path file, StudyPlan plan, boolean append) throws IOException {
        boolean fresh = !append || !Files.exists(file) || Files.size(file) == 0;
        if (!fresh && !endsWithNewline(file)) {
            throw new IllegalStateException(file + " does not end with a complete line; read and truncate it before appending");
        }
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT);
        if (fresh) {
            printer.printRecord((Object[]) header(plan));
            printer.flush();
        }
        String first = fresh ? "" : firstLine(file);
        return new StudyCsv(printer, plan, fresh || !first.equals(String.join(",", olderHeader(plan))),
                plan.adaptive() && (fresh || first.equals(String.join(",", header(plan)))));
    }

    private static String firstLine(Path file) throws IOException {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l = r.readLine();
            return l == null ? "" : l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) return true;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0) == '\n';
        }
    }

    /** Cuts the file to its first {@code bytes} bytes (the end of its last complete line). */
    public static void truncate(Path file, long bytes) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
        }
    }

    /** The values of a row's line, without its elapsed time: what must not depend on how it was computed. */
    static List<Object> values(StudyPlan plan, Study.Row r) {
        Setting s = r.setting();
        List<Object> v = new ArrayList<>(List.of(plan.fingerprint(), s.model(), s.family(), s.shape(), s.schedule(), s.integrator(),
                r.dim(), r.seed(), r.particlesHigh(), r.particlesLow(), r.high().tolerance(), r.noiseFloorHigh(),
                r.low().tolerance(), r.noiseFloorLow(), k(r.high().kStar()), k(r.low().kStar()), k(r.kBoth()),
                r.high().bestError(), r.high().bestK(), r.low().bestError(), r.low().bestK(),
                ints(r.high().ks()), doubles(r.high().errors()), ints(r.low().ks()), doubles(r.low().errors())));
        return v;
    }

    /** A row's line as text, without its elapsed time and its pilot's seconds (for comparisons). */
    public static String line(StudyPlan plan, Study.Row r) {
        List<Object> v = values(plan, r);
        if (plan.mixture() != null) v.add(lowFeatures(r));
        if (plan.adaptive()) v.addAll(rtolStars(plan, r));
        v.add(r.pilot() == null ? "" : r.pilot().evaluations());
        if (plan.adaptive()) v.addAll(steps(r));
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Appends one row, as one whole line in a single write, and flushes it to disk. */
    public synchronized void write(Study.Row r) throws IOException {
        List<Object> v = values(plan, r);
        v.add(String.format("%.3f", r.elapsedSeconds()));
        if (plan.mixture() != null) v.add(lowFeatures(r));
        if (plan.adaptive()) v.addAll(rtolStars(plan, r));
        if (pilotColumns) {
            v.add(r.pilot() == null ? "" : r.pilot().evaluations());
            v.add(r.pilot() == null ? "" : String.format("%.3f", r.pilot().seconds()));
        }
        if (stepsColumns) v.addAll(steps(r));
        StringBuilder line = new StringBuilder();
        try (CSVPrinter one = new CSVPrinter(line, CSVFormat.DEFAULT)) {
            one.printRecord(v);
        }
        printer.getOut().append(line);
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }

    /**
     * What {@link #read} found: the rows, the length in bytes of the file's valid part (up to the end of
     * its last complete line), and, when the file ends with a line cut short (a crash during a write),
     * which line that was (else 0).
     */
    public record Contents(List<Study.Row> rows, long validBytes, int cutLine) {}

    /** Reads the rows of a study file, refusing rows written by another plan (see {@link #contents}). */
    public static List<Study.Row> read(Path file, StudyPlan plan) throws IOException {
        return contents(file, plan).rows();
    }

    /**
     * Reads a study file for --resume. A last line without its line end (cut short by a crash) is not a
     * row: {@code cutLine} names it, and the caller truncates the file to {@code validBytes} before
     * appending, so the row is recomputed. Anything else that is not a row of this plan is refused with
     * its line number: a directory or a binary file, another header, a line of another plan, a line that
     * does not parse, a task outside the plan, a row repeated.
     */
    public static Contents contents(Path file, StudyPlan plan) throws IOException {
        List<Study.Row> rows = new ArrayList<>();
        if (!Files.exists(file)) return new Contents(rows, 0, 0);
        if (Files.isDirectory(file)) throw new IllegalArgumentException("--resume: " + file + " is a directory, not a study CSV");
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("--resume: " + file + " is not a study CSV (not UTF-8 text)");
        }
        if (text.indexOf('\0') >= 0) throw new IllegalArgumentException("--resume: " + file + " is not a study CSV (binary data)");
        String[] header = header(plan), older = olderHeader(plan), beforeSteps = beforeStepsHeader(plan);
        String headerLine = String.join(",", header), olderLine = String.join(",", older), beforeStepsLine = String.join(",", beforeSteps);
        Set<String> planned = new HashSet<>();
        for (Study.Task t : Study.tasks(plan)) planned.add(t.key());
        Map<String, Integer> seen = new HashMap<>();
        long valid = 0;
        int lineNo = 0, pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            lineNo++;
            if (nl < 0) {   // the last line has no line end: cut short by a crash
                return new Contents(rows, lineNo == 1 ? 0 : valid, lineNo);
            }
            String line = text.substring(pos, nl);
            long lineBytes = text.substring(pos, nl + 1).getBytes(StandardCharsets.UTF_8).length;
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            pos = nl + 1;
            if (lineNo == 1) {
                if (line.equals(olderLine)) {
                    header = older;   // written before the pilot columns: its rows have none
                } else if (line.equals(beforeStepsLine)) {
                    header = beforeSteps;   // written before the steps columns: its adaptive rows have no steps
                } else if (!line.equals(headerLine)) {
                    throw new IllegalArgumentException("--resume: " + file + " line 1 is not the header of this study's CSV"
                            + (line.startsWith("config,") ? " (other columns)" : "") + "; use another --out or --force");
                }
            } else {
                Study.Row r = row(file, lineNo, line, header, plan);
                String key = r.task().key();
                if (!planned.contains(key)) {
                    throw new IllegalArgumentException("--resume: " + file + " line " + lineNo + " is not a task of this plan ("
                            + r.setting().label() + " d=" + r.dim() + " seed " + r.seed() + ")");
                }
                Integer before = seen.putIfAbsent(key, lineNo);
                if (before != null) {
                    throw new IllegalArgumentException("--resume: " + file + " line " + lineNo + " repeats the row of line " + before
                            + " (" + r.setting().label() + " d=" + r.dim() + " seed " + r.seed() + "); remove one of them");
                }
                rows.add(r);
            }
            valid += lineBytes;
        }
        return new Contents(rows, valid, 0);
    }

    /** One line of the file as a row, or a one-line refusal naming the line. */
    private static Study.Row row(Path file, int lineNo, String line, String[] header, StudyPlan plan) throws IOException {
        String where = "--resume: " + file + " line " + lineNo;
        List<CSVRecord> recs;
        try {
            recs = CSVFormat.DEFAULT.builder().setHeader(header).get().parse(new java.io.StringReader(line)).getRecords();
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(where + " is not a study row (" + e.getMessage() + ")");
        }
        if (recs.size() != 1 || recs.getFirst().size() != header.length) {
            throw new IllegalArgumentException(where + " is not a study row (" + (recs.isEmpty() ? 0 : recs.getFirst().size())
                    + " fields, a row has " + header.length + ")");
        }
        CSVRecord rec = recs.getFirst();
        if (!rec.get("config").equals(plan.fingerprint())) {
            throw new IllegalArgumentException("--resume: " + file + " was written by a different study configuration ("
                    + rec.get("config") + " on line " + lineNo + ", this one is " + plan.fingerprint() + "); use another --out or drop --resume");
        }
        try {
            Setting s = new Setting(Names.parse(ModelKind.class, "model", rec.get("model")),
                    Names.parse(Family.class, "family", rec.get("family")), Names.parse(Shape.class, "shape", rec.get("shape")),
                    ScheduleSpec.parse(rec.get("schedule")),
                    IntegratorSpec.parse(rec.get("integrator")));
            return new Study.Row(s, Integer.parseInt(rec.get("dim")), Long.parseLong(rec.get("seed")),
                    result(rec, "high"), bool(rec.get("noise_floor_high")), result(rec, "low"),
                    bool(rec.get("noise_floor_low")),
                    plan.mixture() == null ? List.of() : lowFeatures(rec.get(LOW_FEATURES)),
                    Double.parseDouble(rec.get("elapsed_s")), Integer.parseInt(rec.get("particles_high")),
                    Integer.parseInt(rec.get("particles_low")), pilot(rec), steps(rec, "high"), steps(rec, "low"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a study row (" + e.getMessage() + ")");
        }
    }

    /** An adaptive row's four steps cells (blank: a fixed-step row). */
    private static List<Object> steps(Study.Row r) {
        if (r.stepsHigh() == null) return List.of("", "", "", "");
        return List.of(doubles(r.stepsHigh().accepted()), doubles(r.stepsHigh().rejected()),
                doubles(r.stepsLow().accepted()), doubles(r.stepsLow().rejected()));
    }

    /** A search's steps, null when its cells are blank or the file has no such columns. */
    private static Study.Steps steps(CSVRecord rec, String feature) {
        if (!rec.isMapped("accepted_" + feature) || rec.get("accepted_" + feature).isBlank()) return null;
        return new Study.Steps(parseDoubles(rec.get("accepted_" + feature)), parseDoubles(rec.get("rejected_" + feature)));
    }

    /** The pilot of a row, null when its cells are empty or the file has no such columns. */
    private static Study.Pilot pilot(CSVRecord rec) {
        if (!rec.isMapped(PILOT[0]) || rec.get(PILOT[0]).isBlank()) return null;
        return new Study.Pilot(Long.parseLong(rec.get(PILOT[0])), Double.parseDouble(rec.get(PILOT[1])));
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException("'" + v + "' is not true or false");
        return Boolean.parseBoolean(v);
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
