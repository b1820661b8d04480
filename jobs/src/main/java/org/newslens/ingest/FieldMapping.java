package org.newslens.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which input field feeds which article field. Names are matched case-insensitively, the first candidate
 * present with a non-blank value wins; a command-line override replaces the candidate list for that field.
 */
public record FieldMapping(List<String> id, List<String> title, List<String> text, List<String> date,
                           List<String> url, List<String> source, List<String> language) implements Serializable {

    public static FieldMapping defaults() {
        return new FieldMapping(
                List.of("id", "article_id", "guid", "uuid"),
                List.of("title", "headline"),
                List.of("text", "body", "content", "description", "article"),
                List.of("date", "published", "published_at", "publishedAt", "date_published", "pubdate", "published_date",
                        "pub_date", "datetime", "created_at"),
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
        List<String> all = findAll(candidates, keys);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * The input keys (as written) present for a field, in candidate order, so that a field present but blank
     * ({@code "content": ""}) can give way to the next one ({@code "description"}).
     */
    public static List<String> findAll(List<String> candidates, Map<String, List<String>> keysByName) {
        List<String> found = new ArrayList<>();
        for (String candidate : candidates) {
            List<String> keys = keysByName.get(candidate.toLowerCase(Locale.ROOT));
            if (keys != null) {
                found.addAll(keys);
            }
        }
        return found;
    }

    /**
     * A record's keys by lower-case name, for {@link #findAll(List, Map)}: a JSON record is matched against some 30
     * candidate names, and comparing each with each key was a fifth of the time spent parsing JSON Lines.
     */
    public static Map<String, List<String>> byName(Iterable<String> keys) {
        Map<String, List<String>> map = new HashMap<>();
        for (String key : keys) {
            map.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(key);
        }
        return map;
    }

    public static List<String> findAll(List<String> candidates, Iterable<String> keys) {
        List<String> found = new ArrayList<>();
        for (String candidate : candidates) {
            for (String key : keys) {
                if (key.equalsIgnoreCase(candidate)) {
                    found.add(key);
                }
            }
        }
        return found;
    }
}
