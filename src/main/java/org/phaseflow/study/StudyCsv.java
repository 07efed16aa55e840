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

/**
 * The study's rows on disk: one CSV line per (setting, d, seed), appended and flushed as soon as
 * the row is known, so an interrupted study loses no finished row. Every row carries the
 * configuration's fingerprint; {@code --resume} reads them back and refuses rows of another
 * configuration.
 */
public final class StudyCsv implements AutoCloseable {
    static final String[] HEADER = {"config", "model", "family", "shape", "schedule", "integrator", "dim", "seed",
            "particles_high", "particles_low", "tol_high", "noise_floor_high", "tol_low", "noise_floor_low",
            "kstar_high", "kstar_low", "kstar_both", "best_err_high", "best_k_high", "best_err_low", "best_k_low",
            "ks_high", "err_high", "ks_low", "err_low", "elapsed_s"};
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader(HEADER).setSkipHeaderRecord(true).get();

    private final CSVPrinter printer;
    private final StudyConfig config;

    private StudyCsv(CSVPrinter printer, StudyConfig config) {
        this.printer = printer;
        this.config = config;
    }

    /** Opens the file: a fresh one with its header, or (resume) the existing one for appending. */
    public static StudyCsv open(Path file, StudyConfig config, boolean append) throws IOException {
        boolean fresh = !append || !Files.exists(file) || Files.size(file) == 0;
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT);
        if (fresh) {
            printer.printRecord((Object[]) HEADER);
            printer.flush();
        }
        return new StudyCsv(printer, config);
    }

    /** Appends one row and flushes it to disk. */
    public synchronized void write(Study.Row r) throws IOException {
        Study.Setting s = r.setting();
        printer.printRecord(config.fingerprint(), s.model(), s.family(), s.shape(), s.schedule(), s.integrator(),
                r.dim(), r.seed(), config.particlesHigh(), config.particlesLow(), r.high().tolerance(), r.noiseFloorHigh(),
                r.low().tolerance(), r.noiseFloorLow(), k(r.high().kStar()), k(r.low().kStar()), k(r.kBoth()),
                r.high().bestError(), r.high().bestK(), r.low().bestError(), r.low().bestK(),
                ints(r.high().ks()), doubles(r.high().errors()), ints(r.low().ks()), doubles(r.low().errors()),
                String.format("%.3f", r.elapsedSeconds()));
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }

    /** Reads the rows of a study file, refusing rows written by another configuration. */
    public static List<Study.Row> read(Path file, StudyConfig config) throws IOException {
        List<Study.Row> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : FORMAT.parse(in)) {
                if (rec.size() != HEADER.length) continue;   // a line cut short by a crash
                if (!rec.get("config").equals(config.fingerprint())) {
                    throw new IllegalArgumentException("--resume: " + file + " was written by a different study configuration ("
                            + rec.get("config") + ", this one is " + config.fingerprint() + "); use another --out or drop --resume");
                }
                Study.Setting s = new Study.Setting(rec.get("model"), rec.get("family"), rec.get("shape"),
                        rec.get("schedule"), rec.get("integrator"));
                rows.add(new Study.Row(s, Integer.parseInt(rec.get("dim")), Long.parseLong(rec.get("seed")),
                        result(rec, "high"), Boolean.parseBoolean(rec.get("noise_floor_high")), result(rec, "low"),
                        Boolean.parseBoolean(rec.get("noise_floor_low")), Double.parseDouble(rec.get("elapsed_s"))));
            }
        }
        return rows;
    }

    private static KStarSearch.Result result(CSVRecord rec, String feature) {
        String k = rec.get("kstar_" + feature);
        int[] ks = rec.get("ks_" + feature).isBlank() ? new int[0]
                : Arrays.stream(rec.get("ks_" + feature).split(" ")).mapToInt(Integer::parseInt).toArray();
        double[] err = rec.get("err_" + feature).isBlank() ? new double[0]
                : Arrays.stream(rec.get("err_" + feature).split(" ")).mapToDouble(Double::parseDouble).toArray();
        return new KStarSearch.Result(k.isBlank() ? -1 : Integer.parseInt(k),
                Double.parseDouble(rec.get(feature.equals("high") ? "tol_high" : "tol_low")), ks, err);
    }

    private static String k(int k) { return k > 0 ? Integer.toString(k) : ""; }

    private static String ints(int[] v) { return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(" ")); }

    private static String doubles(double[] v) { return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" ")); }
}
