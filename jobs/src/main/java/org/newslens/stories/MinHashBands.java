package org.newslens.stories;

import java.io.Serializable;
import java.util.Random;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * MinHash signatures cut into bands, one key per band: two sets share a band key when they agree on all {@code rows}
 * values of the band, which happens with probability J^rows for sets of Jaccard similarity J.
 *
 * <p>The hash family is MLlib's {@code MinHashLSH} ((1 + x) * a + b mod 2038074743, coefficients drawn from a seeded
 * generator), computed in a primitive loop: MLlib's model computes it through Scala collections of boxed values and a
 * vector per hash, and on rss-2022 that was 34 of the stage's 100 core-seconds (this loop: see docs/stories.md).
 */
final class MinHashBands implements Serializable {
    private static final long PRIME = 2_038_074_743L;
    private final int bands;
    private final int rows;
    private final long[] a;
    private final long[] b;

    MinHashBands(int bands, int rows, long seed) {
        this.bands = bands;
        this.rows = rows;
        Random random = new Random(seed);
        a = new long[bands * rows];
        b = new long[bands * rows];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1 + random.nextInt((int) PRIME - 1);
            b[i] = random.nextInt((int) PRIME - 1);
        }
    }

    /** One key per band of the set's signature; the set is not empty and its elements are below 2^31. */
    long[] keys(int[] set) {
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            int high = band;
            int low = band + bands;
            for (int r = 0; r < rows; r++) {
                int h = band * rows + r;
                long min = Long.MAX_VALUE;
                for (int x : set) {
                    long v = ((1L + x) * a[h] + b[h]) % PRIME;
                    if (v < min) {
                        min = v;
                    }
                }
                high = Murmur3_x86_32.hashInt((int) min, high);
                low = Murmur3_x86_32.hashInt((int) min, low);
            }
            keys[band] = ((long) high << 32) | (low & 0xffffffffL);
        }
        return keys;
    }
}
