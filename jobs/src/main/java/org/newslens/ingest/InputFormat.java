package org.newslens.ingest;

import java.util.Locale;
import java.util.Optional;

/** Input file formats, recognised by extension (a trailing .gz means gzip-compressed). */
public enum InputFormat {
    TXT, JSON, JSONL, CSV, PARQUET;

    public static final String SUPPORTED = ".txt .json .jsonl .ndjson .csv .parquet (each optionally .gz, except .parquet)";

    public static boolean isGzip(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    public static Optional<InputFormat> of(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".gz")) {
            p = p.substring(0, p.length() - 3);
        }
        if (p.endsWith(".txt")) {
            return Optional.of(TXT);
        } else if (p.endsWith(".json")) {
            return Optional.of(JSON);
        } else if (p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        } else if (p.endsWith(".csv")) {
            return Optional.of(CSV);
        } else if (p.endsWith(".parquet") && !isGzip(path)) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }

    public static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot < 0 ? "(none)" : name.substring(dot);
    }
}
