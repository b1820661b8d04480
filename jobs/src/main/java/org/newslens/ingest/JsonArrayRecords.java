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
    /** Whether the parser is inside a top-level array. */
    private boolean inArray;

    private final RecordFields mapper;

    JsonArrayRecords(String file, RecentChars recent, RecordFields mapper) throws IOException {
        super(file, recent, recent);
        this.parser = RecordFields.JSON.getFactory().createParser(recent);
        this.mapper = mapper;
    }

    @Override
    Row read() throws IOException {
        try {
            while (true) {
                if (wrapped != null && wrapped.hasNext()) {
                    return mapper.fromJson(file, index++, wrapped.next());
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
                    JsonNode item = parser.readValueAsTree(); // before index++: a truncated item keeps its index
                    return mapper.fromJson(file, index++, item);
                }
                if (t == JsonToken.START_ARRAY) {
                    inArray = true;
                } else if (t == JsonToken.START_OBJECT) {
                    JsonNode node = parser.readValueAsTree();
                    JsonNode items = mapper.articles(node);
                    if (items == null) {
                        return mapper.fromJson(file, index++, node);
                    }
                    wrapped = items.iterator();
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
}
