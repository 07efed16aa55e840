package org.phaseflow.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.phaseflow.interpolant.Interpolant;
import org.phaseflow.kernel.FlowKernels;

/**
 * The general Gaussian mixture (docs/mathematics.md §2): x1 = μ_c + σ_c ⊙ ξ, c ~ Cat(π), σ_c isotropic or
 * per coordinate. Given I(τ) = x component c is Gaussian with mean τ·μ_c and variance
 * v_c = a² + τ²·σ_c², so log w_c = log π_c − ½ Σ_i [(x_i − τμ_{c,i})²/v_{c,i} + log v_{c,i}] (softmax
 * by log-sum-exp), η = Σ_c w_c [μ_c + (τσ_c²/v_c)(x − τμ_c)] and κ = Σ_c w_c (x − τμ_c)/v_c.
 * Its modes are its components: the high-level feature is the weight of component 0, the low-level
 * features are each component's spread, and a sample is assigned to its most likely component.
 */
public final class GaussianMixture implements Target {
    private final int dim;
    private final double[] logPi;
    private final float[][] mu;
    private final float[][] var;     // σ_c² per coordinate
    private final double[] isoVar;   // σ_c² when isotropic, else NaN

    private GaussianMixture(double[] weights, float[][] mu, float[][] var, double[] isoVar) {
        if (weights.length < 1 || mu.length != weights.length || var.length != weights.length) {
            throw new IllegalArgumentException("a mixture needs as many weights, means and scales as components");
        }
        this.dim = mu[0].length;
        Check.dim(dim);
        double total = 0;
        for (double w : weights) {
            if (!(w > 0)) throw new IllegalArgumentException("mixture weights must be positive, got " + Arrays.toString(weights));
            total += w;
        }
        this.logPi = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            logPi[c] = Math.log(weights[c] / total);
            if (mu[c].length != dim || var[c].length != dim) throw new IllegalArgumentException("component " + c + " has the wrong dimension");
            for (float v : var[c]) if (!(v > 0)) throw new IllegalArgumentException("component " + c + ": σ must be positive");
        }
        this.mu = mu;
        this.var = var;
        this.isoVar = isoVar;
    }

    /** Components with scalar σ_c. */
    public static GaussianMixture isotropic(double[] weights, float[][] mu, double[] sigma) {
        float[][] var = new float[sigma.length][];
        double[] iso = new double[sigma.length];
        for (int c = 0; c < sigma.length; c++) {
            Check.positive("sigma", sigma[c]);
            iso[c] = sigma[c] * sigma[c];
            var[c] = new float[mu[c].length];
            Arrays.fill(var[c], (float) iso[c]);
        }
        return new GaussianMixture(weights, mu, var, iso);
    }

    /** Components with a per-coordinate σ_c. */
    public static GaussianMixture diagonal(double[] weights, float[][] mu, float[][] sigma) {
        float[][] var = new float[sigma.length][];
        double[] iso = new double[sigma.length];
        Arrays.fill(iso, Double.NaN);
        for (int c = 0; c < sigma.length; c++) {
            var[c] = new float[sigma[c].length];
            for (int i = 0; i < var[c].length; i++) var[c][i] = sigma[c][i] * sigma[c][i];
        }
        return new GaussianMixture(weights, mu, var, iso);
    }

    public int components() { return logPi.length; }

    @Override public ModelKind model() { return ModelKind.GM; }
    @Override public int dim() { return dim; }
    @Override public boolean singularAtOne() { return false; }

    private boolean isotropic() {
        for (double v : isoVar) if (Double.isNaN(v)) return false;
        return true;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("GM mixture (" + logPi.length + (logPi.length == 1 ? " component" : " components")
                + ", " + (isotropic() ? "isotropic" : "diagonal") + "; weights");
        for (double l : logPi) b.append(' ').append(Format.num(Math.exp(l)));
        b.append("; σ");
        for (int c = 0; c < logPi.length; c++) b.append(' ').append(Format.num(spread(c)));
        return b.append(")").toString();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> comps = new ArrayList<>();
        for (int c = 0; c < logPi.length; c++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("weight", Math.exp(logPi[c]));
            m.put("mean_coordinate", meanCoordinate(c));
            m.put("sigma_rms", spread(c));
            m.put("isotropic", !Double.isNaN(isoVar[c]));
            comps.add(m);
        }
        out.put("components", comps);
        return out;
    }

    /** σ_c: its RMS over coordinates for a diagonal component. */
    private double spread(int c) {
        if (!Double.isNaN(isoVar[c])) return Math.sqrt(isoVar[c]);
        double s = 0;
        for (float v : var[c]) s += v;
        return Math.sqrt(s / dim);
    }

    /**
     * The span of the component means (components that differ only in spread have no direction, and
     * then the list is empty).
     */
    @Override
    public List<float[]> featureDirections() { return Directions.orthonormal(List.of(mu)); }

    /**
     * MEAN when two components' means differ, SPREAD when two components' σ differ (the squared norm
     * then tells them apart, even where their means coincide); MEAN alone when neither.
     */
    @Override
    public Set<Separation> separatedBy() {
        Set<Separation> out = EnumSet.noneOf(Separation.class);
        for (int c = 1; c < mu.length; c++) {
            if (!Arrays.equals(mu[c], mu[0])) out.add(Separation.MEAN);
            if (!Arrays.equals(var[c], var[0])) out.add(Separation.SPREAD);
        }
        return out.isEmpty() ? EnumSet.of(Separation.MEAN) : out;
    }

    private double meanCoordinate(int c) {
        double s = 0;
        for (float v : mu[c]) s += v;
        return s / dim;
    }

    @Override
    public List<Mode> modes() {
        List<Mode> out = new ArrayList<>();
        for (int c = 0; c < logPi.length; c++) out.add(new Mode(Integer.toString(c), Math.exp(logPi[c]), meanCoordinate(c)));
        return out;
    }

    /** Each component's spread, from the samples assigned to it. */
    @Override
    public List<Feature> lowFeatures() {
        List<Feature> out = new ArrayList<>();
        for (int c = 0; c < logPi.length; c++) {
            out.add(new Feature("sigma_" + c, "σ" + Format.subscript(c), c, Feature.Kind.SPREAD, spread(c), dim, Math.exp(logPi[c])));
        }
        return out;
    }

    /** (1/d)·Σ x_i: in component c, N(mean_i μ_c,i, Σ_i σ_c,i²/d²). */
    @Override
    public ProjectionLaw projectionLaw() {
        int n = logPi.length;
        double[] w = new double[n], centre = new double[n], sd = new double[n];
        for (int c = 0; c < n; c++) {
            w[c] = Math.exp(logPi[c]);
            centre[c] = meanCoordinate(c);
            double s = 0;
            for (float v : var[c]) s += v;
            sd[c] = Math.sqrt(s) / dim;
        }
        return new ProjectionLaw.Gaussians(w, centre, sd);
    }

    @Override
    public String projectionLabel() { return "(1/d)·Σ_i x_i"; }

    @Override
    public boolean standardisedDeviations(float[] x, int off, int mode, double[] out) {
        for (int i = 0; i < dim; i++) out[i] = (x[off + i] - mu[mode][i]) / Math.sqrt(var[mode][i]);
        return true;
    }

    @Override
    public Outcome outcome(float[] x, int off) {
        int best = 0;
        double bestLog = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logPi.length; c++) {
            double l = logPi[c];
            for (int i = 0; i < dim; i++) {
                double dev = x[off + i] - mu[c][i];
                l -= 0.5 * (dev * dev / var[c][i] + Math.log(var[c][i]));
            }
            if (l > bestLog) {
                bestLog = l;
                best = c;
            }
        }
        double msd = 0, sum = 0;
        for (int i = 0; i < dim; i++) {
            double dev = x[off + i] - mu[best][i];
            msd += dev * dev;
            sum += x[off + i];
        }
        return new Outcome(best, msd / dim, sum / dim);
    }

    @Override
    public void sampleTarget(SplittableRandom random, float[] x, int off) {
        double r = random.nextDouble(), acc = 0;
        int c = 0;
        for (; c < logPi.length - 1; c++) {
            acc += Math.exp(logPi[c]);
            if (r < acc) break;
        }
        for (int i = 0; i < dim; i++) x[off + i] = (float) (mu[c][i] + Math.sqrt(var[c][i]) * random.nextGaussian());
    }

    @Override
    public ExactField field(Interpolant ip, FlowKernels k) {
        return isotropic() ? new IsotropicField(ip, k) : new DiagonalField(ip, k);
    }

    /** The number every coordinate of μ_c holds, or NaN when they differ (a vector mean). */
    private static double uniform(float[] m) {
        for (float v : m) if (v != m[0]) return Double.NaN;
        return m[0];
    }

    /**
     * Below this a weight is 0 in the per-component coefficients handed to the kernels (β_c of a vector
     * mean, w_c of a diagonal component): its share is then under 10⁻²⁰ of the share of the largest weight
     * (at least 1/C), far below float resolution, and the products the kernels form stay out of float's
     * subnormal range, where x86 takes a slow microcode assist per operation. (α and β, sums in double,
     * keep every weight.)
     */
    static final double NEGLIGIBLE_WEIGHT = 1e-20;

    /** log-sum-exp weights of the logits into w; the largest weight's logit is subtracted first. */
    private static void softmax(double[] logit, double[] w) {
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (double l : logit) max = Math.max(max, l);
        for (int c = 0; c < logit.length; c++) z += (w[c] = Math.exp(logit[c] - max));
        for (int c = 0; c < logit.length; c++) w[c] /= z;
    }

    /**
     * Isotropic components (docs/mathematics.md §2.7): the logits need only Σx², Σx and μ_c·x for the
     * components whose mean is a vector, and a step is out = α·x + β + Σ β_c·μ_c over those components:
     * the two-mode preset's affine step when every mean is a number.
     */
    private final class IsotropicField extends KernelField {
        private final int nc = logPi.length, nv;
        private final int[] slot = new int[nc];        // component → its index among the vector means, or −1
        private final float[][] vectors;
        private final double[] scalarMean = new double[nc], norm2 = new double[nc], logit = new double[nc], w = new double[nc];
        private final float[] betas, work;
        private final double[] sums;
        private double tau, squares, sum, alpha, beta;   // alpha, beta: the step's, set by coefficients()
        private final double[] dots;

        IsotropicField(Interpolant ip, FlowKernels k) {
            super(ip, k);
            List<float[]> vs = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                scalarMean[c] = uniform(mu[c]);
                double q = 0;
                for (float v : mu[c]) q += (double) v * v;
                norm2[c] = q;
                slot[c] = Double.isNaN(scalarMean[c]) ? vs.size() : -1;
                if (slot[c] >= 0) vs.add(mu[c]);
            }
            vectors = vs.toArray(new float[0][]);
            nv = vectors.length;
            betas = new float[nv];
            dots = new double[nv];
            work = new float[FlowKernels.mixtureWork(nv)];
            sums = new double[nv + 2];
        }

        @Override
        public double prepare(double tau, float[] x, int off) {
            this.tau = tau;
            squares = k.dot(x, off, x, off, dim);
            sum = k.sum(x, off, dim);
            for (int j = 0; j < nv; j++) dots[j] = k.dot(x, off, vectors[j], 0, dim);
            logits();
            return sum / dim;
        }

        @Override
        public boolean posteriorWeights(double[] out) {
            softmax(logit, out);
            return true;
        }

        /** ℓ_c = log π_c − ½[(Σx² − 2τ·μ_c·x + τ²|μ_c|²)/v_c + d·log v_c] (§2.7). */
        private void logits() {
            double a2 = a2(tau), t2 = tau * tau;
            for (int c = 0; c < nc; c++) {
                double v = a2 + t2 * isoVar[c], muX = slot[c] < 0 ? scalarMean[c] * sum : dots[slot[c]];
                logit[c] = logPi[c] - 0.5 * ((squares - 2 * tau * muX + t2 * norm2[c]) / v + dim * Math.log(v));
            }
        }

        @Override
        public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
            coefficients(cx, cEta, cKappa);
            k.mixtureIsoStep(x, xo, out, oo, dim, vectors, nv, (float) alpha, (float) beta, betas, work, sums);
            return advance(tauNext);
        }

        /** Heun's second stage, its average and the next statistics in one pass (FlowKernels.mixtureIsoStepOnto). */
        @Override
        public double combineOnto(FlowKernels caller, float[] x, int xo, float[] y, int yo, int n,
                                  double c, double gamma, double cx, double cEta, double cKappa, double tauNext) {
            coefficients(cx, cEta, cKappa);
            k.mixtureIsoStepOnto(x, xo, y, yo, dim, vectors, nv, (float) alpha, (float) beta, betas, (float) c, (float) gamma, work, sums);
            return advance(tauNext);
        }

        /** The step's α, β and β_c (§2.7) at the prepared state, into alpha, beta and betas. */
        private void coefficients(double cx, double cEta, double cKappa) {
            softmax(logit, w);
            double a2 = a2(tau);
            alpha = cx;
            beta = 0;
            for (int c = 0; c < nc; c++) {
                double v = a2 + tau * tau * isoVar[c], g = (cEta * tau * isoVar[c] + cKappa) / v, b = w[c] * (cEta - tau * g);
                alpha += w[c] * g;
                if (slot[c] < 0) beta += b * scalarMean[c];
                else betas[slot[c]] = w[c] < NEGLIGIBLE_WEIGHT ? 0f : (float) b;
            }
        }

        /** Takes the statistics the step left in sums and prepares tauNext (unless NaN); returns the mean. */
        private double advance(double tauNext) {
            System.arraycopy(sums, 0, dots, 0, nv);
            squares = sums[nv];
            sum = sums[nv + 1];
            tau = tauNext;
            if (!Double.isNaN(tauNext)) logits();
            return sum / dim;
        }
    }

    /**
     * Diagonal components (docs/mathematics.md §2.8): one fused pass per step that also returns every
     * component's distance at the next τ; the log-determinants Σ log v_c depend on τ alone, so each
     * field keeps them for the τ it has seen (the same τ grid serves every particle it integrates).
     */
    private final class DiagonalField extends KernelField {
        private final int nc = logPi.length;
        private final float[][] vectors = new float[nc][];   // null where the mean is a number
        private final float[] scalarMean = new float[nc], wf = new float[nc], work;
        private final double[] logit = new double[nc], w = new double[nc], sums = new double[nc + 1];
        private final Map<Long, double[]> logDets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Long, double[]> e) { return size() > 1 << 14; }
        };
        private double tau;

        DiagonalField(Interpolant ip, FlowKernels k) {
            super(ip, k);
            for (int c = 0; c < nc; c++) {
                double m = uniform(mu[c]);
                vectors[c] = Double.isNaN(m) ? mu[c] : null;
                scalarMean[c] = Double.isNaN(m) ? 0f : (float) m;
            }
            work = new float[FlowKernels.mixtureWork(nc)];
        }

        @Override
        public double prepare(double tau, float[] x, int off) {
            this.tau = tau;
            double a2 = a2(tau);
            double[] det = logDets(tau);
            for (int c = 0; c < nc; c++) {
                logit[c] = logPi[c] - 0.5 * (k.scaledSquaredDistance(x, off, mu[c], var[c], dim, (float) tau, (float) a2) + det[c]);
            }
            return k.sum(x, off, dim) / dim;
        }

        @Override
        public boolean posteriorWeights(double[] out) {
            softmax(logit, out);
            return true;
        }

        /** Σ_i log(a² + τ²σ²_{c,i}) for every c (§2.8), computed once per τ. */
        private double[] logDets(double tau) {
            double[] det = logDets.get(Double.doubleToRawLongBits(tau));
            if (det != null) return det;
            det = new double[nc];
            double a2 = a2(tau);
            for (int c = 0; c < nc; c++) {
                det[c] = Double.isNaN(isoVar[c]) ? k.logSum(var[c], dim, (float) (tau * tau), (float) a2) : dim * Math.log(a2 + tau * tau * isoVar[c]);
            }
            logDets.put(Double.doubleToRawLongBits(tau), det);
            return det;
        }

        @Override
        public double combine(float[] x, int xo, float[] out, int oo, double cx, double cEta, double cKappa, double tauNext) {
            softmax(logit, w);
            for (int c = 0; c < nc; c++) wf[c] = w[c] < NEGLIGIBLE_WEIGHT ? 0f : (float) w[c];
            double next = Double.isNaN(tauNext) ? tau : tauNext;   // the distances at τ itself are not used
            k.mixtureDiagStep(x, xo, out, oo, dim, vectors, scalarMean, var, nc, (float) cx, wf, (float) tau, (float) a2(tau),
                    (float) cEta, (float) cKappa, (float) next, (float) a2(next), work, sums);
            tau = tauNext;
            if (!Double.isNaN(tauNext)) {
                double[] det = logDets(tauNext);
                for (int c = 0; c < nc; c++) logit[c] = logPi[c] - 0.5 * (sums[c] + det[c]);
            }
            return sums[nc] / dim;
        }
    }
}
