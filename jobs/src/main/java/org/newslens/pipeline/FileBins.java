package org.newslens.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.newslens.pipeline.InputFiles.Entry;

/**
 * Whole files (small or compressed ones, read by one task each) packed into a number of tasks of about the same
 * bytes: the largest file first, each into the task with the fewest bytes so far (longest-processing-time-first;
 * ties go to the lower task and, among files, to the path, so the packing does not depend on the listing order).
 * Spark's own slicing of a list cuts it into runs of equal counts: a corpus saved one file per day, whose late days
 * are ten times its early ones (rss-2022: 47 KB median, 657 KB largest), then had its heaviest tasks together at
 * the end, one core idle while the last of them finished.
 */
final class FileBins {
    private FileBins() {
    }

    /** At most {@code bins} lists of paths (no empty list); every entry in exactly one. */
    static List<List<String>> pack(List<Entry> files, int bins) {
        List<Entry> bySize = new ArrayList<>(files);
        bySize.sort(Comparator.comparingLong(Entry::bytes).reversed().thenComparing(Entry::path));
        int n = Math.max(1, Math.min(bins, bySize.size()));
        List<List<String>> packed = new ArrayList<>();
        long[] bytes = new long[n];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(i -> bytes[i]).thenComparingInt(i -> i));
        for (int i = 0; i < n; i++) {
            packed.add(new ArrayList<>());
            lightest.add(i);
        }
        for (Entry e : bySize) {
            int bin = lightest.poll();
            packed.get(bin).add(e.path());
            bytes[bin] += e.bytes();
            lightest.add(bin);
        }
        packed.removeIf(List::isEmpty);
        packed.forEach(Collections::sort);
        return packed;
    }

    /** The rows of a bin's files, one file after another, each file opened only when the one before is done. */
    static <T> Iterator<T> concat(List<String> paths, Function<String, Iterator<T>> open) {
        return new Iterator<>() {
            private int next;
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < paths.size()) {
                    current = open.apply(paths.get(next++));
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
