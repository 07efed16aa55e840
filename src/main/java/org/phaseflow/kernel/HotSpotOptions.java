package org.phaseflow.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * HotSpot's -XX options as the VM settled them (after ergonomics and the CPU probe), read through its
 * diagnostic MXBean: the kernel choice needs them before it may touch any incubator class.
 */
final class HotSpotOptions {
    private HotSpotOptions() {}

    /** The option's value; empty when the VM has no such option or cannot be asked (not HotSpot, no jdk.management). */
    static Optional<String> get(String name) {
        try {
            return Optional.of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** A boolean option, or empty as {@link #get}. */
    static Optional<Boolean> flag(String name) { return get(name).map(Boolean::parseBoolean); }

    /** An integer option, or empty as {@link #get}. */
    static Optional<Integer> number(String name) {
        try {
            return get(name).map(Integer::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
