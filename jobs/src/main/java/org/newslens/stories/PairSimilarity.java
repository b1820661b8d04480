package org.newslens.stories;

import java.util.Arrays;

/**
 * The similarity of two candidate copies from their shingle sets: the larger of Jaccard and containment, or 0 for
 * two items of one source's series (the rules: {@code StoriesStage.withSimilarity}). One merge per
 * intersection over the sorted sets: written with Spark's {@code array_intersect}, every pair built a hash set for
 * each of its six intersections, some of them twice, and at rss-2022 x4 (1.6 M pairs to verify and 0.8 M members to
 * check) that was the stage's largest cost.
 */
final class PairSimilarity {
    private PairSimilarity() {
    }

    /**
     * sets and titles: distinct shingles (sorted ascending, as {@link ArticleShingles} writes them; others are sorted
     * here). sameSource: both articles have a source and it is the same; channel: the first one's source is a video
     * channel.
     */
    static double of(int[] a, int[] b, int[] titleA, int[] titleB, boolean sameSource, boolean channel, double threshold) {
        a = sorted(a);
        b = sorted(b);
        if (sameSource && seriesItems(a, b, sorted(titleA), sorted(titleB), channel, threshold)) {
            return 0.0;
        }
        int inter = common(a, b);
        double jaccard = (double) inter / (a.length + b.length - inter);
        int smaller = Math.min(a.length, b.length);
        double containment = smaller >= StoriesStage.MIN_CONTAINED ? (double) inter / smaller : 0.0;
        return Math.max(jaccard, containment);
    }

    private static boolean seriesItems(int[] a, int[] b, int[] titleA, int[] titleB, boolean channel, double threshold) {
        if (channel) {
            return true;
        }
        // a title's shingles still in its article's set are those that are not the source's template
        int ownA = common(titleA, a);
        int ownB = common(titleB, b);
        if (ownA == 0 || ownB == 0) {
            return false;
        }
        if (common3(titleA, titleB, a) == 0) {
            return true;
        }
        // Two items whose bodies are all the source's template are compared by their titles alone, and what is left
        // of those titles may be just the day's date ("Heardle Answer And Clues For Thursday, October 27", "Quordle
        // Answers And Clues For Thursday, October 27"): their whole titles must then be alike.
        if (a.length != ownA || b.length != ownB) {
            return false;
        }
        int shared = common(titleA, titleB);
        return (double) shared / (titleA.length + titleB.length - shared) < threshold;
    }

    /** Elements of both sorted distinct arrays. */
    static int common(int[] x, int[] y) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < x.length && j < y.length) {
            if (x[i] < y[j]) {
                i++;
            } else if (x[i] > y[j]) {
                j++;
            } else {
                n++;
                i++;
                j++;
            }
        }
        return n;
    }

    /** Elements of all three sorted distinct arrays. */
    static int common3(int[] x, int[] y, int[] z) {
        int i = 0;
        int j = 0;
        int k = 0;
        int n = 0;
        while (i < x.length && j < y.length && k < z.length) {
            int max = Math.max(x[i], Math.max(y[j], z[k]));
            if (x[i] == max && y[j] == max && z[k] == max) {
                n++;
                i++;
                j++;
                k++;
            } else {
                if (x[i] < max) {
                    i++;
                }
                if (y[j] < max) {
                    j++;
                }
                if (z[k] < max) {
                    k++;
                }
            }
        }
        return n;
    }

    /** The array itself when ascending and distinct, else a sorted distinct copy. */
    static int[] sorted(int[] v) {
        for (int i = 1; i < v.length; i++) {
            if (v[i - 1] >= v[i]) {
                return Arrays.stream(v).sorted().distinct().toArray();
            }
        }
        return v;
    }
}
