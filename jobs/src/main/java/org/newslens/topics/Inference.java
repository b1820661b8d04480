package org.newslens.topics;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * P(topic | document) for a fitted model: the variational E-step of Hoffman et al. (2010) that MLlib's
 * LocalLDAModel.transform runs, on plain arrays and with a fixed start (gamma = alpha + document length / k,
 * as in Blei's lda-c) instead of a random one, so it needs no random numbers and is a pure function of the model
 * and the document. The fitting run and --infer both use it, so they give the same article_topics.
 */
final class Inference implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Stop when the mean absolute change of gamma is below this (MLlib's criterion) ... */
    static final double TOLERANCE = 1e-3;
    /** ... or after this many updates. */
    static final int MAX_UPDATES = 200;

    private final int k;
    private final double[] alpha;
    /** exp(E[log beta]) word-major: [w * k + t]. */
    private final double[] expElogbeta;

    private Inference(int k, double[] alpha, double[] expElogbeta) {
        this.k = k;
        this.alpha = alpha;
        this.expElogbeta = expElogbeta;
    }

    static Inference of(LocalLDAModel lda) {
        Matrix lambda = lda.topicsMatrix(); // vocabSize x k
        int v = lambda.numRows();
        int k = lambda.numCols();
        double[] e = new double[v * k];
        double[] steps = new double[Digamma.MAX_STEPS];
        for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int w = 0; w < v; w++) {
                sum += lambda.apply(w, t);
            }
            double dsum = Digamma.of(sum, steps);
            for (int w = 0; w < v; w++) {
                e[w * k + t] = Math.exp(Digamma.of(lambda.apply(w, t), steps) - dsum);
            }
        }
        double[] alpha = lda.estimatedDocConcentration().toArray();
        return new Inference(k, alpha, e);
    }

    /** Normalised gamma of the document (all zeros for an empty one). */
    double[] theta(Vector features) {
        SparseVector s = features.toSparse();
        int[] ids = s.indices();
        double[] cts = s.values();
        int n = ids.length;
        double[] gamma = new double[k];
        if (n == 0) {
            return gamma;
        }
        double length = 0;
        for (double c : cts) {
            length += c;
        }
        for (int t = 0; t < k; t++) {
            gamma[t] = alpha[t] + length / k;
        }
        double[] expElogtheta = new double[k];
        double[] steps = new double[Digamma.MAX_STEPS];
        expectation(gamma, expElogtheta, steps);
        double[] next = new double[k];
        for (int update = 0; update < MAX_UPDATES; update++) {
            // one pass per word: its row of expElogbeta (k doubles) is read for the norm and used again at once
            Arrays.fill(next, 0);
            for (int i = 0; i < n; i++) {
                int base = ids[i] * k;
                double norm = 1e-100;
                for (int t = 0; t < k; t++) {
                    norm += expElogbeta[base + t] * expElogtheta[t];
                }
                double ratio = cts[i] / norm;
                for (int t = 0; t < k; t++) {
                    next[t] += expElogbeta[base + t] * ratio;
                }
            }
            double change = 0;
            for (int t = 0; t < k; t++) {
                double g = expElogtheta[t] * next[t] + alpha[t];
                change += Math.abs(g - gamma[t]);
                gamma[t] = g;
            }
            if (change / k < TOLERANCE) {
                break; // converged: the expectation of this gamma would not be used
            }
            expectation(gamma, expElogtheta, steps);
        }
        double sum = 0;
        for (double g : gamma) {
            sum += g;
        }
        for (int t = 0; t < k; t++) {
            gamma[t] /= sum;
        }
        return gamma;
    }

    /** exp(E[log theta]) = exp(digamma(gamma_t) - digamma(sum gamma)). */
    private void expectation(double[] gamma, double[] out, double[] steps) {
        double sum = 0;
        for (double g : gamma) {
            sum += g;
        }
        double dsum = Digamma.of(sum, steps);
        for (int t = 0; t < k; t++) {
            // with a symmetric alpha the first call has every gamma equal: one digamma, the same value, for all
            out[t] = t > 0 && gamma[t] == gamma[t - 1] ? out[t - 1] : Math.exp(Digamma.of(gamma[t], steps) - dsum);
        }
    }
}
