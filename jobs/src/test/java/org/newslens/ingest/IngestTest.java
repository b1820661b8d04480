package org.newslens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.ArticleReader;
import org.newslens.pipeline.InputFiles;

class IngestTest {
    static SparkSession spark;
    static Path good;
    static Path broken;

    @BeforeAll
    static void fixtures() {
        spark = TestSpark.get();
        good = TestSpark.tempDir("nl-good");
        Fixtures.goodCorpus(good);
        broken = TestSpark.tempDir("nl broken ünïcode");
        Fixtures.write(broken.resolve("latin1.txt"), "Caf\u00e9 title\ntext".getBytes(StandardCharsets.ISO_8859_1));
        Fixtures.write(broken.resolve("truncated.json"), "[{\"title\": \"kept\", \"text\": \"before the cut\"}, {\"title\": \"lost");
        Fixtures.write(broken.resolve("types.json"), "[{\"title\": [\"array\"], \"text\": \"x\"}, 42, {\"title\": 7, \"text\": true}]");
        Fixtures.write(broken.resolve("empty.json"), "");
        Fixtures.write(broken.resolve("binary.txt"), new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3});
        Fixtures.write(broken.resolve("quotes.csv"), "title,text\nok,fine\n\"unbalanced,text\nmore,rows\n");
        Fixtures.write(broken.resolve("ids.jsonl"), "{\"id\": \"same\", \"title\": \"A\", \"text\": \"one\"}\n"
                + "{\"id\": \"same\", \"title\": \"B\", \"text\": \"two\"}\n{\"title\": \"\", \"text\": \"  \"}\n{bad json\n");
        Fixtures.write(broken.resolve("html.json"), "[{\"title\": \"Scripted\", \"text\": \"<p>visible</p><script>alert('leak')</script><style>.x{}</style>\"}]");
        Fixtures.write(broken.resolve("notes.md"), "# not an input");
    }

    private IngestStage.Result ingest(Path dir, IngestOptions options) {
        InputFiles files = InputFiles.list(List.of(dir.toString()), spark.sparkContext().hadoopConfiguration());
        Dataset<Row> raw = new ArticleReader(spark, FieldMapping.defaults(), 1_000_000).read(files).cache();
        return new IngestStage(options).apply(raw);
    }

    @Test
    void everyFormatIsReadAndCountsReconcile() {
        IngestStage.Result r = ingest(good, new IngestOptions(Set.of(), null, null, LocalDate.of(2024, 11, 18), 1_000_000));
        Map<String, Row> byTitle = r.articles().collectAsList().stream()
                .collect(Collectors.toMap(a -> a.getAs("title"), a -> a));
        assertEquals(Set.of("Kyiv asks for missiles", "Kremlin warns West", "Sanctions", "Gzipped object", "Line one",
                "Line two", "Quoted, title", "Dup", "Wrapped one"), byTitle.keySet());
        assertEquals(1, r.duplicates().count());
        assertEquals(0, r.rejects().count());

        Row b1 = byTitle.get("Kremlin warns West");
        assertEquals("b1", b1.getAs("article_id"));
        assertEquals("The Kremlin warned the West & NATO.", b1.getAs("text"));
        assertEquals("Example Wire", b1.getAs("source"));
        assertEquals("https://example.com/b1", b1.getAs("url"));
        assertEquals("en", b1.getAs("language"));
        assertEquals(java.sql.Date.valueOf("2024-11-19"), b1.getAs("published_date"));

        Row txt = byTitle.get("Kyiv asks for missiles");
        assertEquals(java.sql.Date.valueOf("2024-11-18"), txt.getAs("published_date"), "--default-date for undated");
        assertTrue(((String) txt.getAs("article_id")).startsWith("h"));
        assertEquals("en", txt.getAs("language"));
        assertEquals("Multi-line\ntext, with \"quotes\".", byTitle.get("Quoted, title").getAs("text"));
        // the copy in f.ndjson comes first in input order (paths sorted), so b2 in feeds/b.json is the duplicate
        Row dup = r.duplicates().first();
        assertTrue(dup.<String>getAs("input_file").endsWith("feeds/b.json"));
        assertEquals(byTitle.get("Sanctions").<String>getAs("article_id"), dup.<String>getAs("duplicate_of"));
    }

    @Test
    void articleIdsAreStableAcrossRuns() {
        IngestOptions o = IngestOptions.defaults();
        List<Row> first = ingest(good, o).articles().select("article_id", "content_hash").orderBy("article_id").collectAsList();
        List<Row> second = ingest(good, o).articles().select("article_id", "content_hash").orderBy("article_id").collectAsList();
        assertEquals(first, second);
    }

    @Test
    void brokenInputEndsInRejectsWithReasons() {
        IngestStage.Result r = ingest(broken, IngestOptions.defaults());
        Map<String, List<String>> reasons = r.rejects().collectAsList().stream().collect(Collectors.groupingBy(
                x -> x.<String>getAs("input_file").substring(x.<String>getAs("input_file").lastIndexOf('/') + 1),
                Collectors.mapping(x -> x.getAs("reason"), Collectors.toList())));
        assertTrue(reasons.get("latin1.txt").get(0).startsWith("not valid UTF-8"), reasons.toString());
        assertTrue(reasons.get("truncated.json").get(0).startsWith("malformed JSON"), reasons.toString());
        assertEquals(2, reasons.get("types.json").size(), reasons.toString());
        assertTrue(reasons.get("types.json").stream().anyMatch(s -> s.startsWith("wrong type")));
        assertTrue(reasons.get("types.json").stream().anyMatch(s -> s.contains("not an object")));
        assertEquals(List.of("empty file"), reasons.get("empty.json"));
        assertTrue(reasons.get("binary.txt").get(0).contains("binary"), reasons.toString());
        assertTrue(reasons.get("quotes.csv").get(0).startsWith("malformed CSV"), reasons.toString());
        assertEquals(3, reasons.get("ids.jsonl").size(), reasons.toString());
        assertTrue(reasons.get("ids.jsonl").stream().anyMatch(s -> s.startsWith("duplicate article_id 'same'")));
        Row clash = r.rejects().collectAsList().stream()
                .filter(x -> x.<String>getAs("reason").startsWith("duplicate article_id")).findFirst().orElseThrow();
        assertTrue(clash.<String>getAs("record").contains("\"same\""), "the raw record travels with the reject: " + clash);
        assertTrue(reasons.get("ids.jsonl").stream().anyMatch(s -> s.startsWith("empty")));
        // every reject shows its raw record: those that failed from the cache, the others (empty, id clashes) read again
        assertEquals(List.of(), r.rejects().where(col("record").isNull().and(col("record_index").isNotNull()))
                .collectAsList(), "rejects of a record without its raw text");
        Row empty = r.rejects().collectAsList().stream().filter(x -> x.<String>getAs("reason").startsWith("empty:"))
                .findFirst().orElseThrow();
        assertTrue(empty.<String>getAs("record").startsWith("{"), empty.toString());
        assertTrue(reasons.get("ids.jsonl").stream().anyMatch(s -> s.startsWith("malformed JSON line")));
        assertTrue(reasons.get("notes.md").get(0).startsWith("unsupported file type '.md'"));
        // with more losers than a broadcast holds, they are joined by a shuffle: the same tables
        assertEquals(0, r.articles(false).exceptAll(r.articles(true)).count() + r.articles(true).exceptAll(r.articles(false)).count());
        assertEquals(0, r.rejects(false).exceptAll(r.rejects(true)).count() + r.rejects(true).exceptAll(r.rejects(false)).count());
        assertEquals(r.rejects(true).count(), r.rejects(false).count());

        List<Row> articles = r.articles().collectAsList();
        Set<String> titles = articles.stream().map(a -> a.<String>getAs("title")).collect(Collectors.toSet());
        assertEquals(Set.of("kept", "7", "A", "ok", "Scripted"), titles);
        Row html = articles.stream().filter(a -> a.getAs("title").equals("Scripted")).findFirst().orElseThrow();
        assertEquals("visible", html.getAs("text"));
        assertFalse(html.<String>getAs("text").contains("leak"));
    }

    @Test
    void filtersGoToRejects() {
        IngestStage.Result r = ingest(good, new IngestOptions(Set.of("ru"), LocalDate.of(2024, 11, 20), null, null, 1_000_000));
        assertEquals(0, r.articles().count());
        List<String> reasons = r.rejects().select("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertTrue(reasons.stream().allMatch(s -> s.startsWith("filtered out:")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("not in --languages ru")));
        assertEquals(0, r.rejects().where(col("record").isNull()).count(), "filtered records keep their raw text");
        long dated = ingest(good, new IngestOptions(Set.of(), LocalDate.of(2024, 11, 22), LocalDate.of(2024, 11, 22), null, 1_000_000))
                .articles().count();
        assertEquals(2, dated);
    }

    @Test
    void oversizedArticleIsRejected() {
        IngestStage.Result r = ingest(good, new IngestOptions(Set.of(), null, null, null, 20));
        assertTrue(r.rejects().where(col("reason").startsWith("text is")).count() > 0);
    }

    @Test
    void streamedFormatsAreNotLimitedByFileSizeButPlainTextIs() {
        Path dir = TestSpark.tempDir("nl-stream");
        StringBuilder array = new StringBuilder("[");
        StringBuilder lines = new StringBuilder();
        StringBuilder csv = new StringBuilder("id,title,text\n");
        for (int i = 0; i < 100; i++) {
            array.append(i == 0 ? "" : ",\n").append("{\"id\": \"a").append(i).append("\", \"title\": \"Array item ").append(i)
                    .append("\", \"text\": \"Streamed from a JSON array, record ").append(i).append(".\"}");
            lines.append("{\"id\": \"l").append(i).append("\", \"title\": \"Line item ").append(i)
                    .append("\", \"text\": \"Streamed from JSON Lines, record ").append(i).append(".\"}\n");
            csv.append("c").append(i).append(",CSV item ").append(i).append(",\"Streamed from CSV,\nrecord ").append(i).append(".\"\n");
        }
        Fixtures.write(dir.resolve("big.json"), array.append("]").toString());
        Fixtures.write(dir.resolve("big.jsonl"), lines.toString());
        Fixtures.write(dir.resolve("big.csv"), csv.toString());
        Fixtures.write(dir.resolve("wrapper.json"), "{\"items\": [" + "{\"title\": \"wrapped\", \"text\": \"" + "x ".repeat(1500) + "\"}]}");
        Fixtures.write(dir.resolve("long.txt"), "Long title\n" + "word ".repeat(1000));
        InputFiles files = InputFiles.list(List.of(dir.toString()), spark.sparkContext().hadoopConfiguration());
        Dataset<Row> raw = new ArticleReader(spark, FieldMapping.defaults(), 2000).read(files);
        IngestStage.Result r = new IngestStage(IngestOptions.defaults()).apply(raw);
        assertEquals(300, r.articles().count(), "every record of the streamed files, each file larger than the limit");
        List<String> reasons = r.rejects().select("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("file is larger than --max-file-bytes 2000"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(x -> x.startsWith("a JSON file of objects (read whole, one by one) is larger than --max-file-bytes 2000")), reasons.toString());
    }

    @Test
    void aLineThatIsNotUtf8IsOneRejectAndTruncatedJsonKeepsTheItemsBefore() {
        Path dir = TestSpark.tempDir("nl-stream-utf8");
        byte[] good = "{\"title\": \"first\", \"text\": \"fine\"}\r\n{\"title\": \"second\", \"text\": \"fine\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"title\": \"Caf\u00e9\", \"text\": \"latin-1\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] last = "\n{\"title\": \"third\", \"text\": \"after the bad line, no newline at the end\"}".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(good);
        all.writeBytes(bad);
        all.writeBytes(last);
        Fixtures.write(dir.resolve("mixed.jsonl"), all.toByteArray());
        Fixtures.write(dir.resolve("truncated.json"), "[{\"title\": \"kept\", \"text\": \"before the cut\"}, {\"title\": \"lo");
        InputFiles files = InputFiles.list(List.of(dir.toString()), spark.sparkContext().hadoopConfiguration());
        IngestStage.Result r = new IngestStage(IngestOptions.defaults()).apply(new ArticleReader(spark, FieldMapping.defaults(), 1_000_000).read(files));
        assertEquals(Set.of("first", "second", "third", "kept"), r.articles().collectAsList().stream().map(a -> a.<String>getAs("title")).collect(Collectors.toSet()));
        Map<String, Row> rejects = r.rejects().collectAsList().stream().collect(Collectors.toMap(
                x -> x.<String>getAs("input_file").substring(x.<String>getAs("input_file").lastIndexOf('/') + 1), x -> x));
        Row latin1 = rejects.get("mixed.jsonl");
        assertEquals(2L, latin1.<Long>getAs("record_index"), rejects.toString());
        assertTrue(latin1.<String>getAs("reason").startsWith("not valid UTF-8"), rejects.toString());
        assertTrue(latin1.<String>getAs("record").contains("Caf"), rejects.toString());
        Row truncated = rejects.get("truncated.json");
        assertTrue(truncated.<String>getAs("reason").startsWith("malformed JSON from record 1 on (line 1"), truncated.toString());
        assertTrue(truncated.<String>getAs("record").contains("{\"title\": \"lo"), "the text around the error travels with the reject: " + truncated);
    }

    @Test
    void parquetFilesKeepTheirOwnColumnsAndACorruptOneIsAReject() throws Exception {
        Path dir = TestSpark.tempDir("nl-parquet");
        StructType a = new StructType().add("title", "string").add("body", "string").add("date", "string");
        StructType b = new StructType().add("headline", "string").add("text", "string").add("published", "string");
        spark.createDataFrame(List.of(RowFactory.create("A one", "Text of a one.", "2024-11-01"),
                RowFactory.create("A two", "Text of a two.", "2024-11-02")), a).coalesce(1).write().parquet(dir.resolve("a.parquet").toString());
        spark.createDataFrame(List.of(RowFactory.create("B one", "Text of b one.", "2024-11-03")), b)
                .coalesce(1).write().parquet(dir.resolve("b.parquet").toString());
        Fixtures.write(dir.resolve("bad.parquet"), "title,text\nthis is CSV, not Parquet\n");
        Path part;
        try (var files = Files.list(dir.resolve("a.parquet"))) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(part);
        Fixtures.write(dir.resolve("truncated.parquet"), Arrays.copyOf(whole, whole.length / 2));
        Fixtures.write(dir.resolve("also.jsonl"), "{\"title\": \"JSON one\", \"text\": \"Still read.\"}\n");

        IngestStage.Result r = ingest(dir, IngestOptions.defaults());
        Map<String, Row> byTitle = r.articles().collectAsList().stream().collect(Collectors.toMap(x -> x.getAs("title"), x -> x));
        assertEquals(Set.of("A one", "A two", "B one", "JSON one"), byTitle.keySet());
        assertEquals("Text of b one.", byTitle.get("B one").getAs("text"));
        assertEquals(java.sql.Date.valueOf("2024-11-03"), byTitle.get("B one").getAs("published_date"));
        assertTrue(byTitle.get("B one").<String>getAs("input_file").contains("b.parquet/part-"));
        Map<String, String> reasons = r.rejects().collectAsList().stream().collect(Collectors.toMap(
                x -> x.<String>getAs("input_file").substring(x.<String>getAs("input_file").lastIndexOf('/') + 1), x -> x.getAs("reason")));
        assertEquals(Set.of("bad.parquet", "truncated.parquet"), reasons.keySet(), reasons.toString());
        assertTrue(reasons.values().stream().allMatch(s -> s.startsWith("not a Parquet file (no readable footer): ")), reasons.toString());
        assertEquals(0, r.duplicates().count());
    }
}
