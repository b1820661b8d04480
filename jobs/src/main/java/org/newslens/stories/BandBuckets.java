package org.newslens.stories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The buckets of one partition of (article_num, band, key) rows hash-partitioned by (key, band): for every (key, band)
 * held by two articles or more, its members' numbers, ascending. Single-member keys, nearly all of them, give nothing.
 *
 * <p>Why not Spark's own grouping: a window over (key, band) sorted every row (20 per article, 17 M at rss-2022 x4)
 * as Spark rows and buffered each key's members to find the few keys that are shared, 25 core-seconds of the stage's
 * 130 at 4x; collect_list as an aggregate sorts too (it is hash-aggregated for at most 128 keys a task). Here the
 * keys are sorted as a primitive array, the shared ones found by their neighbours, and only their rows looked at
 * again. Memory: three primitive arrays of the partition's rows, which the caller bounds
 * ({@link StoriesStage#partitionsFor}).
 */
final class BandBuckets implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final String MEMBERS = "m";
    static final StructType SCHEMA = new StructType()
            .add(MEMBERS, DataTypes.createArrayType(DataTypes.LongType, false), false);

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        long[] nums = new long[1024];
        int[] bands = new int[1024];
        long[] keys = new long[1024];
        int n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (n == keys.length) {
                nums = Arrays.copyOf(nums, n * 2);
                bands = Arrays.copyOf(bands, n * 2);
                keys = Arrays.copyOf(keys, n * 2);
            }
            nums[n] = r.getLong(0);
            bands[n] = r.getInt(1);
            keys[n] = r.getLong(2);
            n++;
        }
        return buckets(nums, bands, keys, n).iterator();
    }

    /** The buckets of the first n rows (the arrays are read, not changed). */
    static List<Row> buckets(long[] nums, int[] bands, long[] keys, int n) {
        long[] shared = sharedKeys(keys, n);
        List<Row> out = new ArrayList<>();
        if (shared.length == 0) {
            return out;
        }
        // rows of a shared key, as (rank of the key << 32 | row): one primitive sort brings each key's rows together
        long[] byKey = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(shared, keys[i]);
            if (rank >= 0) {
                byKey[m++] = ((long) rank << 32) | i;
            }
        }
        Arrays.sort(byKey, 0, m);
        for (int from = 0; from < m; ) {
            int to = from + 1;
            while (to < m && byKey[to] >>> 32 == byKey[from] >>> 32) {
                to++;
            }
            emit(byKey, from, to, nums, bands, out);
            from = to;
        }
        return out;
    }

    /** The keys found in two rows or more, ascending, each once. */
    static long[] sharedKeys(long[] keys, int n) {
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        long[] shared = new long[n / 2];
        int d = 0;
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1] && (d == 0 || shared[d - 1] != sorted[i])) {
                shared[d++] = sorted[i];
            }
        }
        return Arrays.copyOf(shared, d);
    }

    /** One key's rows byKey[from, to): a bucket per band among them (one band nearly always) with two members or more. */
    private static void emit(long[] byKey, int from, int to, long[] nums, int[] bands, List<Row> out) {
        int[] rowsOf = new int[to - from];
        for (int i = from; i < to; i++) {
            rowsOf[i - from] = (int) byKey[i];
        }
        // by band: a key shared across bands (a 64-bit collision) makes one bucket per band, as grouping by both did
        long[] byBand = new long[rowsOf.length];
        for (int i = 0; i < rowsOf.length; i++) {
            byBand[i] = ((long) bands[rowsOf[i]] << 32) | i;
        }
        Arrays.sort(byBand);
        for (int a = 0; a < byBand.length; ) {
            int b = a + 1;
            while (b < byBand.length && byBand[b] >>> 32 == byBand[a] >>> 32) {
                b++;
            }
            if (b - a >= 2) {
                long[] members = new long[b - a];
                for (int i = a; i < b; i++) {
                    members[i - a] = nums[rowsOf[(int) byBand[i]]];
                }
                Arrays.sort(members);
                out.add(RowFactory.create((Object) members));
            }
            a = b;
        }
    }
}
