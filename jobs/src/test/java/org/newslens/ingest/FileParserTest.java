package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileParser without Spark: what raw records (or rejects) one file gives. */
class FileParserTest {
    @TempDir
    Path dir;

    // RawRecords.SCHEMA positions
    private static final int INDEX = 1;
    private static final int TITLE = 3;
    private static final int TEXT = 4;
    private static final int DATE = 5;
    private static final int SOURCE = 7;
    private static final int ERROR = 10;

    private List<Row> parse(String name, String content) {
        Path file = dir.resolve(name);
        Fixtures.write(file, content);
        List<Row> rows = new ArrayList<>();
        new FileParser(FieldMapping.defaults(), 1_000_000, Map.of()).parse(file.toString()).forEachRemaining(rows::add);
        return rows;
    }

    private static List<Object> column(List<Row> rows, int i) {
        return rows.stream().map(r -> r.get(i)).toList();
    }

    @Test
    void aNewsApiResponseIsUnwrappedWithItsObjectValuedSources() {
        List<Row> rows = parse("newsapi.json", """
                {"status": "ok", "totalResults": 2, "articles": [
                  {"source": {"id": null, "name": "BBC News"}, "author": "A. Writer", "title": "One",
                   "description": "Summary one.", "url": "https://example.com/1", "publishedAt": "2019-01-04T10:00:00Z",
                   "content": "Content one."},
                  {"source": {"id": "reuters", "name": null}, "title": "Two", "description": "Summary two.", "content": ""}
                ]}""");
        assertEquals(List.of("One", "Two"), column(rows, TITLE), rows.toString());
        assertEquals(List.of(0L, 1L), column(rows, INDEX));
        assertEquals(List.of("BBC News", "reuters"), column(rows, SOURCE), "name, else id");
        assertEquals(List.of("Content one.", "Summary two."), column(rows, TEXT), "empty content gives way to description");
        assertEquals("2019-01-04T10:00:00Z", rows.get(0).get(DATE), "publishedAt is a date field");
        assertEquals(2, column(rows, ERROR).stream().filter(e -> e == null).count());
    }

    @Test
    void aFeedWrapperIsUnwrappedButAnArticleWithAListStaysOneArticle() {
        List<Row> feed = parse("feed.json", "{\"feed\": \"My Feed\", \"items\": [{\"title\": \"A\", \"text\": \"a\"}, "
                + "{\"title\": \"B\", \"text\": \"b\", \"source\": \"Elsewhere\"}]}");
        assertEquals(List.of("A", "B"), column(feed, TITLE));
        // the feed's name is the source of its items that have none
        assertEquals(java.util.Arrays.asList("My Feed", "Elsewhere"), column(feed, SOURCE));
        // JSON Feed: the feed has a title of its own, its items are the articles
        assertEquals(List.of("A"), column(parse("jsonfeed.json",
                "{\"version\": \"1\", \"title\": \"My Feed\", \"items\": [{\"title\": \"A\", \"url\": \"u\"}]}"), TITLE));
        List<Row> commented = parse("comments.json",
                "{\"title\": \"T\", \"text\": \"Body.\", \"comments\": [{\"text\": \"first\"}, {\"text\": \"second\"}]}");
        assertEquals(List.of("T"), column(commented, TITLE));
        assertEquals(List.of("Body."), column(commented, TEXT));
        assertEquals(List.of("Gallery"), column(parse("gallery.json",
                "{\"title\": \"Gallery\", \"images\": [{\"url\": \"a.jpg\"}, {\"url\": \"b.jpg\"}]}"), TITLE));
    }

    @Test
    void anObjectValuedFieldGivesItsNameOrTitleOrIsRejected() {
        Row wordpress = parse("wp.json", "{\"title\": {\"rendered\": \"WP title\"}, \"content\": {\"rendered\": \"<p>x</p>\"}}").get(0);
        assertEquals("WP title", wordpress.get(TITLE));
        assertEquals("<p>x</p>", wordpress.get(TEXT));
        List<Row> nameless = parse("nameless.json", "{\"title\": \"T\", \"text\": \"x\", \"source\": {\"id\": null, \"url\": \"u\"}}");
        assertEquals(1, nameless.size());
        assertEquals("wrong type: field 'source' (source) is a JSON object without a text member name|title|text|rendered|id,"
                + " expected text", nameless.get(0).get(ERROR));
    }

    @Test
    void everyValueOfAJsonFileIsRead() {
        List<Row> lines = parse("lines.json", "{\"title\": \"first\", \"text\": \"x\"}\n{\"title\": \"second\", \"text\": \"y\"}\n");
        assertEquals(List.of("first", "second"), column(lines, TITLE));
        assertEquals(List.of(0L, 1L), column(lines, INDEX));
        List<Row> arrays = parse("arrays.json", "[{\"title\": \"a\", \"text\": \"x\"}] [{\"title\": \"b\", \"text\": \"y\"},"
                + " {\"title\": \"c\", \"text\": \"z\"}]\n{\"items\": [{\"title\": \"d\", \"text\": \"w\"}]}");
        assertEquals(List.of("a", "b", "c", "d"), column(arrays, TITLE));
        assertEquals(List.of(0L, 1L, 2L, 3L), column(arrays, INDEX));
        List<Row> scalar = parse("scalar.json", "{\"title\": \"a\", \"text\": \"x\"}\n42\n{\"title\": \"b\", \"text\": \"y\"}");
        assertEquals(3, scalar.size(), scalar.toString());
        assertEquals("not a JSON array or object", scalar.get(1).get(ERROR));
        assertEquals("b", scalar.get(2).get(TITLE));
        List<Row> truncated = parse("truncated.json", "[{\"title\": \"kept\", \"text\": \"x\"}]\n[{\"title\": \"lo");
        assertEquals(2, truncated.size(), truncated.toString());
        assertEquals(1L, truncated.get(1).get(INDEX));
        assertTrue(((String) truncated.get(1).get(ERROR)).startsWith("malformed JSON from record 1 on (line 2"), truncated.toString());
    }

    @Test
    void aBlankFieldGivesWayToTheNextName() {
        Row json = parse("blank.json", "{\"title\": \"T\", \"content\": \"\", \"body\": null, \"description\": \"Real text\"}").get(0);
        assertEquals("Real text", json.get(TEXT));
        Row csv = parse("blank.csv", "title,content,description\nT,,Real text\n").get(0);
        assertEquals("Real text", csv.get(TEXT));
        Row none = parse("none.json", "{\"title\": \"T\", \"content\": \"\"}").get(0);
        assertEquals("", none.get(TEXT), "nothing better: the empty text stays");
        assertNull(none.get(ERROR));
    }

    @Test
    void newsApiAndOtherDateFieldNames() {
        for (String key : List.of("publishedAt", "pub_date", "datetime", "created_at")) {
            Row r = parse(key + ".jsonl", "{\"title\": \"T\", \"text\": \"x\", \"" + key + "\": \"2019-01-04\"}\n").get(0);
            assertEquals("2019-01-04", r.get(DATE), key);
        }
        assertTrue(FieldMapping.defaults().date().indexOf("date") < FieldMapping.defaults().date().indexOf("created_at"),
                "a record's creation time is the last resort");
    }
}
