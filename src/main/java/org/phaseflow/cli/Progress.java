package org.phaseflow.cli;

import java.time.Duration;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a progress bar when stderr is a terminal, otherwise a plain line at most every
 * few seconds (and none for work that ends quickly); nothing under --quiet.
 */
final class Progress implements LongConsumer, AutoCloseable {
    private final ProgressBar bar;
    private final String task;
    private final boolean quiet;
    private final long max, interval, start = System.nanoTime();
    private final java.io.PrintStream err;
    private long done, lastLine = System.nanoTime();
    private volatile String extra = "";

    Progress(String task, long max, boolean quiet) { this(task, max, quiet, System.err, 5_000_000_000L); }

    /** Plain lines to {@code err}, at most one per {@code intervalNanos}. */
    Progress(String task, long max, boolean quiet, java.io.PrintStream err, long intervalNanos) {
        this.err = err;
        this.interval = intervalNanos;
        this.task = task;
        this.max = max;
        this.quiet = quiet;
        this.bar = !quiet && System.console() != null
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                        .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS).showSpeed().build()
                : null;
    }

    /** What is being done now: beside the bar, or at the end of the next plain line. */
    void extra(String message) {
        extra = message;
        if (bar != null) bar.setExtraMessage(message);
        else accept(0);   // a plain line mid-task too, when one is due
    }

    @Override
    public synchronized void accept(long n) {
        done += n;
        if (bar != null) {
            bar.stepBy(n);
            return;
        }
        long now = System.nanoTime();
        if (!quiet && now - lastLine >= interval) {
            lastLine = now;
            double el = (now - start) * 1e-9;
            double eta = done > 0 ? el * (max - done) / done : Double.NaN;
            String current = extra.isEmpty() ? "" : " (" + extra + ")";
            err.printf("%s: %.0f %% done, %s elapsed, ~%s left%s%n", task, 100.0 * done / max, fmt(el), fmt(eta), current);
        }
    }

    static String fmt(double seconds) {
        if (Double.isNaN(seconds)) return "?";
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
