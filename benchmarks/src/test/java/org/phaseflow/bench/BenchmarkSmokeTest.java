package org.phaseflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every JMH benchmark of the suite runs once, in this JVM (forks 0), at its smallest size: the suite
 * compiles, its generated code is on the class path and nothing throws. No timing is asserted.
 */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkCompletesOneIteration() throws RunnerException {
        // JMH's machine-wide lock keeps two measurements apart; this run measures nothing, so a JMH run
        // elsewhere on the machine must not stop it
        System.setProperty("jmh.ignoreLock", "true");
        Options opt = new OptionsBuilder()
                .include("org\\.phaseflow\\.bench\\.(Reductions|GmStep|CwStep|Particle|Schemes|Ceiling|TanhClamp|MixtureStep)\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("dim", "1000")
                .param("steps", "4")
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        // reductions 2×2, GM 2×2, CW 2×2, particle 2×2, schemes 2 models × 6, ceilings 5, tanh clamps 2,
        // mixtures 4 × 2 kernels × 3 sizes × 2 means
        assertEquals(83, results.size(), "benchmarks run");
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
            assertTrue(r.getSecondaryResults().containsKey("elementSteps"), r.getParams().getBenchmark());
            if (r.getParams().getBenchmark().contains("Schemes")) {
                // evaluations per step: 1 for Euler, DDIM and dpm2m, 2 for Heun (fused or in passes), 3 for BS3 (its last step fewer)
                double perStep = r.getSecondaryResults().get("elementEvaluations").getScore()
                        / r.getSecondaryResults().get("elementSteps").getScore();
                double expected = switch (r.getParams().getParam("integrator")) {
                    case "heun", "heun-passes" -> 2;
                    case "bs3" -> 3;
                    default -> 1;
                };
                assertTrue(Math.abs(perStep - expected) <= 0.5, r.getParams().getBenchmark() + " " + r.getParams().getParam("integrator")
                        + ": " + perStep + " evaluations per step");
            }
        }
    }
}
