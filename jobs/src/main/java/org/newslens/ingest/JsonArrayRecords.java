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
 * kept; or one object (an article, or a wrapper whose only array holds the articles), read whole.
 */
final class JsonArrayRecords extends StreamedRecords {
    private final JsonParser parser;
    private Iterator<JsonNode> wrapped;
    private boolean started;

    private final RecordFields mapper;

    JsonArrayRecords(String file, RecentChars recent, RecordFields mapper) throws IOException {
        super(file, recent, recent);
        this.parser = RecordFields.JSON.getFactory().createParser(recent);
        this.mapper = mapper;
    }

    @Override
    Row read() throws IOException {
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_OBJECT) {
                    JsonNode node = parser.readValueAsTree();
                    JsonNode items = RecordFields.singleArrayOfObjects(node);
                    if (items == null) {
                        stop();
                        return mapper.fromJson(file, index++, node);
                    }
                    wrapped = items.iterator();
                } else if (first != JsonToken.START_ARRAY) {
                    stop();
                    return RawRecords.error(file, null, recent.around(0), "not a JSON array or object");
                }
            }
            if (wrapped != null) {
                return wrapped.hasNext() ? mapper.fromJson(file, index++, wrapped.next()) : null;
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                return null;
            }
            JsonNode item = parser.readValueAsTree();
            return mapper.fromJson(file, index++, item);
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
