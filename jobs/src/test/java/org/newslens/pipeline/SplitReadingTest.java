package org.newslens.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.ingest.FieldMapping;
import org.newslens.ingest.Fixtures;
import org.newslens.ingest.SplitLinesTest;

/**
 * ArticleReader on Spark: with a split size of 1000 bytes, large JSON Lines files are read in many tasks
 * and give exactly the raw records (record_index and every column) of reading each file whole.
 */
class SplitReadingTest {

    private static List<String> rows(Dataset<Row> raw) {
        List<String> out = new ArrayList<>();
        for (Row r : raw.orderBy("input_file", "record_index").collectAsList()) {
            out.add(r.toString());
        }
        return out;
    }

    private static byte[] articles(String prefix, int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            String text = "Body of " + prefix + " " + i + " ñ 中 😀 ".repeat(1 + i % 7);
            b.writeBytes(("{\"id\": \"" + prefix + i + "\", \"title\": \"T " + i + "\", \"text\": \"" + text
                    + "\", \"date\": \"2024-11-" + (10 + i % 20) + "\", \"language\": \"en\"}" + (i % 3 == 0 ? "\r\n" : "\n"))
                    .getBytes(StandardCharsets.UTF_8));
            if (i % 10 == 4) {
                b.writeBytes("\n \n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toByteArray();
    }

    @Test
    void splitReadingEqualsWholeReading() {
        Path dir = TestSpark.tempDir("nl-split");
        Fixtures.write(dir.resolve("a/awkward.jsonl"), SplitLinesTest.awkward());
        Fixtures.write(dir.resolve("a/many.ndjson"), articles("m", 60));
        Fixtures.write(dir.resolve("b/lines.json"), articles("j", 25));
        Fixtures.write(dir.resolve("b/zipped.jsonl.gz"), articles("z", 30));
        Fixtures.write(dir.resolve("b/array.json"), "[{\"title\": \"A\", \"text\": \"a\"}, {\"title\": \"B\", \"text\": \"b\"}]");
        Fixtures.write(dir.resolve("c/small.jsonl"), "{\"title\": \"S\", \"text\": \"s\"}\n");
        Fixtures.write(dir.resolve("c/plain.txt"), "Title\n\nBody.\n");
        InputFiles files = InputFiles.list(List.of(dir.toString()), TestSpark.get().sparkContext().hadoopConfiguration());
        Dataset<Row> split = new ArticleReader(TestSpark.get(), FieldMapping.defaults(), 1_000_000, 1000).read(files);
        Dataset<Row> whole = new ArticleReader(TestSpark.get(), FieldMapping.defaults(), 1_000_000, Long.MAX_VALUE).read(files);
        assertTrue(split.rdd().getNumPartitions() > 12, "many splits: " + split.rdd().getNumPartitions());
        List<String> expected = rows(whole);
        assertEquals(9 + 60 + 25 + 30 + 2 + 1 + 1, expected.size());
        assertEquals(expected, rows(split));
    }

    @Test
    void theSplitSizeGivesAboutFourTasksPerCoreWithinBounds() {
        assertEquals(ArticleReader.MAX_SPLIT_BYTES, ArticleReader.splitBytes(878L << 20, 2));
        assertEquals(100L << 20 >> 3, ArticleReader.splitBytes(100L << 20, 2));
        assertEquals(ArticleReader.MIN_SPLIT_BYTES, ArticleReader.splitBytes(10L << 20, 8));
    }

    @Test
    void aGzipFileHoldingMostOfTheInputIsNoted() {
        InputFiles files = new InputFiles(List.of(new InputFiles.Entry("/in/big.jsonl.gz", 93L << 20),
                new InputFiles.Entry("/in/small.jsonl", 7L << 20)), List.of());
        assertEquals("; note: big.jsonl.gz holds 93 % of the input and gzip cannot be split: one task reads it"
                + " (decompress it or split it into several files to use more cores)", ArticleReader.unsplittableNote(files));
        InputFiles plain = new InputFiles(List.of(new InputFiles.Entry("/in/big.jsonl", 93L << 20),
                new InputFiles.Entry("/in/small.jsonl.gz", 7L << 20)), List.of());
        assertEquals("", ArticleReader.unsplittableNote(plain));
        InputFiles tiny = new InputFiles(List.of(new InputFiles.Entry("/in/tiny.jsonl.gz", 1000)), List.of());
        assertEquals("", ArticleReader.unsplittableNote(tiny), "too small to matter");
    }
}
