package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.phaseflow.FreshJvm;

/**
 * A seed fixes every number whatever the vector width (docs/reproducibility.md §3.2): {@link WidthBits}
 * run in fresh JVMs with 512-, 256- and 128-bit vectors (as far as this VM's preferred width allows)
 * and with the scalar twin must print the same hash for every kernel at every odd length up to 4099
 * and for every short sampler run.
 */
class WidthIndependenceTest {

    @Test
    void everyWidthAndTheScalarTwinGiveTheSameBits() throws Exception {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        for (int bits : new int[] {512, 256, 128}) {
            if (bits <= VectorKernels.PREFERRED_BITS) forms.put(bits + " bits", List.of("-Dphaseflow.vector.bits=" + bits));
        }
        forms.put("scalar", List.of("-Dphaseflow.kernels=scalar"));
        Map<String, Future<FreshJvm.Result>> runs = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (var f : forms.entrySet()) {
                List<String> options = new ArrayList<>(List.of("-Xmx256m"));
                options.addAll(f.getValue());
                runs.put(f.getKey(), pool.submit(() -> FreshJvm.runWith(options, WidthBits.class)));
            }
            String firstForm = null;
            List<String> first = null;
            for (var r : runs.entrySet()) {
                FreshJvm.Result result = r.getValue().get();
                assertEquals(0, result.exitCode(), r.getKey() + ":\n" + result.output());
                List<String> lines = result.output().lines().filter(l -> l.matches("[a-zA-Z ]+ [0-9a-f]+")).toList();
                assertTrue(lines.size() >= 14, r.getKey() + " printed too little:\n" + result.output());
                if (first == null) {
                    firstForm = r.getKey();
                    first = lines;
                } else {
                    assertEquals(String.join("\n", first), String.join("\n", lines), r.getKey() + " against " + firstForm);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
