package org.phaseflow.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for the fresh JVM of one bench configuration (BenchTest): prints a one-row bench report
 * whose vector kernels are slower than the scalar twin on the first call and fast on later ones,
 * counting its calls in the file given as the first argument.
 */
public final class FakeBenchChild {
    private FakeBenchChild() {}

    public static void main(String[] args) throws Exception {
        Path counter = Path.of(args[0]);
        int calls = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).strip()) : 0;
        Files.writeString(counter, Integer.toString(calls + 1));
        double rate = calls == 0 ? 3e8 : 2e10;   // the scalar twin: 1e9
        BenchReport r = new BenchReport("2026-01-01T00:00:00Z", "abc1234", "25", "cpu", 2, "", 1.0,
                List.of(BenchComparisonTest.row("gm", 10_000, rate, 1e9, 3e10)));
        System.out.println(r.json());
    }
}
