package org.newslens.topics;

import java.util.List;
import java.util.Map;

/**
 * Topic coherence from document co-occurrence counts, as small pure functions.
 *
 * <p>With N documents, D(w) the documents containing w and D(w, v) those containing both:
 * <ul>
 * <li>NPMI (Bouma 2009) of a pair: PMI / -ln P(w, v) with PMI = ln(P(w, v) / (P(w) P(v))), P(x) = D(x) / N.
 *     It is -1 when the pair never co-occurs, 1 when they always do (also when P(w, v) = 1). A topic's
 *     NPMI coherence is the mean over all pairs of its top terms.</li>
 * <li>UMass (Mimno et al. 2011): sum over m = 2..M, l = 1..m-1 of ln((D(v_m, v_l) + 1) / D(v_l)), top terms
 *     v_1..v_M in rank order (the higher-ranked term is the conditioning one). Always &lt;= about 0;
 *     closer to 0 is more coherent.</li>
 * </ul>
 */
public final class Coherence {
    private Coherence() {
    }

    /** NPMI of one pair from counts. */
    public static double npmi(long dw, long dv, long dwv, long n) {
        if (dwv <= 0 || dw <= 0 || dv <= 0 || n <= 0) {
            return -1.0;
        }
        double pwv = (double) dwv / n;
        double pw = (double) dw / n;
        double pv = (double) dv / n;
        double denominator = -Math.log(pwv);
        if (denominator <= 0) {
            return 1.0;
        }
        return Math.log(pwv / (pw * pv)) / denominator;
    }

    /** UMass term of one ordered pair: ln((D(v_m, v_l) + 1) / D(v_l)), l ranked above m. */
    public static double umassPair(long dl, long dml) {
        if (dl <= 0) {
            return 0.0;
        }
        return Math.log((dml + 1.0) / dl);
    }

    /** Counts the coherence functions need: D(w), D(w, v) (key: {@link #pair}) and N. */
    public interface Counts {
        long df(String w);

        long codf(String w, String v);

        long n();
    }

    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    public static Counts counts(Map<String, Long> df, Map<String, Long> codf, long n) {
        return new Counts() {
            @Override
            public long df(String w) {
                return df.getOrDefault(w, 0L);
            }

            @Override
            public long codf(String w, String v) {
                return codf.getOrDefault(pair(w, v), 0L);
            }

            @Override
            public long n() {
                return n;
            }
        };
    }

    /** Mean NPMI over all pairs of the terms; NaN for fewer than two terms. */
    public static double npmi(List<String> terms, Counts c) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < terms.size(); i++) {
            for (int j = i + 1; j < terms.size(); j++) {
                String w = terms.get(i);
                String v = terms.get(j);
                sum += npmi(c.df(w), c.df(v), c.codf(w, v), c.n());
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** UMass coherence (Mimno's sum) of terms in rank order; NaN for fewer than two terms. */
    public static double umass(List<String> terms, Counts c) {
        if (terms.size() < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int m = 1; m < terms.size(); m++) {
            for (int l = 0; l < m; l++) {
                sum += umassPair(c.df(terms.get(l)), c.codf(terms.get(m), terms.get(l)));
            }
        }
        return sum;
    }
}
