package org.phaseflow.model;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as people read them in labels and one-line descriptions. */
public final class Format {
    private Format() {}

    /** Four significant digits, no trailing zeros; integers as integers. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        if (!Double.isFinite(v)) return Double.toString(v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** An estimate's symbol: the hat on the first letter, as in σ̂ or σ̂₁. */
    public static String hat(String symbol) {
        return symbol.isEmpty() ? symbol : symbol.charAt(0) + "\u0302" + symbol.substring(1);
    }

    /** A subscript index, as in σ₁. */
    public static String subscript(int i) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(i).toCharArray()) b.append((char) ('₀' + (c - '0')));
        return b.toString();
    }
}
