package org.newslens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.newslens.ingest.FieldMapping;
import org.newslens.ingest.FileParser;
import org.newslens.ingest.PlainText;
import org.newslens.text.SentenceSplitter;
import org.newslens.text.TextAnalyzer;

/**
 * The benchmark's yardstick: one plain Java thread reads the same files and does the same
 * tokenise + count (same parser, HTML cleaning, sentence splitter and Lucene chain, a HashMap
 * instead of Spark). It counts what the terms stage counts: tf per article, df and cf per (language,
 * term), per-month term counts and articles (the default --period), and bigram/trigram counts and df. Language is taken from
 * the input field only (no detection) and nothing is deduplicated or written, which favours it.
 * Prints seconds for reading+cleaning and for tokenising+counting. Records are streamed: parsed and cleaned
 * into batches of {@value #BATCH}, each then tokenised and counted, so one large file (a single JSON Lines file
 * of the whole corpus) is never held in memory, and the two phases are still timed apart.
 */
public final class SingleThreadBaseline {
    private SingleThreadBaseline() {
    }

    /** Records parsed and cleaned before they are tokenised together: bounded memory for any file size. */
    static final int BATCH = 1000;

    private final SentenceSplitter splitter = new SentenceSplitter();
    private final TextAnalyzer analyzer = new TextAnalyzer(List.of(), false);
    private final Map<String, Map<String, Integer>> df = new HashMap<>();
    private final Map<String, long[]> trends = new HashMap<>();
    private final Map<String, int[]> ngrams = new HashMap<>();
    private long grams;
    private long records;
    private long terms;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(Path::toString)
                    .filter(p -> org.newslens.ingest.InputFormat.of(p).isPresent()).sorted().forEach(files::add);
        }
        FileParser parser = new FileParser(FieldMapping.defaults(), Long.MAX_VALUE, Map.of());
        SingleThreadBaseline b = new SingleThreadBaseline();
        // Streamed: records are parsed and cleaned into a batch of at most BATCH, which is then tokenised and
        // counted, so a single large file is never held in memory; the two phases are timed separately.
        List<String[]> batch = new ArrayList<>(BATCH);
        long readNanos = 0;
        long tokenizeNanos = 0;
        long t0 = System.nanoTime();
        for (String file : files) {
            for (Iterator<Row> it = parser.parse(file); it.hasNext(); ) {
                Row r = it.next();
                if (r.isNullAt(10)) {
                    String lang = r.isNullAt(8) ? "en" : r.getString(8).toLowerCase(Locale.ROOT).split("[-_]")[0];
                    java.time.LocalDate date = org.newslens.ingest.DateParser.parse(r.getString(5));
                    batch.add(new String[] {PlainText.of(r.getString(3)), PlainText.of(r.getString(4)), lang,
                        date == null ? null : date.withDayOfMonth(1).toString()});
                    if (batch.size() == BATCH) {
                        long t1 = System.nanoTime();
                        readNanos += t1 - t0;
                        b.count(batch);
                        batch.clear();
                        t0 = System.nanoTime();
                        tokenizeNanos += t0 - t1;
                    }
                }
            }
        }
        long t1 = System.nanoTime();
        readNanos += t1 - t0;
        b.count(batch);
        tokenizeNanos += System.nanoTime() - t1;
        System.out.printf(Locale.ROOT, "baseline_records=%d baseline_terms=%d baseline_ngrams=%d baseline_distinct_ngrams=%d baseline_trend_rows=%d baseline_read_clean_s=%.1f baseline_tokenize_count_s=%.1f%n",
                b.records, b.terms, b.grams, b.ngrams.size(), b.trends.size(), readNanos / 1e9, tokenizeNanos / 1e9);
    }

    /** Tokenises and counts a batch of {title, text, language, month} records. */
    private void count(List<String[]> docs) {
        for (String[] d : docs) {
            records++;
            Map<String, Integer> counts = df.computeIfAbsent(d[2], k -> new HashMap<>());
            Map<String, Integer> tf = new HashMap<>();
            Map<String, Integer> gf = new HashMap<>();
            List<String> sentences = new ArrayList<>();
            sentences.add(d[0]);
            for (SentenceSplitter.Span s : splitter.split(d[1])) {
                sentences.add(d[1].substring(s.start(), s.end()));
            }
            for (String sentence : sentences) {
                TextAnalyzer.Analysis a = analyzer.analyze(sentence, d[2]);
                for (String t : a.terms()) {
                    tf.merge(t, 1, Integer::sum);
                }
                for (String g : org.newslens.terms.NGrams.of(a.terms(), a.positions(), 2, 3)) {
                    gf.merge(g, 1, Integer::sum);
                }
            }
            terms += tf.values().stream().mapToInt(Integer::intValue).sum();
            tf.keySet().forEach(t -> counts.merge(t, 1, Integer::sum));
            if (d[3] != null) {
                tf.forEach((t, n) -> {
                    long[] c = trends.computeIfAbsent(d[3] + '|' + d[2] + '|' + t, k -> new long[2]);
                    c[0] += n;
                    c[1]++;
                });
            }
            for (Map.Entry<String, Integer> g : gf.entrySet()) {
                int[] c = ngrams.computeIfAbsent(d[2] + '|' + g.getKey(), k -> new int[2]);
                c[0] += g.getValue();
                c[1]++;
                grams += g.getValue();
            }
        }
    }
}
