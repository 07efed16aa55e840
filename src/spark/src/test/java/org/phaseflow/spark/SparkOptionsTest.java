package org.phaseflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * src/main/jvm/spark.options is Spark's own list of JVM options, less the Vector API module (the
 * engine's launcher.options has it) and the opening of a package Java 25 does not have, so an upgrade
 * of Spark that changes the list fails here.
 */
class SparkOptionsTest {

    @Test
    void theOptionsFileIsSparksList() throws Exception {
        List<String> file = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("src/main/jvm/spark.options"))) if (!l.isBlank() && !l.startsWith("#")) file.add(l.strip());
        file.add("--add-modules=jdk.incubator.vector");
        file.add("--add-opens=java.base/sun.security.action=ALL-UNNAMED");
        assertEquals(false, ModuleLayer.boot().findModule("java.base").orElseThrow().getPackages().contains("sun.security.action"),
                "left out because java.base has no such package");
        assertEquals(new TreeSet<>(List.of(JavaModuleOptions.defaultModuleOptionArray())), new TreeSet<>(file));
    }
}
