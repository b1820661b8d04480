package org.newslens.stories;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Each source's template shingles as a sorted array, to drop them from a shingle set by binary search: O(n log m)
 * per article. Spark's array_except builds a hash set of the template for every row instead, O(m) per article:
 * on rss-2022 x4, whose replicas give large templates, that filter alone took 529 of the stage's 1,091 core-seconds.
 */
final class SourceTemplates implements Serializable {
    private final Map<Long, int[]> bySource = new HashMap<>();

    /** rows of (source hash, template shingles) */
    SourceTemplates(List<Row> rows) {
        for (Row r : rows) {
            List<Integer> shingles = r.getList(1);
            int[] sorted = shingles.stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(sorted);
            bySource.put(r.getLong(0), sorted);
        }
    }

    /** The shingles that are not in the source's template, in their order; all of them when the source has none. */
    int[] without(Long source, int[] shingles) {
        int[] template = source == null ? null : bySource.get(source);
        if (template == null) {
            return shingles;
        }
        int[] kept = new int[shingles.length];
        int n = 0;
        for (int s : shingles) {
            if (Arrays.binarySearch(template, s) < 0) {
                kept[n++] = s;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    boolean isEmpty() {
        return bySource.isEmpty();
    }
}
