package org.phaseflow.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Enum constants by their command-line names ({@code toString()}), whatever the default locale. */
public final class Names {
    private Names() {}

    /** The constant named {@code value}, or IllegalArgumentException naming the option, the value and what is allowed. */
    public static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        E e = find(type, value);
        if (e != null) return e;
        throw new IllegalArgumentException(option + " '" + value + "' is not allowed (allowed: " + allowed(type) + ")");
    }

    /** The constant named {@code value}, or null. */
    public static <E extends Enum<E>> E find(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) if (e.toString().equals(value)) return e;
        return null;
    }

    /** "a, b, c". */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
}
