package org.newslens.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newslens.cli.Main;
import org.newslens.TestSpark;

/** Damage of every kind, found from the footers alone, named by table and file; healthy tables stay ok. */
class TableVerifierTest {

    static Path run() throws IOException {
        Path in = TestSpark.tempDir("nl-verify-in");
        Files.writeString(in.resolve("a.jsonl"), "{\"title\": \"Kyiv asks for missiles\", \"text\": \"Ukraine asked allies for long-range missiles.\"}\n"
                + "{\"title\": \"Kremlin warns West\", \"text\": \"The Kremlin warned the West on Monday.\"}\n");
        Path out = TestSpark.tempDir("nl-verify-out");
        assertEquals(0, Main.execute("ingest", "--input", in.toString(), "--output", out.toString()));
        assertEquals(0, Main.execute("tokenize", "--output", out.toString()));
        return out;
    }

    static Map<String, TableVerifier.Verdict> verify(Path out) {
        return new TableStore(TestSpark.get(), out.toString()).verify().stream()
                .collect(Collectors.toMap(TableVerifier.Verdict::table, v -> v));
    }

    static Path part(Path out, String table) throws IOException {
        try (var files = Files.list(out.resolve(table))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void everyKindOfDamageIsNamed() throws IOException {
        SparkSession spark = TestSpark.get();
        Path out = run();
        assertEquals(0, Main.execute("tables", "--verify", "--output", out.toString()));
        Map<String, TableVerifier.Verdict> healthy = verify(out);
        assertEquals(TableVerifier.State.ok, healthy.get("articles").state(), healthy.get("articles").toString());
        assertEquals(2, healthy.get("articles").rows());
        assertEquals(TableVerifier.State.ok, healthy.get("sentences").state());
        assertEquals(TableVerifier.State.missing, healthy.get("mentions").state());

        // corrupt footer
        Path sentencesPart = part(out, "sentences");
        Files.write(sentencesPart, new byte[100]);
        // a foreign file, and files Spark ignores
        Files.writeString(out.resolve("articles").resolve("notes.txt"), "my notes");
        Files.writeString(out.resolve("duplicates").resolve(".DS_Store"), "x");
        Files.writeString(out.resolve("duplicates").resolve("_SUCCESS"), "");
        // a part file with another schema
        Path boilerplatePart = part(out, "boilerplate");
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("x")),
                new org.apache.spark.sql.types.StructType().add("other", "string")).coalesce(1).write().parquet(out.resolve("tmp-other").toString());
        Path other = part(out, "tmp-other");
        Files.copy(other, boilerplatePart.resolveSibling("part-99999-other.parquet"));

        Map<String, TableVerifier.Verdict> v = verify(out);
        // the intact tables stay queryable; the damaged one fails alone, naming its file
        org.newslens.query.SqlRunner sql = new org.newslens.query.SqlRunner(spark, out.toString());
        assertEquals(0L, sql.query("select count(*) from duplicates").first().getLong(0));
        assertTrue(sql.damaged().containsKey("sentences"), sql.damaged().toString());
        org.newslens.pipeline.UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                () -> sql.query("select * from sentences"));
        assertTrue(e.getMessage().startsWith("table sentences: " + sentencesPart.getFileName() + " is not a readable Parquet file"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; rerun the tokenize stage"), e.getMessage());
        assertEquals(TableVerifier.State.damaged, v.get("sentences").state());
        assertTrue(v.get("sentences").problems().get(0).startsWith(sentencesPart.getFileName() + " is not a readable Parquet file"),
                v.get("sentences").problems().toString());
        assertEquals(TableVerifier.State.damaged, v.get("articles").state());
        assertTrue(v.get("articles").problems().get(0).startsWith("notes.txt is not a part file"), v.get("articles").toString());
        assertEquals(TableVerifier.State.ok, v.get("duplicates").state(), "Spark skips _ and . files: " + v.get("duplicates"));
        assertEquals(TableVerifier.State.damaged, v.get("boilerplate").state());
        assertTrue(v.get("boilerplate").problems().get(0).startsWith("part-99999-other.parquet has another schema: columns (other) differ from part-00000"),
                v.get("boilerplate").toString());

        // truncated and zero-byte part files
        byte[] whole = Files.readAllBytes(part(out, "duplicates"));
        Files.write(part(out, "duplicates"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(out.resolve("boilerplate").resolve("part-99998-empty.parquet"), new byte[0]);
        v = verify(out);
        assertEquals(TableVerifier.State.damaged, v.get("duplicates").state(), v.get("duplicates").toString());
        assertTrue(v.get("boilerplate").problems().stream().anyMatch(p -> p.equals("part-99998-empty.parquet is empty (0 bytes)")),
                v.get("boilerplate").toString());

        // a missing part file: fewer rows than the completion marker counted
        Files.delete(out.resolve("articles").resolve("notes.txt"));
        Path articlesPart = part(out, "articles");
        Files.delete(articlesPart);
        Files.deleteIfExists(articlesPart.resolveSibling("." + articlesPart.getFileName() + ".crc"));
        v = verify(out);
        assertEquals(TableVerifier.State.damaged, v.get("articles").state());
        assertTrue(v.get("articles").problems().get(0).contains("the completion marker says 2 (a part file is missing)"), v.get("articles").toString());

        // the CLI prints a verdict per table and exits with 2
        assertEquals(2, Main.execute("tables", "--verify", "--output", out.toString()));
    }
}
