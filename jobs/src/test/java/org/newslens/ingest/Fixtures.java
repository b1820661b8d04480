package org.newslens.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small fixture corpora, good and broken, in every supported format. */
public final class Fixtures {
    private Fixtures() {
    }

    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            if (file.toString().endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(bytes);
                }
            } else {
                Files.write(file, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nine good articles in every text format (one of them an exact duplicate of another). */
    public static void goodCorpus(Path dir) {
        write(dir.resolve("a.txt"), "Kyiv asks for missiles\n\nUkraine asked allies for long-range missiles on Monday.\n");
        write(dir.resolve("feeds/b.json"), """
                [{"id": "b1", "headline": "Kremlin warns West", "Body": "<p>The Kremlin warned the <b>West</b> &amp; NATO.</p>",
                  "pubDate": "Tue, 19 Nov 2024 10:00:00 GMT", "link": "https://example.com/b1", "feed": "Example Wire", "language": "en-US"},
                 {"id": "b2", "title": "Sanctions", "text": "New sanctions on Russia.", "date": "2024-11-20"}]
                """);
        write(dir.resolve("feeds/c.json.gz"), """
                {"id": "c1", "title": "Gzipped object", "description": "One object per file, compressed.", "published": "2024-11-21"}
                """);
        write(dir.resolve("d.jsonl"), """
                {"id": "d1", "title": "Line one", "text": "First line article.", "date": "2024-11-22"}
                {"id": "d2", "title": "Line two", "text": "Second line article.", "date": "2024-11-22"}
                """);
        write(dir.resolve("e.csv"), "url,date,title,text\n"
                + "https://example.com/e1,2024-11-23,\"Quoted, title\",\"Multi-line\ntext, with \"\"quotes\"\".\"\n"
                + "https://example.com/e2,2024-11-23,Dup,New sanctions on Russia.\n");
        // exact duplicate of b2 (same title and text) in another file
        write(dir.resolve("f.ndjson"), "{\"title\": \"Sanctions\", \"text\": \"New sanctions on Russia.\"}\n");
        write(dir.resolve("wrapped.json"), "{\"entries\": [{\"title\": \"Wrapped one\", \"description\": \"In an object.\"}]}");
    }
}
