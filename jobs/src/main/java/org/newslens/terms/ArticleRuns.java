package org.newslens.terms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.tables.ArticleRunFold;
import org.newslens.tables.Tables;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts terms and n-grams per run: a maximal stretch of consecutive rows of one (article, language) in a
 * partition. Input columns: article_id, language, terms, term_positions, n_sentences, published_date (carried
 * through: the trends need each article's date, which the sentences carry, so no join with the articles) and
 * whether the sentence is boilerplate (counted as a row of its article, its terms not counted).
 *
 * <p>Why: the tokenizer emits an article's sentences together, so as the sentences table is read back a run
 * is nearly always the whole article and the per-article counts need no shuffle (two shuffles of ~6 M rows
 * each before). A run is known to be the whole article when it has n_sentences rows (sentence ids are unique
 * per article), as in the entities stage; any other run (a Parquet split cut the article, sentences written in
 * another order, or no n_sentences) is marked incomplete and {@link TermsStage} sums the incomplete runs of an
 * article, so the counts are exact for any input order; only the cost depends on it.
 */
final class ArticleRuns implements MapPartitionsFunction<Row, Row> {
    static final String TERM_COUNTS = "term_counts";
    static final String NGRAM_COUNTS = "ngram_counts";
    /** whether the run is the whole article (it has n_sentences rows) */
    static final String COMPLETE = "complete";

    /** One row per run; maps from term (n-gram) to occurrences in the run. */
    static final StructType SCHEMA = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add(Tables.LANGUAGE, DataTypes.StringType)
            .add(TERM_COUNTS, DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false), false)
            .add(NGRAM_COUNTS, DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false), false)
            .add(COMPLETE, DataTypes.BooleanType, false)
            .add(Tables.PUBLISHED_DATE, DataTypes.DateType, true);

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        return new Runs(sentences);
    }

    /** Folds consecutive sentences of one (article, language), so only one run's counts are held at a time. */
    private static final class Runs extends ArticleRunFold {
        private Map<String, Integer> terms;
        private Map<String, Integer> grams;

        Runs(Iterator<Row> source) {
            super(source);
        }

        @Override
        protected boolean sameRun(Row first, Row row) {
            return super.sameRun(first, row) && Objects.equals(first.getString(1), row.getString(1));
        }

        @Override
        protected void start(Row first) {
            // insertion-ordered, so a run's rows come out in the same order on every execution
            terms = new LinkedHashMap<>();
            grams = new LinkedHashMap<>();
        }

        @Override
        protected void add(Row sentence) {
            add(sentence, terms, grams);
        }

        @Override
        protected Row finish(Row first, int rows) {
            return RowFactory.create(first.getString(0), first.getString(1), CollectionConverters.asScala(terms),
                    CollectionConverters.asScala(grams), whole(first, 4, rows), first.get(5));
        }

        private static void add(Row sentence, Map<String, Integer> terms, Map<String, Integer> grams) {
            if (sentence.isNullAt(2) || sentence.getBoolean(6)) {
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
