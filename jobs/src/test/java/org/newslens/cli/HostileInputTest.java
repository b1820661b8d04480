package org.newslens.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.ingest.Fixtures;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/** The whole pipeline survives hostile input: every record ends in articles, duplicates or rejects. */
class HostileInputTest {

    @Test
    void pipelineSurvivesAndCountsReconcile() {
        SparkSession spark = TestSpark.get();
        Path dir = TestSpark.tempDir("nl hostile ïnput ");
        Path sub = dir.resolve("sous dossier ü");
        Fixtures.write(sub.resolve("bad utf8.txt"), new byte[] {'T', 'i', 't', 'l', 'e', '\n', (byte) 0xC3, (byte) 0x28, 'x'});
        Fixtures.write(sub.resolve("truncated.json"), "[{\"title\": \"one\", \"text\": \"ok\"}, {\"title\": \"two\", \"te");
        Fixtures.write(sub.resolve("types.jsonl"), "{\"title\": {\"a\": 1}, \"text\": \"x\"}\n{\"title\": \"n\", \"text\": 12345, \"date\": false}\n");
        Fixtures.write(sub.resolve("empty.txt"), "");
        Fixtures.write(sub.resolve("blank.jsonl"), "\n\n");
        Fixtures.write(sub.resolve("binary.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Fixtures.write(sub.resolve("quotes.csv"), "title,text\n\"never closed,text\n");
        Fixtures.write(sub.resolve("ids.jsonl"), "{\"id\": \"x\", \"title\": \"first\", \"text\": \"a\"}\n{\"id\": \"x\", \"title\": \"second\", \"text\": \"b\"}\n");
        Fixtures.write(sub.resolve("emptytext.json"), "[{\"title\": \"\", \"text\": \"\"}, {\"title\": \"Headline only\", \"text\": \"\"}]");
        Fixtures.write(sub.resolve("foreign.jsonl"),
                "{\"title\": \"Rosja ostrzega Stany Zjednoczone\", \"text\": \"Moskwa oświadczyła w poniedziałek, że decyzja doprowadzi do eskalacji.\"}\n"
                + "{\"title\": \"Путин выступил с заявлением\", \"text\": \"Президент России заявил в понедельник о новых мерах.\"}\n"
                + "{\"title\": \"中国呼吁乌克兰停火\", \"text\": \"中国外交部发言人周一表示，希望尽快停火。\"}\n");
        Fixtures.write(sub.resolve("html.json"), "[{\"title\": \"<b>Bold</b> news\", \"text\": \"<html><head><style>body{x:1}</style>"
                + "<script>document.write('LEAKED')</script></head><body><p>Real text.</p><noscript>LEAKED</noscript></body></html>\"}]");
        char[] big = new char[50 * 1024 * 1024];
        Arrays.fill(big, 'a');
        for (int i = 100; i < big.length; i += 100) {
            big[i] = ' ';
        }
        Fixtures.write(sub.resolve("huge.txt"), ("Huge article\n" + new String(big)).getBytes(StandardCharsets.UTF_8));

        Path out = TestSpark.tempDir("nl-hostile-out");
        assertEquals(0, Main.execute("run", "--input", dir.toString(), "--output", out.toString()));

        TableStore store = new TableStore(spark, out.toString());
        Row run = store.read(Tables.RUNS).first();
        long articles = store.read(Tables.ARTICLES).count();
        long duplicates = store.read(Tables.DUPLICATES).count();
        long rejects = store.read(Tables.REJECTS).count();
        assertEquals(run.<Long>getAs("input_records"), articles + duplicates + rejects);
        assertEquals(articles, run.<Long>getAs("articles"));
        assertEquals(0, store.read(Tables.ARTICLES).where(col("text").contains("LEAKED").or(col("text").contains("body{"))).count());
        assertEquals(1, store.read(Tables.REJECTS).where(col("reason").startsWith("text is ")).count(), "the 50 MB article");
        assertTrue(store.read(Tables.REJECTS).where(col("reason").isNull().or(col("reason").equalTo(""))).isEmpty());
        // the non-English articles are kept with their languages and analysed with their own stop words
        assertEquals(3, store.read(Tables.ARTICLES).where(col("language").isin("pl", "ru", "zh")).count());
        assertTrue(store.read(Tables.ARTICLES).where(col("title").equalTo("Headline only")).count() == 1);
    }
}
