package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One byte that is not UTF-8 inside a streamed CSV or JSON file rejects its record only (plain Java, no Spark). */
class NotUtf8InStreamTest {
    @TempDir
    Path dir;

    /** The records of a file of UTF-8 before, one Latin-1 string, and UTF-8 after. */
    private List<Row> parse(String name, String before, String latin1, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return parse(name, bytes.toByteArray());
    }

    private List<Row> parse(String name, byte[] content) {
        Path file = dir.resolve(name);
        Fixtures.write(file, content);
        List<Row> rows = new ArrayList<>();
        new FileParser(FieldMapping.defaults(), 1_000_000, Map.of()).parse(file.toString()).forEachRemaining(rows::add);
        return rows;
    }

    /** The rows carry no schema: fields by their position in the raw record schema. */
    private static Object field(Row row, String name) {
        return row.get(RawRecords.SCHEMA.fieldIndex(name));
    }

    private static void assertKeptAndRejected(List<Row> rows, String reason) {
        assertEquals(3, rows.size(), rows.toString());
        assertEquals("first", field(rows.get(0), "title"), rows.toString());
        assertNull(field(rows.get(0), "error"));
        assertEquals(1L, field(rows.get(1), "record_index"));
        assertEquals(reason, field(rows.get(1), "error"));
        assertEquals("third", field(rows.get(2), "title"), "reading goes on after the bad record: " + rows);
        assertEquals(2L, field(rows.get(2), "record_index"));
    }

    @Test
    void csvRejectsTheRecordWithTheBadByteAndReadsOn() {
        String before = "\uFEFFtitle,text\nfirst,fine ü\nCaf";
        List<Row> rows = parse("mixed.csv", before, "\u00e9,\"latin-1\nin a quoted field\"\n", "third,also fine\n");
        assertKeptAndRejected(rows, "not valid UTF-8 at byte " + before.getBytes(StandardCharsets.UTF_8).length + " (0xE9)");
        assertEquals("Caf\uFFFD,latin-1\nin a quoted field", field(rows.get(1), "raw"), "the record travels with the reject");
    }

    @Test
    void jsonArrayRejectsTheItemWithTheBadByteAndReadsOn() {
        String before = "\n[{\"title\": \"first\", \"text\": \"fine ü\"},\n {\"title\": \"Caf";
        List<Row> rows = parse("mixed.json", before, "\u00e9\", \"text\": \"latin-1\"},\n",
                " {\"title\": \"third\", \"text\": \"fine\"}]");
        assertKeptAndRejected(rows, "not valid UTF-8 at byte " + before.getBytes(StandardCharsets.UTF_8).length + " (0xE9)");
    }

    @Test
    void aBadByteInAWrappedArrayRejectsTheItemHoldingIt() {
        String before = "{\"items\": [{\"title\": \"first\", \"text\": \"fine\"}, {\"title\": \"Caf";
        List<Row> rows = parse("wrapped.json", before, "\u00e9\", \"text\": \"latin-1\"},",
                " {\"title\": \"third\", \"text\": \"fine\"}]}");
        // the items of a wrapper are read as one tree, so the one holding the bad byte is found by its U+FFFD
        assertKeptAndRejected(rows, "not valid UTF-8: holds a byte that is not UTF-8, shown as \uFFFD (the first in this file at byte "
                + before.getBytes(StandardCharsets.UTF_8).length + ", 0xE9)");
    }

    @Test
    void aTruncatedSequenceAtTheEndIsReported() {
        byte[] all = "title,text\nfirst,fine\nsecond,cut \u00fc".getBytes(StandardCharsets.UTF_8);
        // "ü" is two bytes in UTF-8: the file ends after its first
        List<Row> rows = parse("cut.csv", Arrays.copyOf(all, all.length - 1));
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("first", field(rows.get(0), "title"));
        assertEquals("not valid UTF-8 at byte " + (all.length - 2) + " (0xC3)", field(rows.get(1), "error"));
    }
}
