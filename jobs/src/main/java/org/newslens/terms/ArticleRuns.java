package org.newslens.terms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.tables.Tables;

/**
 * Counts terms and n-grams per run: a maximal stretch of consecutive rows of one (article, language) in a
 * partition. Input columns: article_id, language, terms, term_positions.
 *
 * <p>Why: the tokenizer emits an article's sentences together, so as the sentences table is read back a run
 * is nearly always the whole article and the per-article counts need no shuffle (two shuffles of ~6 M rows
 * each before). Nothing relies on that, though: an article cut into several runs (a Parquet split boundary,
 * or sentences written in another order) is found and its runs summed by {@link TermsStage}, so the counts
 * are exact for any input order; only the cost depends on it.
 */
final class ArticleRuns implements MapPartitionsFunction<Row, Row> {
    static final String TERM_COUNTS = "term_counts";
    static final String NGRAM_COUNTS = "ngram_counts";

    /** One row per run; maps from term (n-gram) to occurrences in the run. */
    static final StructType SCHEMA = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add(Tables.LANGUAGE, DataTypes.StringType)
            .add(TERM_COUNTS, DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false), false)
            .add(NGRAM_COUNTS, DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false), false);

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        return new Runs(sentences);
    }

    /** Lazily folds consecutive sentences of one article, so only one run's counts are held at a time. */
    private static final class Runs implements Iterator<Row> {
        private final Iterator<Row> source;
        private Row pending;

        Runs(Iterator<Row> source) {
            this.source = source;
            this.pending = source.hasNext() ? source.next() : null;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public Row next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            String id = pending.getString(0);
            String language = pending.getString(1);
            // insertion-ordered, so a run's rows come out in the same order on every execution
            Map<String, Integer> terms = new LinkedHashMap<>();
            Map<String, Integer> grams = new LinkedHashMap<>();
            Row row = pending;
            do {
                add(row, terms, grams);
                row = source.hasNext() ? source.next() : null;
            } while (row != null && Objects.equals(id, row.getString(0)) && Objects.equals(language, row.getString(1)));
            pending = row;
            return RowFactory.create(id, language, scala.jdk.javaapi.CollectionConverters.asScala(terms),
                    scala.jdk.javaapi.CollectionConverters.asScala(grams));
        }

        private static void add(Row sentence, Map<String, Integer> terms, Map<String, Integer> grams) {
            if (sentence.isNullAt(2)) {
                return;
            }
            List<String> sentenceTerms = sentence.getList(2);
            sentenceTerms.forEach(t -> terms.merge(t, 1, Integer::sum));
            if (!sentence.isNullAt(3)) {
                for (String g : NGrams.of(sentenceTerms, sentence.getList(3), NGrams.MIN_N, NGrams.MAX_N)) {
                    grams.merge(g, 1, Integer::sum);
                }
            }
        }
    }
}
