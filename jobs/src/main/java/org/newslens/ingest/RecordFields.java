package org.newslens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;

/** Maps a parsed record's own field names to the article fields (case-insensitive candidates, flags override). */
record RecordFields(FieldMapping fields) implements Serializable {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode singleArrayOfObjects(JsonNode object) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                if (found != null) {
                    return null;
                }
                found = v;
            } else if (v.isTextual() && v.asText().length() > 0 && object.size() > 1) {
                // An object with text fields of its own is an article, not a wrapper.
                return null;
            }
        }
        return found;
    }

    Row fromJson(String file, long index, JsonNode node) {
        String raw = node.toString();
        if (!node.isObject()) {
            return RawRecords.error(file, index, raw, "JSON record is not an object");
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        String[] values = new String[7];
        List<List<String>> candidates = List.of(fields.id(), fields.title(), fields.text(), fields.date(),
                fields.url(), fields.source(), fields.language());
        String[] names = {"id", "title", "text", "date", "url", "source", "language"};
        for (int f = 0; f < values.length; f++) {
            String key = FieldMapping.find(candidates.get(f), keys);
            if (key == null) {
                continue;
            }
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isContainerNode()) {
                return RawRecords.error(file, index, raw, "wrong type: field '" + key + "' (" + names[f] + ") is a JSON "
                        + (v.isArray() ? "array" : "object") + ", expected text");
            }
            values[f] = v.asText();
        }
        return RawRecords.record(file, index, values[0], values[1], values[2], values[3], values[4], values[5],
                values[6], raw);
    }

    Row fromCsv(String file, long index, CSVRecord r, List<String> keys) {
        return RawRecords.record(file, index,
                get(r, keys, fields.id()), get(r, keys, fields.title()), get(r, keys, fields.text()),
                get(r, keys, fields.date()), get(r, keys, fields.url()), get(r, keys, fields.source()),
                get(r, keys, fields.language()), String.join(",", r.values()));
    }

    private static String get(CSVRecord r, List<String> keys, List<String> candidates) {
        String key = FieldMapping.find(candidates, keys);
        if (key == null) {
            return null;
        }
        String v = r.get(key);
        return v == null || v.isEmpty() ? null : v;
    }
}
