package org.newslens.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.newslens.tables.Tables;

/**
 * articles -> sentences. The analysed document of an article is {@code title + "\n\n" + text}:
 * sentence 0 is the title (when not empty), sentences 1.. follow in the text, and char offsets index
 * that document (so text offsets are shifted by title length + 2).
 */
public final class TokenizeStage {
    private final Collection<String> extraStopWords;
    private final boolean stem;

    public TokenizeStage(Collection<String> extraStopWords, boolean stem) {
        this.extraStopWords = List.copyOf(extraStopWords);
        this.stem = stem;
    }

    public static final String SEPARATOR = "\n\n";

    public Dataset<Row> apply(Dataset<Row> articles) {
        Dataset<Row> input = articles.select(Tables.ARTICLE_ID, "title", "text", Tables.LANGUAGE, Tables.PUBLISHED_DATE, "source");
        return input.mapPartitions(new Split(extraStopWords, stem), Encoders.row(Tables.SENTENCES.schema()));
    }

    private static final class Split implements org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> {
        private final Collection<String> extraStopWords;
        private final boolean stem;

        Split(Collection<String> extraStopWords, boolean stem) {
            this.extraStopWords = extraStopWords;
            this.stem = stem;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> articles) {
            SentenceSplitter splitter = new SentenceSplitter();
            TextAnalyzer analyzer = new TextAnalyzer(extraStopWords, stem);
            FlatMapFunction<Row, Row> perArticle = a -> sentences(a, splitter, analyzer).iterator();
            return new FlatIterator(articles, perArticle);
        }
    }

    static List<Row> sentences(Row article, SentenceSplitter splitter, TextAnalyzer analyzer) {
        String id = article.getString(0);
        String title = article.isNullAt(1) ? "" : article.getString(1);
        String text = article.isNullAt(2) ? "" : article.getString(2);
        Article a = new Article(id, article.getString(3), article.isNullAt(4) ? null : article.get(4), article.getString(5),
                splitter.split(text), !title.isEmpty());
        List<Row> rows = new ArrayList<>(a.size());
        if (a.hasTitle()) {
            rows.add(row(a, 0, 0, title.length(), title, analyzer));
        }
        int offset = title.length() + SEPARATOR.length();
        int sentenceId = 1;
        for (SentenceSplitter.Span s : a.spans()) {
            rows.add(row(a, sentenceId++, offset + s.start(), offset + s.end(), text.substring(s.start(), s.end()), analyzer));
        }
        return rows;
    }

    /** What every sentence row of an article repeats; {@code date} is the published_date as Spark gave it. */
    private record Article(String id, String language, Object date, String source, List<SentenceSplitter.Span> spans,
                           boolean hasTitle) {
        int size() {
            return spans.size() + (hasTitle ? 1 : 0);
        }
    }

    private static Row row(Article article, int sentenceId, int start, int end, String sentence, TextAnalyzer analyzer) {
        TextAnalyzer.Analysis a = analyzer.analyze(sentence, article.language());
        // wrapped, not copied: a Buffer is a Seq, which is all the row encoder needs
        return RowFactory.create(article.id(), sentenceId, start, end, sentence,
                scala.jdk.javaapi.CollectionConverters.asScala(a.tokens()),
                scala.jdk.javaapi.CollectionConverters.asScala(a.terms()),
                scala.jdk.javaapi.CollectionConverters.asScala(a.positions()),
                article.language(), article.date(), article.size(), article.source());
    }

    /** Lazily flattens articles into sentences so a partition is never held in memory whole. */
    private static final class FlatIterator implements Iterator<Row> {
        private final Iterator<Row> source;
        private final FlatMapFunction<Row, Row> expand;
        private Iterator<Row> current = java.util.Collections.emptyIterator();

        FlatIterator(Iterator<Row> source, FlatMapFunction<Row, Row> expand) {
            this.source = source;
            this.expand = expand;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && source.hasNext()) {
                try {
                    current = expand.call(source.next());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }
    }
}
