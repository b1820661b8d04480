package org.newslens.terms;

import java.util.ArrayList;
import java.util.List;

/**
 * Word n-grams of a sentence: runs of 2..3 terms at consecutive token positions, so a removed stop
 * word or number breaks a run ("missile strike" from "missile strike", not from "missile and strike").
 *
 * <p>A plain function rather than SQL higher-order functions: Spark interprets lambdas row by row, and on
 * rss-2022 the equivalent filter/transform/sequence expression cost about 50 core-seconds, most of the
 * terms stage. Called per sentence by {@link ArticleRuns}.
 */
public final class NGrams {
    public static final int MIN_N = 2;
    public static final int MAX_N = 3;

    private NGrams() {
    }

    /** N-grams for every n in [minN, maxN], terms joined by one space, in sentence order, shorter first. */
    public static List<String> of(List<String> terms, List<Integer> positions, int minN, int maxN) {
        List<String> grams = new ArrayList<>();
        int size = terms.size();
        for (int n = minN; n <= maxN; n++) {
            for (int i = 0; i + n <= size; i++) {
                if (!adjacent(positions, i, n)) {
                    continue;
                }
                StringBuilder g = new StringBuilder(terms.get(i));
                for (int k = 1; k < n; k++) {
                    g.append(' ').append(terms.get(i + k));
                }
                grams.add(g.toString());
            }
        }
        return grams;
    }

    private static boolean adjacent(List<Integer> positions, int from, int n) {
        int first = positions.get(from);
        for (int k = 1; k < n; k++) {
            if (positions.get(from + k) != first + k) {
                return false;
            }
        }
        return true;
    }
}
