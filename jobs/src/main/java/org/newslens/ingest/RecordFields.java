package org.newslens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;

/**
 * Maps a parsed record's own field names to the article fields (case-insensitive candidates, flags override).
 * The first candidate present with a non-blank value wins.
 */
record RecordFields(FieldMapping fields) implements Serializable {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] NAMES = {"id", "title", "text", "date", "url", "source", "language"};
    private static final int SOURCE = 5;

    /** Members that name an object-valued field: NewsAPI's source {"id", "name"}, WordPress's title {"rendered"}. */
    private static final List<String> MEMBERS = List.of("name", "title", "text", "rendered");
    private static final List<String> SOURCE_MEMBERS = List.of("name", "title", "text", "rendered", "id");

    private List<List<String>> candidates() {
        return List.of(fields.id(), fields.title(), fields.text(), fields.date(), fields.url(), fields.source(),
                fields.language());
    }

    /**
     * The array of articles when the object is a wrapper ({"status": "ok", "articles": [...]},
     * {"feed": "My Feed", "items": [...]}), else null: the object has exactly one non-empty array of objects, the
     * first of them has a title or text field, and the object has no text of its own (an article's text with a
     * list of, say, comments stays one article).
     */
    JsonNode articles(JsonNode object) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                if (found != null) {
                    return null;
                }
                found = v;
            }
        }
        if (found == null || hasValue(object, fields.text())
                || !(hasValue(found.get(0), fields.title()) || hasValue(found.get(0), fields.text()))) {
            return null;
        }
        return found;
    }

    /** The wrapper's own source ({"feed": "My Feed", "items": [...]}), or null. */
    String wrapperSource(JsonNode wrapper) {
        for (String key : FieldMapping.findAll(fields.source(), wrapper::fieldNames)) {
            JsonNode v = wrapper.get(key);
            String text = v.isObject() ? member(v, SOURCE_MEMBERS) : v.isValueNode() && !v.isNull() ? v.asText() : null;
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /**
     * An item of a wrapper with the wrapper's source when it has none of its own: the feed's items are its
     * articles, and boilerplate is found per source (articles without one are never boilerplate).
     */
    JsonNode inheritSource(JsonNode item, String source) {
        if (source == null || !item.isObject() || hasValue(item, fields.source())) {
            return item;
        }
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.put(fields.source().get(0), source);
        return copy;
    }

    /** Whether a candidate field holds non-blank text or an object (an array is the wrapper's own list). */
    private static boolean hasValue(JsonNode object, List<String> candidates) {
        for (String key : FieldMapping.findAll(candidates, object::fieldNames)) {
            JsonNode v = object.get(key);
            if (v.isObject() || v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                return true;
            }
        }
        return false;
    }

    Row fromJson(String file, long index, JsonNode node) {
        String raw = node.toString();
        if (!node.isObject()) {
            return RawRecords.error(file, index, raw, "JSON record is not an object");
        }
        Map<String, List<String>> keys = FieldMapping.byName(node::fieldNames);
        String[] values = new String[NAMES.length];
        List<List<String>> candidates = candidates();
        for (int f = 0; f < values.length; f++) {
            for (String key : FieldMapping.findAll(candidates.get(f), keys)) {
                JsonNode v = node.get(key);
                String text;
                if (v.isArray()) {
                    return RawRecords.error(file, index, raw, "wrong type: field '" + key + "' (" + NAMES[f]
                            + ") is a JSON array, expected text");
                } else if (v.isObject()) {
                    List<String> members = f == SOURCE ? SOURCE_MEMBERS : MEMBERS;
                    text = member(v, members);
                    if (text == null) {
                        return RawRecords.error(file, index, raw, "wrong type: field '" + key + "' (" + NAMES[f]
                                + ") is a JSON object without a text member " + String.join("|", members) + ", expected text");
                    }
                } else {
                    text = v.isNull() ? null : v.asText();
                }
                if (text != null && !text.isBlank()) {
                    values[f] = text;
                    break;
                }
                if (values[f] == null) {
                    values[f] = text; // "" stays "" when no candidate has more
                }
            }
        }
        return RawRecords.record(file, index, values[0], values[1], values[2], values[3], values[4], values[5],
                values[6], raw);
    }

    /** The first of the members that is non-blank text (or a number), or null. */
    private static String member(JsonNode object, List<String> members) {
        for (String key : FieldMapping.findAll(members, object::fieldNames)) {
            JsonNode v = object.get(key);
            if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    Row fromCsv(String file, long index, CSVRecord r, List<String> keys) {
        return RawRecords.record(file, index,
                get(r, keys, fields.id()), get(r, keys, fields.title()), get(r, keys, fields.text()),
                get(r, keys, fields.date()), get(r, keys, fields.url()), get(r, keys, fields.source()),
                get(r, keys, fields.language()), String.join(",", r.values()));
    }

    /** The first candidate column with a non-blank value; an empty cell gives way to the next candidate. */
    private static String get(CSVRecord r, List<String> keys, List<String> candidates) {
        for (String key : FieldMapping.findAll(candidates, keys)) {
            String v = r.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
