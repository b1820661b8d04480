package org.newslens.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.newslens.pipeline.InputFiles.Entry;

class FileBinsTest {
    /** A year of daily files whose last two months are ten times the rest, as rss-2022's are. */
    private static List<Entry> days() {
        List<Entry> files = new ArrayList<>();
        for (int d = 0; d < 365; d++) {
            files.add(new Entry(String.format("day-%03d.jsonl.gz", d), d < 300 ? 47_000 + d : 550_000 + d));
        }
        return files;
    }

    @Test
    void everyFileIsInOneBinAndTheBinsCarryAboutTheSameBytes() {
        List<Entry> files = days();
        Map<String, Long> bytes = new HashMap<>();
        files.forEach(e -> bytes.put(e.path(), e.bytes()));
        List<List<String>> bins = FileBins.pack(files, 14);
        assertEquals(14, bins.size());
        List<String> all = new ArrayList<>();
        bins.forEach(all::addAll);
        Collections.sort(all);
        assertEquals(files.stream().map(Entry::path).toList(), all);
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        long largestFile = Collections.max(bytes.values());
        for (List<String> bin : bins) {
            assertFalse(bin.isEmpty());
            long b = bin.stream().mapToLong(bytes::get).sum();
            // longest-processing-time-first: no bin exceeds the mean by more than one file
            assertTrue(b <= total / 14 + largestFile, bin.size() + " files, " + b + " bytes");
        }
        // equal counts (Spark's own slicing of the sorted list) put every large day in the last three tasks
        long lastSlice = files.subList(365 - 26, 365).stream().mapToLong(Entry::bytes).sum();
        assertTrue(lastSlice > 2 * (total / 14 + largestFile));
    }

    @Test
    void thePackingDoesNotDependOnTheListingOrder() {
        List<Entry> files = days();
        List<List<String>> expected = FileBins.pack(files, 9);
        List<Entry> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(5));
        assertEquals(expected, FileBins.pack(shuffled, 9));
    }

    @Test
    void fewerFilesThanBinsGiveOneBinPerFile() {
        List<List<String>> bins = FileBins.pack(List.of(new Entry("a", 1), new Entry("b", 2)), 8);
        assertEquals(List.of(List.of("b"), List.of("a")), bins);
    }

    @Test
    void aBinsFilesAreOpenedOneAfterAnother() {
        List<String> opened = new ArrayList<>();
        Iterator<String> rows = FileBins.concat(List.of("a", "empty", "b"), path -> {
            opened.add(path);
            return path.equals("empty") ? Collections.emptyIterator() : List.of(path + "1", path + "2").iterator();
        });
        assertEquals("a1", rows.next());
        assertEquals(List.of("a"), opened);
        List<String> rest = new ArrayList<>();
        rows.forEachRemaining(rest::add);
        assertEquals(List.of("a2", "b1", "b2"), rest);
        assertEquals(List.of("a", "empty", "b"), opened);
    }
}
