package org.phaseflow.metrics;

import java.util.Arrays;

/**
 * Counts on equal bins over [lo, hi). Values outside are counted apart (below, above; NaN above), so
 * the counts always sum to the number of values added.
 */
public final class Histogram1D {
    private final double lo, width;
    private final long[] counts;
    private long under, over;

    public Histogram1D(double lo, double hi, int bins) {
        if (bins <= 0) throw new IllegalArgumentException("bins must be a positive integer, got " + bins);
        if (!(hi > lo) || Double.isInfinite(hi - lo)) throw new IllegalArgumentException("histogram range [" + lo + ", " + hi + ") is empty or infinite");
        this.lo = lo;
        this.width = (hi - lo) / bins;
        this.counts = new long[bins];
    }

    /**
     * Bins whose width is a multiple of {@code spacing} and whose edges fall halfway between the
     * points origin + j·spacing, so each bin holds the same number of lattice points (no aliasing);
     * the range covers [lo, hi] with at most {@code bins} bins.
     */
    public static Histogram1D onLattice(double lo, double hi, int bins, double spacing, double origin) {
        if (!(spacing > 0)) throw new IllegalArgumentException("lattice spacing must be positive, got " + spacing);
        long per = Math.max(1, (long) Math.ceil((hi - lo) / bins / spacing));
        double w = per * spacing;
        double first = origin + (Math.floor((lo - origin) / spacing + 0.5) - 0.5) * spacing;
        int n = (int) Math.max(1, Math.ceil((hi - first) / w));
        return new Histogram1D(first, first + n * w, n);
    }

    public static Histogram1D of(double[] values, double lo, double hi, int bins) {
        Histogram1D h = new Histogram1D(lo, hi, bins);
        for (double v : values) h.add(v);
        return h;
    }

    public void add(double v) {
        double b = Math.floor((v - lo) / width);
        if (b < 0) under++;
        else if (b < counts.length) counts[(int) b]++;
        else if (v <= hi()) counts[counts.length - 1]++;   // rounding at the top edge
        else over++;
    }

    public int bins() { return counts.length; }
    public double lo() { return lo; }
    public double hi() { return lo + counts.length * width; }
    public double width() { return width; }
    public double edge(int b) { return lo + b * width; }
    public long count(int b) { return counts[b]; }
    public long[] counts() { return Arrays.copyOf(counts, counts.length); }
    public long under() { return under; }
    public long over() { return over; }

    /** Values inside the range. */
    public long inside() {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }

    /** Every value added: inside, below and above. */
    public long total() { return inside() + under + over; }

    /** count / (n·width): a density whose area is the fraction of the n values that fell in bin b. */
    public double density(int b, long n) { return counts[b] / (n * width); }
}
