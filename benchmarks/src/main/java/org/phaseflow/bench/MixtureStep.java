package org.phaseflow.bench;

import org.openjdk.jmh.annotations.*;
import org.phaseflow.kernel.FlowKernels;
import org.phaseflow.perf.Bench;
import org.phaseflow.perf.Ceilings;

/**
 * The mixture step kernels (docs/mathematics.md §2.7–2.8), one call = one Euler-type step of one particle in
 * place with the next step's statistics: {@code isoStep} for isotropic components (the vector means streamed,
 * numbers folded into the affine part), {@code diagStep} for diagonal ones; beside them the ceilings the bench
 * rows are measured against ({@link Ceilings#mixtureIso}, {@link Ceilings#mixtureDiag}: the same streams and
 * arithmetic in the cheapest order). The coefficients keep x bounded over any number of calls. The forms are
 * those of the bench rows ({@link Bench.Mixture}); {@code means} = num (a number per component) or vec.
 */
public class MixtureStep extends Suite {
    @Param({"scalar", "vector"}) String kernels;
    @Param({"2", "4", "8"}) int components;
    @Param({"num", "vec"}) String means;

    FlowKernels k;
    float[] x, betas, w, work;
    Bench.Mixture.Arrays iso, diag;
    double[] sums;

    @Setup(Level.Trial)
    public void setUp() {
        k = Data.kernels(kernels);
        boolean vectors = means.equals("vec");
        iso = new Bench.Mixture(components, false, vectors, false).arrays(dim);
        diag = new Bench.Mixture(components, true, vectors, false).arrays(dim);
        x = Data.gaussian(dim, 1, 1);
        betas = new float[components];
        w = new float[components];
        for (int j = 0; j < components; j++) {
            betas[j] = 0.1f / components;
            w[j] = (float) diag.weights()[j];
        }
        work = new float[FlowKernels.mixtureWork(components)];
        sums = new double[components + 2];
    }

    /** out = α·x + β + Σ β_j·μ_j in place, then μ_j·out, Σ out², Σ out. */
    @Benchmark
    public double[] isoStep(ElementCounter c) {
        c.elementSteps += dim;
        k.mixtureIsoStep(x, 0, x, 0, dim, iso.vectorMeans(), iso.vectorMeans().length, 0.5f, 0.25f, betas, work, sums);
        return sums;
    }

    /** The diagonal step in place with the next distances and Σ out. */
    @Benchmark
    public double[] diagStep(ElementCounter c) {
        c.elementSteps += dim;
        k.mixtureDiagStep(x, 0, x, 0, dim, diag.diagonalMeans(), diag.scalarMeans(), diag.variances(), components, 0.999f, w,
                0.5f, 0.75f, 0.01f, -0.01f, 0.51f, 0.7399f, work, sums);
        return sums;
    }

    /** The isotropic ceiling (the same for both kernels parameters: it names no kernel). */
    @Benchmark
    public double isoCeiling(ElementCounter c) {
        c.elementSteps += dim;
        return Ceilings.mixtureIso(x, dim, iso.vectorMeans(), iso.vectorMeans().length, 0.5f, 0.25f, betas);
    }

    /** The diagonal ceiling. */
    @Benchmark
    public double diagCeiling(ElementCounter c) {
        c.elementSteps += dim;
        return Ceilings.mixtureDiag(x, dim, diag.diagonalMeans(), diag.scalarMeans(), diag.variances(), components, w, 0.5f, 0.75f, 0.51f, 0.7399f);
    }
}
