package org.newslens.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which input field feeds which article field. Names are matched case-insensitively, first candidate
 * present wins; a command-line override replaces the candidate list for that field.
 */
public record FieldMapping(List<String> id, List<String> title, List<String> text, List<String> date,
                           List<String> url, List<String> source, List<String> language) implements Serializable {

    public static FieldMapping defaults() {
        return new FieldMapping(
                List.of("id", "article_id", "guid", "uuid"),
                List.of("title", "headline"),
                List.of("text", "body", "content", "description", "article"),
                List.of("date", "published", "published_at", "date_published", "pubdate", "published_date"),
                List.of("url", "link"),
                List.of("source", "feed", "publisher"),
                List.of("language", "lang"));
    }

    /** Returns a mapping where each non-null override replaces the default candidates of its field. */
    public FieldMapping withOverrides(Map<String, String> overrides) {
        return new FieldMapping(
                pick(overrides, "id", id), pick(overrides, "title", title), pick(overrides, "text", text),
                pick(overrides, "date", date), pick(overrides, "url", url), pick(overrides, "source", source),
                pick(overrides, "language", language));
    }

    private static List<String> pick(Map<String, String> overrides, String field, List<String> fallback) {
        String o = overrides.get(field);
        return o == null || o.isBlank() ? fallback : List.of(o.toLowerCase(Locale.ROOT));
    }

    /** The input key (as written) for a field among the record's keys, or null. */
    public static String find(List<String> candidates, Iterable<String> keys) {
        for (String candidate : candidates) {
            for (String key : keys) {
                if (key.equalsIgnoreCase(candidate)) {
                    return key;
                }
            }
        }
        return null;
    }
}
