package org.newslens.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * A JSON array of objects, streamed item by item so that the items before a truncation or a syntax error are
 * kept; or one object (an article, or a wrapper whose only array holds the articles), read whole. A file may
 * hold several such values one after another (JSON Lines saved as .json, or "[...] [...]"): each is read.
 */
final class JsonArrayRecords extends StreamedRecords {
    private final JsonParser parser;
    /** The items of a wrapper object still to return, or null. */
    private Iterator<JsonNode> wrapped;
    /** The wrapper's own source, given to its items that have none. */
    private String wrapperSource;
    /** Whether the parser is inside a top-level array. */
    private boolean inArray;

    private final RecordFields mapper;
    private final Utf8Reader utf8;
    /** The first bad byte of a wrapper object, whose items are read as one tree and have no place of their own. */
    private long[] wrapperBadByte;

    JsonArrayRecords(String file, RecentChars recent, Utf8Reader utf8, RecordFields mapper) throws IOException {
        super(file, recent, recent);
        this.parser = RecordFields.JSON.getFactory().createParser(recent);
        this.mapper = mapper;
        this.utf8 = utf8;
    }

    @Override
    Row read() throws IOException {
        try {
            while (true) {
                if (wrapped != null && wrapped.hasNext()) {
                    return wrappedItem(wrapped.next());
                }
                wrapped = null;
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return null;
                }
                if (inArray) {
                    if (t == JsonToken.END_ARRAY) {
                        inArray = false;
                        continue;
                    }
                    long start = parser.currentTokenLocation().getCharOffset();
                    return item(start, parser.readValueAsTree()); // read before index++: a truncated item keeps its index
                }
                if (t == JsonToken.START_ARRAY) {
                    inArray = true;
                } else if (t == JsonToken.START_OBJECT) {
                    long start = parser.currentTokenLocation().getCharOffset();
                    JsonNode node = parser.readValueAsTree();
                    JsonNode items = mapper.articles(node);
                    if (items == null) {
                        return item(start, node);
                    }
                    wrapperBadByte = utf8.badByte(start, parser.currentLocation().getCharOffset());
                    wrapped = items.iterator();
                    wrapperSource = mapper.wrapperSource(node);
                } else {
                    // a top-level string or number: one reject, and the values after it are still read
                    return RawRecords.error(file, index++, parser.getText(), "not a JSON array or object");
                }
            }
        } catch (JsonProcessingException e) {
            stop();
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            long offset = at == null || at.getCharOffset() < 0 ? recent.position() : at.getCharOffset();
            return RawRecords.error(file, index, recent.around(offset), "malformed JSON from record " + index
                    + " on" + where + ": " + FileParser.oneLine(e.getOriginalMessage()));
        }
    }

    /** The value read from start to here, or its reject when a byte in it is not UTF-8. */
    private Row item(long start, JsonNode node) {
        long[] bad = utf8.badByte(start, parser.currentLocation().getCharOffset());
        long i = index++;
        return bad == null ? mapper.fromJson(file, i, node)
                : RawRecords.error(file, i, node.toString(), "not valid UTF-8 " + Utf8Reader.reason(bad));
    }

    /** An item of a wrapper: when the wrapper holds bad bytes, the items showing U+FFFD are the ones holding them. */
    private Row wrappedItem(JsonNode node) {
        long i = index++;
        String raw = node.toString();
        if (wrapperBadByte != null && raw.indexOf('\uFFFD') >= 0) {
            return RawRecords.error(file, i, raw, String.format("not valid UTF-8: holds a byte that is not UTF-8, shown as \uFFFD"
                    + " (the first in this file at byte %d, 0x%02X)", wrapperBadByte[0], wrapperBadByte[1]));
        }
        return mapper.fromJson(file, i, mapper.inheritSource(node, wrapperSource));
    }
}
