package org.newslens.stories;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The buckets are what grouping the rows by (key, band) gives: every group of two members or more, sorted. */
class BandBucketsTest {
    @Test
    void bucketsAreTheGroupsOfTwoOrMoreByKeyAndBand() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = random.nextInt(2000);
            long[] nums = new long[n];
            int[] bands = new int[n];
            long[] keys = new long[n];
            // few distinct keys, so that many are shared; some shared across bands (a collision); negative keys too
            int distinct = 1 + random.nextInt(Math.max(1, n));
            for (int i = 0; i < n; i++) {
                nums[i] = random.nextInt(1_000_000) + (long) random.nextInt(3) * (1L << 40);
                bands[i] = random.nextInt(BAND_COUNT);
                keys[i] = (random.nextInt(distinct) - distinct / 2) * 0x9E3779B97F4A7C15L;
            }
            assertEquals(expected(nums, bands, keys, n), got(BandBuckets.buckets(nums, bands, keys, n)), "round " + round);
        }
    }

    @Test
    void singleMembersAndAnEmptyPartitionGiveNothing() {
        assertTrue(BandBuckets.buckets(new long[0], new int[0], new long[0], 0).isEmpty());
        assertTrue(BandBuckets.buckets(new long[] {1, 2, 3}, new int[] {0, 0, 0}, new long[] {5, 6, 7}, 3).isEmpty());
        // one key in two bands: two single-member buckets
        assertTrue(BandBuckets.buckets(new long[] {1, 2}, new int[] {0, 1}, new long[] {5, 5}, 2).isEmpty());
    }

    @Test
    void membersComeOutAscending() {
        List<Row> out = BandBuckets.buckets(new long[] {9, 3, 7, 1}, new int[] {2, 2, 2, 2}, new long[] {-4, -4, -4, 8}, 4);
        assertEquals(1, out.size());
        assertArrayEquals(new long[] {3, 7, 9}, (long[]) out.get(0).get(0));
    }

    @Test
    void sharedKeysAreEachListedOnce() {
        assertArrayEquals(new long[] {-1, 4}, BandBuckets.sharedKeys(new long[] {4, -1, 4, 2, -1, 4, 9}, 7));
        assertArrayEquals(new long[0], BandBuckets.sharedKeys(new long[] {1, 2, 3}, 3));
    }

    private static final int BAND_COUNT = 4;

    /** One member list per group of two or more, as a sorted multiset (two groups may hold the same articles). */
    private static List<String> expected(long[] nums, int[] bands, long[] keys, int n) {
        Map<List<Long>, List<Long>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(List.of(keys[i], (long) bands[i]), g -> new ArrayList<>()).add(nums[i]);
        }
        List<String> out = new ArrayList<>();
        for (List<Long> members : groups.values()) {
            if (members.size() >= 2) {
                members.sort(null);
                out.add(members.toString());
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> got(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            List<Long> members = new ArrayList<>();
            for (long m : (long[]) r.get(0)) {
                members.add(m);
            }
            out.add(members.toString());
        }
        out.sort(null);
        return out;
    }
}
