package org.newslens.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Set;

/** What the ingest stage keeps: language and date filters, the date for undated articles, size limit. */
public record IngestOptions(Set<String> languages, LocalDate since, LocalDate until, LocalDate defaultDate,
                            int maxArticleChars) implements Serializable {

    public static final int DEFAULT_MAX_ARTICLE_CHARS = 10_000_000;

    public static IngestOptions defaults() {
        return new IngestOptions(Set.of(), null, null, null, DEFAULT_MAX_ARTICLE_CHARS);
    }
}
