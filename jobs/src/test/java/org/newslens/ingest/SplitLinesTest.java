package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON Lines file read in byte ranges (splits) gives the records of the file read whole, every column equal, for
 * every split size: boundaries inside lines, between \r and \n, inside a multi-byte character, splits wholly inside
 * one long line (plain Java: the split plan, the counting pre-pass and the reading, as ArticleReader runs them).
 */
public class SplitLinesTest {
    @TempDir
    Path dir;

    private final FileParser parser = new FileParser(FieldMapping.defaults(), 1_000_000, Map.of());

    /**
     * A JSON Lines file with the awkward cases: a byte order mark and blank lines first, CRLF line ends, blank lines
     * of spaces, tabs and U+2003 (whitespace: skipped, not counted), a line of U+00A0 (not whitespace: a malformed
     * record), 2-, 3- and 4-byte characters, a Latin-1 line (not UTF-8), a malformed line, a non-object, a long line,
     * and a last line without \n.
     */
    public static byte[] awkward() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("\uFEFF\n  \n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(line("a1", "Café au lait", "crème brûlée"));
        b.writeBytes("{\"id\": \"a2\", \"title\": \"中文标题\", \"text\": \"正文 😀 emoji\"}\r\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("\n   \n\t\r\n\u2003\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"id\": \"a3\", \"title\": \"Caf\u00e9 latin-1\", \"text\": \"x\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes("\u00a0\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"id\": \"a4\", \"title\": \"broken\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("[1, 2]\r\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(line("a5", "Long", "Ωmega ".repeat(80)));
        b.writeBytes(line("a6", "Ünïcödé", "done"));
        b.writeBytes("   {\"id\": \"a7\", \"title\": \"indented\", \"text\": \"last, no newline\"}".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static byte[] line(String id, String title, String text) {
        return ("{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + text + "\", \"date\": \"2024-11-18\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] content) {
        Path file = dir.resolve(name);
        Fixtures.write(file, content);
        return file;
    }

    private List<List<Object>> whole(Path file) {
        List<List<Object>> rows = new ArrayList<>();
        parser.parse(file.toString()).forEachRemaining(r -> rows.add(values(r)));
        return rows;
    }

    private static List<Object> values(Row r) {
        List<Object> v = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
            v.add(r.get(i));
        }
        return v;
    }

    /** The file read split by split, as ArticleReader does (count, prefix sum, read); checks count == rows read. */
    private List<List<Object>> split(Path file, long splitBytes) throws IOException {
        List<FileParser.Split> splits = parser.plan(file.toString(), Files.size(file), splitBytes);
        assertFalse(splits.isEmpty(), "split at " + splitBytes);
        List<List<Object>> rows = new ArrayList<>();
        long index = 0;
        for (FileParser.Split s : splits) {
            long n = parser.count(s);
            List<List<Object>> part = new ArrayList<>();
            parser.parse(s.withFirstIndex(index)).forEachRemaining(r -> part.add(values(r)));
            assertEquals(n, part.size(), "records counted == records read in " + s);
            rows.addAll(part);
            index += n;
        }
        return rows;
    }

    @Test
    void theAwkwardFileReadWholeNumbersItsNonBlankLines() {
        List<List<Object>> rows = whole(write("awkward.jsonl", awkward()));
        List<String> what = rows.stream().map(r -> r.get(1) + " " + (r.get(10) == null ? r.get(3)
                : r.get(10).toString().replaceAll(":.*", ""))).toList();
        assertEquals(List.of("0 Café au lait", "1 中文标题", "2 not valid UTF-8", "3 malformed JSON line",
                "4 malformed JSON line", "5 JSON record is not an object", "6 Long", "7 Ünïcödé", "8 indented"), what);
    }

    @Test
    void everySplitSizeGivesTheRecordsOfTheWholeFile() throws IOException {
        Path file = write("awkward.jsonl", awkward());
        List<List<Object>> whole = whole(file);
        long size = Files.size(file);
        for (long splitBytes = 1; splitBytes < size; splitBytes++) {
            assertEquals(whole, split(file, splitBytes), "split size " + splitBytes);
        }
        assertTrue(parser.plan(file.toString(), size, size).isEmpty(), "a file no larger than a split is read whole");
    }

    @Test
    void aLineLongerThanManySplitsLeavesThemEmpty() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(line("short1", "Short", "one"));
        b.writeBytes(line("huge", "Huge", "word ".repeat(2000)));
        b.writeBytes(line("short2", "Short", "two"));
        Path file = write("huge.ndjson", b.toByteArray());
        List<FileParser.Split> splits = parser.plan(file.toString(), Files.size(file), 100);
        long empty = splits.stream().filter(s -> parser.count(s) == 0).count();
        assertTrue(empty > 90, empty + " of " + splits.size() + " splits lie inside the long line");
        List<List<Object>> rows = split(file, 100);
        assertEquals(whole(file), rows);
        assertEquals(List.of(0L, 1L, 2L), rows.stream().map(r -> r.get(1)).toList());
        assertEquals(10000, ((String) rows.get(1).get(4)).length());
    }

    @Test
    void aFileOfOneHugeLineIsReadByTheSplitWhereItStarts() throws IOException {
        Path file = write("one.jsonl", line("only", "Only", "x".repeat(5000)));
        List<List<Object>> rows = split(file, 64);
        assertEquals(1, rows.size());
        assertEquals(whole(file), rows);
    }

    @Test
    void gzipFilesAreNotSplit() throws IOException {
        Path file = write("awkward.jsonl.gz", awkward());
        assertTrue(parser.plan(file.toString(), Files.size(file), 10).isEmpty());
    }

    @Test
    void binaryAndBlankFilesAreReadWholeAndRejectedAsBefore() throws IOException {
        byte[] nul = awkward();
        nul[40] = 0;
        Path binary = write("binary.jsonl", nul);
        assertTrue(parser.plan(binary.toString(), Files.size(binary), 10).isEmpty());
        assertEquals("binary content (NUL bytes), not text", whole(binary).get(0).get(10));
        Path blank = write("blank.jsonl", " \n".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertTrue(parser.plan(blank.toString(), Files.size(blank), 10).isEmpty());
        assertEquals("empty file", whole(blank).get(0).get(10));
    }

    /** A .json file of one article object per line is JSON Lines: split, it gives what reading it whole gives. */
    @Test
    void aJsonFileOfOneObjectPerLineIsSplitLikeJsonLines() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 20; i++) {
            b.writeBytes(line("j" + i, "Title é " + i, "Text 😀 " + i));
            if (i % 5 == 0) {
                b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        Path file = write("lines.json", b.toByteArray());
        List<List<Object>> whole = whole(file); // read whole, a .json file is a sequence of JSON values
        assertEquals(20, whole.size());
        for (long splitBytes : new long[] {1, 7, 50, 97, 300}) {
            assertEquals(whole, split(file, splitBytes), "split size " + splitBytes);
        }
    }

    @Test
    void otherJsonFilesAreReadWhole() throws IOException {
        String obj = "{\"title\": \"T\", \"text\": \"x\"}";
        for (String content : List.of(
                "[" + obj + ",\n" + obj + "]\n",                                   // an array
                "{\n  \"title\": \"T\",\n  \"text\": \"x\"\n}\n" + obj + "\n",     // pretty-printed
                "{\"items\": [" + obj + "]}\n" + obj + "\n",                        // a wrapper of articles
                obj + "\n" + obj + " " + obj + "\n",                                // two objects on a line
                obj + "\n[" + obj + "]\n",                                         // not an object in the head
                obj.repeat(3))) {                                                  // no line end
            Path file = write("other.json", content.getBytes(StandardCharsets.UTF_8));
            assertTrue(parser.plan(file.toString(), content.length(), 5).isEmpty(), content);
        }
    }
}
