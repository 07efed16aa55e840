package org.phaseflow.kernel;

import java.util.SplittableRandom;
import org.phaseflow.config.Paper;
import org.phaseflow.integrator.IntegratorKind;
import org.phaseflow.interpolant.Family;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.interpolant.Shape;
import org.phaseflow.model.CurieWeiss;
import org.phaseflow.model.GaussianMixture;
import org.phaseflow.model.Target;
import org.phaseflow.model.TwoModeMixture;
import org.phaseflow.schedule.Dilated;
import org.phaseflow.scheduler.Recording;
import org.phaseflow.scheduler.RunSpec;
import org.phaseflow.scheduler.Sampler;
import org.phaseflow.scheduler.Samples;

/**
 * Run in a fresh JVM at a forced kernel form (-Dphaseflow.vector.bits or -Dphaseflow.kernels=scalar):
 * prints one line "name hash" per group of outcomes, each hash over the bits of every result and
 * every written array, so that {@link WidthIndependenceTest} can compare the forms line by line.
 * The groups: every kernel at every odd length up to 4099 at offsets that move the aligned head,
 * and short sampler runs of the two-mode GM (u = ones and a random u), a three-component mixture
 * and Curie–Weiss.
 */
public final class WidthBits {
    static final int MAX = 4099;
    static final int[] OFFSETS = {0, 5, 13};

    /** FNV-1a over longs: enough to tell two runs apart, printed in hex. */
    static final class Hash {
        long h = 0xcbf29ce484222325L;
        void add(long v) { h = (h ^ v) * 0x100000001b3L; }
        void add(double v) { add(Double.doubleToRawLongBits(v)); }
        void add(float[] a, int from, int to) { for (int i = from; i < to; i++) add(Float.floatToRawIntBits(a[i])); }
        void add(double[] a) { for (double v : a) add(v); }
        void add(int[] a) { for (int v : a) add(v); }
        @Override public String toString() { return Long.toHexString(h); }
    }

    public static void main(String[] args) {
        FlowKernels k = Kernels.preferred();
        System.out.println("kernels " + k.name());
        kernels(k);
        sampler();
    }

    static void kernels(FlowKernels k) {
        SplittableRandom r = new SplittableRandom(5);
        int cap = MAX + 16;
        float[] x = new float[cap], y = new float[cap], u = new float[cap], mu = new float[cap], var = new float[cap];
        for (int i = 0; i < cap; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = (float) r.nextGaussian();
            u[i] = r.nextBoolean() ? 1 : -1;
            mu[i] = (float) r.nextGaussian();
            var[i] = (float) (0.1 + r.nextDouble());
        }
        float[] out = new float[cap], th = new float[cap], th2 = new float[cap], out2 = new float[cap];
        double[] s = new double[2];
        float m = 0.9575f;
        int block = FlowKernels.logBlock(m);
        float[][] means = {mu, y, u}, diagMeans = {mu, null, y}, vars = {var, var.clone(), var.clone()};
        for (int i = 0; i < cap; i++) {
            vars[1][i] = (float) (0.01 + r.nextDouble());
            vars[2][i] = (float) (0.3 * r.nextDouble() + 1e-3);
        }
        float[] betas = {0.3f, -0.5f, 0.2f}, muScalar = {0f, -0.8f, 0f}, weights = {0.6f, 0.3f, 0.1f};
        float[] work = new float[FlowKernels.mixtureWork(3)];
        String[] names = {"sum", "dot", "affineOnes", "affine", "axpby", "cwLogOdds", "cwStep", "scaledSquaredDistance",
                "mixtureAccumulate", "scale",
                "mixtureIsoStep0", "mixtureIsoStep3", "mixtureDiagStep", "logSum", "cwStepOnto", "affineOnesOnto", "linearCombination", "mixtureIsoStepOnto0", "mixtureIsoStepOnto3"};
        Hash[] h = new Hash[names.length];
        for (int j = 0; j < h.length; j++) h[j] = new Hash();
        for (int off : OFFSETS) {
            for (int n = 1; n <= MAX; n += 2) {
                h[0].add(k.sum(x, off, n));
                h[1].add(k.dot(x, off, y, 0, n));
                h[2].add(k.affineOnes(x, off, out, off, n, 0.9f, 0.1f));
                h[2].add(out, off, off + n);
                k.affine(x, off, u, out, off, n, 0.9f, -0.3f, s);
                h[3].add(s);
                h[3].add(out, off, off + n);
                System.arraycopy(y, 0, out2, 0, cap);
                k.axpby(x, off, out2, off, n, 0.7f, 0.3f);
                h[4].add(out2, off, off + n);
                k.cwLogOdds(x, off, th, n, 1.3f, m, block, s);
                h[5].add(s);
                h[5].add(th, 0, n);
                System.arraycopy(th, 0, th2, 0, n);
                k.cwStep(x, off, th2, out, off, n, 0.9f, 0.1f, m, 0.5f, 1.4f, block, s);
                h[6].add(s);
                h[6].add(th2, 0, n);
                h[6].add(out, off, off + n);
                h[7].add(k.scaledSquaredDistance(x, off, mu, var, n, 0.6f, 0.64f));
                System.arraycopy(y, 0, out2, 0, cap);
                k.mixtureAccumulate(x, off, mu, var, out2, off, n, 0.3f, 0.6f, 0.64f, 1.1f, -0.4f);
                h[8].add(out2, off, off + n);
                k.scale(x, off, out, off, n, 0.37f);
                h[9].add(out, off, off + n);
                double[] ms = new double[5];
                k.mixtureIsoStep(x, off, out, off, n, new float[0][], 0, 0.9f, 0.1f, new float[0], work, ms);
                h[10].add(ms);
                h[10].add(out, off, off + n);
                System.arraycopy(x, 0, out2, 0, cap);   // in place
                k.mixtureIsoStep(out2, off, out2, off, n, means, 3, 0.8f, -0.2f, betas, work, ms);
                h[11].add(ms);
                h[11].add(out2, off, off + n);
                System.arraycopy(x, 0, out2, 0, cap);
                k.mixtureDiagStep(out2, off, out2, off, n, diagMeans, muScalar, vars, 3, 0.97f, weights, 0.6f, 0.64f, 0.03f, -0.02f,
                        0.62f, 0.6156f, work, ms);
                h[12].add(ms);
                h[12].add(out2, off, off + n);
                h[13].add(k.logSum(var, n, 0.36f, 0.64f));
                System.arraycopy(th, 0, th2, 0, n);
                System.arraycopy(y, 0, out2, 0, cap);
                k.cwStepOnto(x, off, th2, out2, off, n, 0.9f, 0.1f, 0.5f, 0.5f, m, 0.5f, 1.4f, block, s);
                h[14].add(s);
                h[14].add(th2, 0, n);
                h[14].add(out2, off, off + n);
                System.arraycopy(y, 0, out2, 0, cap);
                h[15].add(k.affineOnesOnto(x, off, out2, off, n, 0.9f, 0.1f, 0.5f, 0.5f));
                h[15].add(out2, off, off + n);
                k.linearCombination(x, off, 0.9f, y, 0.3f, mu, -0.7f, u, 1.1f, out, off, n);
                h[16].add(out, off, off + n);
                System.arraycopy(y, 0, out2, 0, cap);
                k.mixtureIsoStepOnto(x, off, out2, off, n, new float[0][], 0, 0.9f, 0.1f, new float[0], 0.3f, 0.7f, work, ms);
                h[17].add(ms);
                h[17].add(out2, off, off + n);
                System.arraycopy(y, 0, out2, 0, cap);
                k.mixtureIsoStepOnto(x, off, out2, off, n, means, 3, 0.8f, -0.2f, betas, 0.3f, 0.7f, work, ms);
                h[18].add(ms);
                h[18].add(out2, off, off + n);
            }
        }
        for (int j = 0; j < h.length; j++) System.out.println(names[j] + " " + h[j]);
    }

    static void sampler() {
        int d = 1001;
        Interpolant vp = Interpolant.of(Shape.TRIG, Family.VP, d), ve = Interpolant.of(Shape.LINEAR, Family.VE, d);
        SplittableRandom r = new SplittableRandom(3);
        float[][] mu = new float[3][d];
        double[] sigma = {0.1, 0.3, 0.2};
        for (int i = 0; i < d; i++) {
            mu[0][i] = (float) r.nextGaussian();
            mu[1][i] = (float) (0.5 * r.nextGaussian());
            mu[2][i] = (float) (0.05 * i / d);
        }
        run("gm ones", TwoModeMixture.ones(d, 0.8, 1, 0.1), vp, IntegratorKind.EULER);
        run("gm random u", TwoModeMixture.randomDirection(d, 0.7, 0.9, 0.3, 5), ve, IntegratorKind.HEUN);
        run("mixture", GaussianMixture.isotropic(new double[] {0.5, 0.3, 0.2}, mu, sigma), vp, IntegratorKind.EULER);
        float[][] sig = new float[3][d], scalarMeans = new float[3][d];
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < 3; c++) sig[c][i] = (float) (0.05 + 0.4 * r.nextDouble());
            scalarMeans[0][i] = 1f;
            scalarMeans[1][i] = -1f;
            scalarMeans[2][i] = 0.2f;
        }
        run("mixture scalar means", GaussianMixture.isotropic(new double[] {0.5, 0.3, 0.2}, scalarMeans, sigma), ve, IntegratorKind.HEUN);
        run("mixture diagonal", GaussianMixture.diagonal(new double[] {0.5, 0.3, 0.2}, new float[][] {mu[0], scalarMeans[1], mu[2]}, sig),
                vp, IntegratorKind.EULER);
        run("cw", new CurieWeiss(d, 2, Paper.H), ve, IntegratorKind.HEUN);
    }

    static void run(String name, Target target, Interpolant ip, IntegratorKind integrator) {
        int d = 1001;
        Samples s = Sampler.run(new RunSpec(target, ip, new Dilated(ip, d, 3), integrator, 40, 11, 2), 20, Recording.PATHS, null);
        Hash h = new Hash();
        h.add(s.mode());
        h.add(s.low());
        h.add(s.projection());
        h.add(s.meanPaths(), 0, s.meanPaths().length);
        System.out.println(name + " " + h);
    }
}
