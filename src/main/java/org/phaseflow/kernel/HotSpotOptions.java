package org.phaseflow.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.management.ObjectName;

/**
 * HotSpot's -XX options as the VM settled them (after ergonomics and the CPU probe), read through its
 * diagnostic MXBean: the kernel choice needs them before it may touch any incubator class. Also what
 * the JIT has compiled so far (the kernel warm-up waits for C2's code).
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

    /**
     * The methods of class {@code className} (binary name) that have C2 code (tier 4) in use now, by
     * name, from HotSpot's code list (the {@code Compiler.codelist} diagnostic command: one line
     * "id tier state Class.method(signature) [addresses]" per compiled method, state 0 = in use); empty
     * when the VM cannot be asked.
     */
    static Optional<Set<String>> compiledAtC2(String className) {
        String list;
        try {
            list = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerCodelist", new Object[] {null}, new String[] {String[].class.getName()});
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
        if (list == null) return Optional.empty();
        return Optional.of(c2Methods(list, className));
    }

    /** The parsing of {@link #compiledAtC2}, apart for tests. */
    static Set<String> c2Methods(String codelist, String className) {
        Set<String> out = new HashSet<>();
        String prefix = className + ".";
        for (String line : codelist.split("\n")) {
            String[] f = line.trim().split(" ", 5);
            if (f.length < 4 || !f[1].equals("4") || !f[2].equals("0") || !f[3].startsWith(prefix)) continue;
            int paren = f[3].indexOf('(');
            if (paren > prefix.length()) out.add(f[3].substring(prefix.length(), paren));
        }
        return out;
    }
}
