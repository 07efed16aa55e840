package org.phaseflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fresh JVMs of the tests run with the options the launcher gives every run. */
class FreshJvmTest {

    /** Prints the JVM's input arguments, one per line. */
    public static void main(String[] args) {
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(System.out::println);
    }

    @Test
    void freshJvmsGetTheLaunchersOptions() throws Exception {
        List<String> options = FreshJvm.launcherOptions();
        assertTrue(options.contains("-XX:ObjectAlignmentInBytes=64") && options.contains("-XX:+UseParallelGC")
                && options.contains("--add-modules=jdk.incubator.vector"), options.toString());
        FreshJvm.Result r = FreshJvm.run(FreshJvmTest.class);
        assertEquals(0, r.exitCode(), r.output());
        List<String> seen = r.output().lines().toList();
        for (String o : options) {
            assertTrue(seen.contains(o), o + " not among " + seen);
        }
        // the launcher reads the same file
        assertTrue(Files.readString(Path.of("phaseflow")).contains("src/main/jvm/launcher.options"));
    }
}
