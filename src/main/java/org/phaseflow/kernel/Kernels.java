package org.phaseflow.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Chooses the kernel implementation once, on first use: the Vector API form when the VM can run it
 * well, else the scalar form, with one log line saying which and, for the fallback, why.
 *
 * <p>This class never names an incubator type: {@link VectorKernels} is loaded by name, and only
 * after the checks below pass, so the engine runs (scalar) on a JVM started without
 * {@code --add-modules jdk.incubator.vector}. The Vector API form is refused when
 * <ul>
 *   <li>the module jdk.incubator.vector is not in the boot layer;</li>
 *   <li>there is no C2 ({@code -Xint}, {@code -XX:-UseCompiler}, {@code -XX:TieredStopAtLevel} below 4):
 *       interpreted or C1-compiled, every vector is an object and the loops run far slower than scalar;</li>
 *   <li>the VM is not HotSpot (or jdk.management is absent), so the above cannot be checked;</li>
 *   <li>the CPU has no FMA ({@code UseFMA} off): the vector kernels' fused multiply-adds would be
 *       computed in BigDecimal, lane by lane;</li>
 *   <li>the preferred vector shape is narrower than 128 bits.</li>
 * </ul>
 * System properties: {@code -Dphaseflow.kernels=scalar} forces the scalar form ({@code auto}, the
 * default, chooses); {@code -Dphaseflow.vector.bits=128|256|512} narrows the vector species below
 * the preferred one, so that tests reach those code paths on wider hardware.
 */
public final class Kernels {
    static final String KERNELS_PROPERTY = "phaseflow.kernels", BITS_PROPERTY = "phaseflow.vector.bits";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.phaseflow.kernel.VectorKernels";
    private static final String MODULE_ABSENT = "the Vector API module " + VECTOR_MODULE
            + " is not present (run with --add-modules " + VECTOR_MODULE + ")";
    private static final Logger LOG = Logger.getLogger(Kernels.class.getName());

    // chosen on first use rather than in a static initialiser, so that a bad property value reaches
    // the caller as the IllegalArgumentException it is, not as an ExceptionInInitializerError
    private static volatile FlowKernels preferred;

    private Kernels() {}

    /** The implementation chosen for this JVM (chosen, and logged, on the first call). */
    public static FlowKernels preferred() {
        FlowKernels k = preferred;
        if (k == null) {
            synchronized (Kernels.class) {
                k = preferred;
                if (k == null) preferred = k = choose();
            }
        }
        return k;
    }

    /** True when the Vector API form was selected. */
    public static boolean vectorized() { return !(preferred() instanceof ScalarKernels); }

    /**
     * Whether a step loop of the chosen kernels (the methods a step runs over a particle: {@code cwStep*},
     * {@code affine*}, {@code mixture*}) has C2 code now (the JIT's top tier); empty when the VM cannot
     * say. The small reductions the steps share ({@code sum}, {@code dot}, {@code hsum}) compile long
     * before them and say nothing about the steps. A run that ends while this is false ran every step
     * interpreted or C1-compiled.
     */
    public static Optional<Boolean> compiled() {
        return HotSpotOptions.compiledAtC2(preferred().getClass().getName())
                .map(names -> names.stream().anyMatch(n -> n.startsWith("cwStep") || n.startsWith("affine") || n.startsWith("mixture")));
    }

    /** The scalar twin. */
    public static FlowKernels scalar() { return new ScalarKernels(); }

    /**
     * The Vector API form whatever the compiler and CPU (for tests and benchmarks), at
     * -Dphaseflow.vector.bits when set; an exception saying why when it cannot be had.
     */
    public static FlowKernels vector() {
        requestedBits();
        if (vectorModule().isEmpty()) throw new UnsupportedOperationException(MODULE_ABSENT);
        return loadVector();
    }

    private static FlowKernels choose() {
        boolean forcedScalar = forcedScalar(System.getProperty(KERNELS_PROPERTY));
        int bits = requestedBits();   // a malformed value fails even when scalar is forced
        if (forcedScalar) {
            LOG.info("kernels: scalar (forced by -D" + KERNELS_PROPERTY + "=scalar)");
            return new ScalarKernels();
        }
        String why = whyNotVector();
        if (why == null) {
            try {
                FlowKernels v = loadVector();
                LOG.info("kernels: " + v.name() + (bits > 0 ? " (width forced by -D" + BITS_PROPERTY + "=" + bits + ")" : ""));
                return v;
            } catch (UnsupportedOperationException e) {   // the hardware's vectors are too narrow
                why = e.getMessage();
            }
        }
        LOG.warning("kernels: scalar, because " + why);
        return new ScalarKernels();
    }

    /** Why the Vector API form would run badly or not at all here (to follow "because"), or null when nothing speaks against it. */
    static String whyNotVector() {
        if (vectorModule().isEmpty()) return MODULE_ABSENT;
        Optional<Boolean> compiler = HotSpotOptions.flag("UseCompiler");
        if (compiler.isEmpty()) {
            return "this is not a HotSpot VM with jdk.management (" + System.getProperty("java.vm.name")
                    + "), so whether C2 compiles the Vector API cannot be checked";
        }
        if (!compiler.get()) return "there is no JIT compiler (-Xint or -XX:-UseCompiler) and the Vector API would run interpreted";
        int stop = HotSpotOptions.number("TieredStopAtLevel").orElse(4);
        boolean tiered = HotSpotOptions.flag("TieredCompilation").orElse(true);
        if ((tiered && stop < 4) || System.getProperty("java.vm.info", "").contains("emulated-client")) {
            return "C2 is disabled (" + (stop < 4 ? "-XX:TieredStopAtLevel=" + stop : "client compilation mode")
                    + ") and without it the Vector API is not compiled to SIMD instructions";
        }
        if (!ScalarKernels.FMA) return "the CPU has no FMA (UseFMA is off) and the vector kernels' fused multiply-adds would be emulated";
        return null;
    }

    private static Optional<Module> vectorModule() {
        ModuleLayer layer = Kernels.class.getModule().getLayer();
        return (layer != null ? layer : ModuleLayer.boot()).findModule(VECTOR_MODULE);
    }

    /** Loads and constructs {@link VectorKernels} by name: no class of this one links to the incubator module. */
    private static FlowKernels loadVector() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> c = lookup.findClass(VECTOR_CLASS);
            return (FlowKernels) lookup.findConstructor(c, MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;   // the constructor's own refusals (too narrow, bad width) pass through as they are
        } catch (Throwable e) {
            throw new LinkageError(VECTOR_CLASS + " cannot be loaded: " + e, e);
        }
    }

    static boolean forcedScalar(String value) {
        if (value == null || value.equals("auto")) return false;
        if (value.equals("scalar")) return true;
        throw new IllegalArgumentException("-D" + KERNELS_PROPERTY + "=" + value + " is not a kernel choice; allowed: auto (the default) or scalar");
    }

    /** -Dphaseflow.vector.bits as a width in bits, 0 when unset (the preferred width). */
    static int requestedBits() { return parseBits(System.getProperty(BITS_PROPERTY)); }

    static int parseBits(String value) {
        if (value == null) return 0;
        return switch (value) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + value
                    + " is not a vector width; allowed: 128, 256 or 512 bits, at most the VM's preferred width (unset: the preferred width)");
        };
    }
}
