package org.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import scala.jdk.javaapi.CollectionConverters;

/** Exact term statistics on a corpus small enough to count by hand. */
class TermsStageTest {
    static TermsStage.Result result;

    static Object seq(Object... xs) {
        return CollectionConverters.asScala(List.of(xs)).toSeq();
    }

    static Row sentence(String article, int id, String lang, List<String> terms, List<Integer> positions) {
        return sentence(article, id, lang, null, terms, positions);
    }

    /** A sentence with its article's date, as tokenize writes it. */
    static Row sentence(String article, int id, String lang, String date, List<String> terms, List<Integer> positions) {
        return RowFactory.create(article, id, 0, 0, "", seq(), CollectionConverters.asScala(terms).toSeq(),
                CollectionConverters.asScala(positions).toSeq(), lang, date == null ? null : Date.valueOf(date), null, null);
    }

    static Row article(String id, String lang, String date) {
        Object[] values = new Object[Tables.ARTICLES.columns().size()];
        List<String> names = List.of(Tables.ARTICLES.columnNames());
        values[names.indexOf("article_id")] = id;
        values[names.indexOf("language")] = lang;
        values[names.indexOf("published_date")] = date == null ? null : Date.valueOf(date);
        return RowFactory.create(values);
    }

    @BeforeAll
    static void run() {
        SparkSession spark = TestSpark.get();
        Dataset<Row> articles = spark.createDataFrame(List.of(
                article("a1", "en", "2024-01-10"), article("a2", "en", "2024-01-20"),
                article("a3", "en", "2024-02-05"), article("p1", "pl", "2024-01-10")), Tables.ARTICLES.schema());
        StructType schema = Tables.SENTENCES.schema();
        Dataset<Row> sentences = spark.createDataFrame(List.of(
                sentence("a1", 0, "en", "2024-01-10", List.of("missile", "strike"), List.of(0, 1)),
                sentence("a1", 1, "en", "2024-01-10", List.of("missile", "russia"), List.of(0, 2)),
                sentence("a2", 0, "en", "2024-01-20", List.of("missile", "strike"), List.of(0, 1)),
                sentence("a3", 0, "en", "2024-02-05", List.of("russia", "ukraine"), List.of(0, 1)),
                sentence("p1", 0, "pl", "2024-01-10", List.of("rosja"), List.of(0))), schema);
        result = new TermsStage(Period.MONTH, 2).apply(articles, sentences);
    }

    private static Map<String, Row> byKey(Dataset<Row> rows, String... keys) {
        Map<String, Row> map = new HashMap<>();
        for (Row r : rows.collectAsList()) {
            StringBuilder k = new StringBuilder();
            for (String key : keys) {
                k.append(String.valueOf(r.<Object>getAs(key))).append('|');
            }
            map.put(k.toString(), r);
        }
        return map;
    }

    @Test
    void termFrequenciesAndTfIdf() {
        Map<String, Row> tf = byKey(result.termFrequencies(), "article_id", "term");
        assertEquals(8, tf.size());
        assertEquals(2, tf.get("a1|missile|").<Integer>getAs("tf"));
        assertEquals(1, tf.get("a1|russia|").<Integer>getAs("tf"));
        assertEquals(2 * Math.log(4.0 / 3.0), tf.get("a1|missile|").<Double>getAs("tf_idf"), 1e-12);
        assertEquals(Math.log(2.0), tf.get("a3|ukraine|").<Double>getAs("tf_idf"), 1e-12);
        assertEquals("pl", tf.get("p1|rosja|").getAs("language"));
    }

    @Test
    void vocabularyIsPerLanguage() {
        Map<String, Row> v = byKey(result.vocabulary(), "language", "term");
        assertEquals(5, v.size());
        Row missile = v.get("en|missile|");
        assertEquals(2, missile.<Integer>getAs("df"));
        assertEquals(3L, missile.<Long>getAs("cf"));
        assertEquals(Math.log(4.0 / 3.0), missile.<Double>getAs("idf"), 1e-12);
        assertEquals(Math.log(4.0 / 2.0), v.get("en|ukraine|").<Double>getAs("idf"), 1e-12);
        assertEquals(0.0, v.get("pl|rosja|").<Double>getAs("idf"), 1e-12, "N=1 Polish article: ln(2/2)");
    }

    @Test
    void trendsByMonth() {
        Map<String, Row> t = byKey(result.termTrends(), "period", "term");
        Row jan = t.get("2024-01-01|missile|");
        assertEquals(3L, jan.<Long>getAs("count"));
        assertEquals(2L, jan.<Long>getAs("articles"));
        assertEquals(1L, t.get("2024-02-01|russia|").<Long>getAs("count"));
        assertEquals(1L, t.get("2024-01-01|russia|").<Long>getAs("count"));
    }

    @Test
    void trendsCountAStoryOnceWhenCopiesAreKnown() {
        assertNull(byKey(result.termTrends(), "period", "term").get("2024-01-01|missile|").getAs("stories"),
                "no near_duplicates: no story count");
        SparkSession spark = TestSpark.get();
        Dataset<Row> articles = spark.createDataFrame(List.of(
                article("a1", "en", "2024-01-10"), article("a2", "en", "2024-01-20"), article("a3", "en", "2024-02-05")),
                Tables.ARTICLES.schema());
        Dataset<Row> sentences = spark.createDataFrame(List.of(
                sentence("a1", 0, "en", "2024-01-10", List.of("missile", "strike"), List.of(0, 1)),
                sentence("a2", 0, "en", "2024-01-20", List.of("missile", "strike"), List.of(0, 1)),
                sentence("a3", 0, "en", "2024-02-05", List.of("missile"), List.of(0))), Tables.SENTENCES.schema());
        // a2 is a later copy of a1's story; a3, a month later, is a copy too but the only one in its period
        Dataset<Row> copies = spark.createDataFrame(List.of(RowFactory.create("a2"), RowFactory.create("a3")),
                new StructType().add(Tables.ARTICLE_ID, DataTypes.StringType));
        Map<String, Row> t = byKey(new TermsStage(Period.MONTH, 2).apply(articles, sentences, copies).termTrends(), "period", "term");
        assertEquals(2L, t.get("2024-01-01|missile|").<Long>getAs("articles"));
        assertEquals(1L, t.get("2024-01-01|missile|").<Long>getAs("stories"));
        assertEquals(1L, t.get("2024-01-01|strike|").<Long>getAs("stories"));
        assertEquals(0L, t.get("2024-02-01|missile|").<Long>getAs("stories"), "its story was counted in January");
        assertEquals(1L, t.get("2024-02-01|missile|").<Long>getAs("articles"));
    }

    @Test
    void undatedArticlesCountInTheVocabularyNotInTheTrends() {
        SparkSession spark = TestSpark.get();
        Dataset<Row> articles = spark.createDataFrame(List.of(article("d1", "en", "2024-01-10"), article("u1", "en", null)),
                Tables.ARTICLES.schema());
        Dataset<Row> sentences = spark.createDataFrame(List.of(
                sentence("d1", 0, "en", "2024-01-10", List.of("missile"), List.of(0)),
                sentence("u1", 0, "en", null, List.of("missile", "missile"), List.of(0, 1))), Tables.SENTENCES.schema());
        TermsStage.Result r = new TermsStage(Period.MONTH, 2).apply(articles, sentences);
        Row missile = byKey(r.vocabulary(), "term").get("missile|");
        assertEquals(2, missile.<Integer>getAs("df"));
        assertEquals(3L, missile.<Long>getAs("cf"));
        List<Row> trends = r.termTrends().collectAsList();
        assertEquals(1, trends.size(), trends.toString());
        assertEquals(Date.valueOf("2024-01-01"), trends.get(0).getAs("period"));
        assertEquals(1L, trends.get(0).<Long>getAs("count"));
        assertEquals(1L, trends.get(0).<Long>getAs("articles"));
    }

    @Test
    void collocationsRespectGapsAndMinCount() {
        Map<String, Row> c = byKey(result.collocations(), "ngram");
        assertEquals(1, c.size(), c.keySet().toString());
        Row ms = c.get("missile strike|");
        assertEquals(2L, ms.<Long>getAs("count"));
        assertEquals(2, ms.<Integer>getAs("df"));
        assertEquals(2, ms.<Integer>getAs("n"));
        // P(bigram) = 2/3 of 3 English bigrams; P(missile) = 3/8, P(strike) = 2/8 of 8 English terms
        assertEquals(Math.log((2.0 / 3.0) / ((3.0 / 8.0) * (2.0 / 8.0))) / Math.log(2), ms.<Double>getAs("pmi"), 1e-12);
        // 2x2 table: k11 = 2, k12 = 0, k21 = 0, k22 = 1, N = 3
        double g2 = 2 * (2 * Math.log(2.0 * 3 / (2 * 2)) + 1 * Math.log(1.0 * 3 / (1 * 1)));
        assertEquals(g2, ms.<Double>getAs("llr"), 1e-12);
    }

    @Test
    void trigramsHaveNoLlr() {
        Dataset<Row> sentences = TestSpark.get().createDataFrame(List.of(
                sentence("x", 0, "en", List.of("long-range", "missile", "strike"), List.of(0, 1, 2)),
                sentence("y", 0, "en", List.of("long-range", "missile", "strike"), List.of(0, 1, 2))),
                Tables.SENTENCES.schema());
        Map<String, Row> c = byKey(new TermsStage(Period.DAY, 2).collocations(sentences), "ngram");
        Row tri = c.get("long-range missile strike|");
        assertEquals(3, tri.<Integer>getAs("n"));
        assertNull(tri.getAs("llr"));
        // 2 of 2 trigrams; each word 2 of 6 terms
        assertEquals(Math.log(1.0 / Math.pow(2.0 / 6.0, 3)) / Math.log(2), tri.<Double>getAs("pmi"), 1e-12);
    }

    /** A sentence of an article with {@code of} sentences (n_sentences), so a reader can tell a whole run. */
    static Row sentence(String article, int id, int of, List<String> terms, List<Integer> positions) {
        return RowFactory.create(article, id, 0, 0, "", seq(), CollectionConverters.asScala(terms).toSeq(),
                CollectionConverters.asScala(positions).toSeq(), "en", null, of, null);
    }

    @Test
    void articlesSplitIntoSeveralRunsAreCountedOnce() {
        // a1's two sentences are not consecutive: two incomplete runs, summed; a2's one sentence is a complete run
        Dataset<Row> sentences = TestSpark.get().createDataFrame(List.of(
                sentence("a1", 0, 2, List.of("missile", "strike"), List.of(0, 1)),
                sentence("a2", 0, 1, List.of("missile", "strike"), List.of(0, 1)),
                sentence("a1", 1, 2, List.of("missile", "strike", "missile"), List.of(0, 1, 2))),
                Tables.SENTENCES.schema()).repartition(1);
        TermsStage stage = new TermsStage(Period.DAY, 2);
        Dataset<Row> counts = stage.articleCounts(sentences);
        assertEquals(List.of("a1 false", "a2 true", "a1 false"), counts.collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.<Boolean>getAs(ArticleRuns.COMPLETE)).toList());
        Map<String, Row> tf = byKey(stage.termCounts(counts), "article_id", "term");
        assertEquals(4, tf.size());
        assertEquals(3, tf.get("a1|missile|").<Integer>getAs("tf"));
        assertEquals(2, tf.get("a1|strike|").<Integer>getAs("tf"));
        assertEquals(1, tf.get("a2|strike|").<Integer>getAs("tf"));
        Map<String, Row> grams = byKey(stage.ngramCounts(counts), "ngram");
        Row ms = grams.get("missile strike|");
        assertEquals(3L, ms.<Long>getAs("count"));
        assertEquals(2, ms.<Integer>getAs("df"), "a1 is one article however many runs it has");
        assertEquals(1L, grams.get("strike missile|").<Long>getAs("count"));
        assertEquals(1L, grams.get("missile strike missile|").<Long>getAs("count"));
        assertEquals(3, grams.get("missile strike missile|").<Integer>getAs("n"));
        assertEquals(2, ms.<Integer>getAs("n"));
    }

    @Test
    void runsWithoutSentenceCountsAreSummedToTheSameCounts() {
        // consecutive sentences, once with n_sentences (complete runs) and once without (every run summed)
        List<Row> rows = List.of(
                sentence("a1", 0, 2, List.of("missile", "strike"), List.of(0, 1)),
                sentence("a1", 1, 2, List.of("missile", "strike"), List.of(0, 1)),
                sentence("a2", 0, 1, List.of("missile", "strike"), List.of(0, 1)));
        TermsStage stage = new TermsStage(Period.DAY, 2);
        Dataset<Row> counted = TestSpark.get().createDataFrame(rows, Tables.SENTENCES.schema()).repartition(1);
        Dataset<Row> uncounted = counted.withColumn("n_sentences", org.apache.spark.sql.functions.lit(null).cast("int"));
        Dataset<Row> whole = stage.articleCounts(counted);
        Dataset<Row> summed = stage.articleCounts(uncounted);
        assertEquals(2, whole.where(ArticleRuns.COMPLETE).count());
        assertEquals(0, summed.where(ArticleRuns.COMPLETE).count());
        assertEquals(0, stage.termCounts(whole).exceptAll(stage.termCounts(summed)).count());
        assertEquals(0, stage.termCounts(summed).exceptAll(stage.termCounts(whole)).count());
        assertEquals(0, stage.ngramCounts(whole).exceptAll(stage.ngramCounts(summed)).count());
        assertEquals(0, stage.ngramCounts(summed).exceptAll(stage.ngramCounts(whole)).count());
        assertEquals(2, byKey(stage.termCounts(summed), "article_id", "term").get("a1|strike|").<Integer>getAs("tf"));
        assertEquals(2, byKey(stage.ngramCounts(summed), "ngram").get("missile strike|").<Integer>getAs("df"));
    }

    @Test
    void ngramsStopAtPositionGaps() {
        // "the missile and the strike force": stop words leave gaps at positions 0, 2 and 3
        List<String> grams = NGrams.of(List.of("missile", "strike", "force"), List.of(1, 4, 5), 2, 3);
        assertEquals(List.of("strike force"), grams);
        assertEquals(List.of("a b", "b c", "a b c"), NGrams.of(List.of("a", "b", "c"), List.of(0, 1, 2), 2, 3));
        assertEquals(List.of(), NGrams.of(List.of("a"), List.of(0), 2, 3));
    }
}
