package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Co-occurrence numbers on a corpus small enough to count by hand. Entities: A = country:AA, X = leader:x
 * (country BB), Z = org:z.
 * <pre>
 * a1 (2024-01-05)  s0: X, A   s1: X
 * a2 (2024-01-20)  s0: X, A
 * a3 (2024-02-03)  s0: A (+ an ambiguous Z, ignored)   s1: Z
 * a4 (2024-02-10)  s0: nothing
 * </pre>
 * Articles: n = 4, n_X = 2, n_A = 3, n_Z = 1, n_AX = 2, n_AZ = 1.
 * Sentences: n = 6, n_X = 3, n_A = 3, n_Z = 1, n_AX = 2, no other pair.
 */
class CooccurStageTest {
    static Dataset<Row> articles;
    static Dataset<Row> sentences;
    static Dataset<Row> mentions;
    static Dataset<Row> entities;

    /** The fixture's publication dates, which mentions carry. */
    static final Map<String, String> DATES = Map.of("a1", "2024-01-05", "a2", "2024-01-20", "a3", "2024-02-03", "a4", "2024-02-10");

    static Row mention(String article, int sentence, String entity, String type, boolean ambiguous) {
        return mention(article, (Integer) sentence, entity, type, ambiguous);
    }

    static Row mention(String article, Integer sentence, String entity, String type, boolean ambiguous) {
        String date = DATES.get(article);
        return RowFactory.create(article, sentence, entity, type, "x", 0, 1, "name", ambiguous,
                CollectionConverters.asScala(List.of(entity)).toSeq(), date == null ? null : Date.valueOf(date));
    }

    static Row sentence(String article, int id) {
        return RowFactory.create(article, id, 0, 0, "", null, null, null, "en");
    }

    @BeforeAll
    static void fixture() {
        SparkSession spark = TestSpark.get();
        articles = EntityFixtures.articles(EntityFixtures.article("a1", DATES.get("a1"), "t", "x"),
                EntityFixtures.article("a2", DATES.get("a2"), "t", "x"), EntityFixtures.article("a3", DATES.get("a3"), "t", "x"),
                EntityFixtures.article("a4", DATES.get("a4"), "t", "x"));
        sentences = spark.createDataFrame(List.of(sentence("a1", 0), sentence("a1", 1), sentence("a2", 0), sentence("a3", 0),
                sentence("a3", 1), sentence("a4", 0)), Tables.SENTENCES.schema());
        mentions = spark.createDataFrame(List.of(
                mention("a1", 0, "leader:x", "leader", false), mention("a1", 0, "country:AA", "country", false),
                mention("a1", 0, "leader:x", "leader", false), // twice in a unit: counted once
                mention("a1", 1, "leader:x", "leader", false),
                mention("a2", 0, "leader:x", "leader", false), mention("a2", 0, "country:AA", "country", false),
                mention("a3", 0, "country:AA", "country", false), mention("a3", 0, "org:z", "organization", true),
                mention("a3", 1, "org:z", "organization", false)), Tables.MENTIONS.schema());
        entities = spark.createDataFrame(List.of(RowFactory.create("country:AA", "country", "A", "AA"),
                RowFactory.create("leader:x", "leader", "X", "BB"), RowFactory.create("org:z", "organization", "Z", null)),
                Tables.ENTITIES.schema());
    }

    static Map<String, Row> byKey(Dataset<Row> rows, String... keys) {
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

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static double g2(double k11, double k12, double k21, double k22) {
        double n = k11 + k12 + k21 + k22;
        double[][] k = {{k11, k12}, {k21, k22}};
        double[] row = {k11 + k12, k21 + k22};
        double[] col = {k11 + k21, k12 + k22};
        double sum = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                if (k[i][j] > 0) {
                    sum += k[i][j] * Math.log(k[i][j] * n / (row[i] * col[j]));
                }
            }
        }
        return 2 * sum;
    }

    @Test
    void articleScope() {
        Map<String, Row> c = byKey(new CooccurStage(Period.MONTH, 1, false).apply(mentions, articles, sentences, null).cooccurrence(),
                "scope", "entity_a", "entity_b");
        Row ax = c.get("article|country:AA|leader:x|");
        assertEquals(2L, ax.<Long>getAs("n_ab"));
        assertEquals(3L, ax.<Long>getAs("n_a"));
        assertEquals(2L, ax.<Long>getAs("n_b"));
        assertEquals(4L, ax.<Long>getAs("n"));
        assertEquals("country", ax.getAs("type_a"));
        assertEquals("leader", ax.getAs("type_b"));
        assertEquals(log2(4.0 / 3.0), ax.<Double>getAs("pmi"), 1e-12);          // log2(2*4 / (3*2))
        assertEquals(log2(4.0 / 3.0) / 1.0, ax.<Double>getAs("npmi"), 1e-12);   // / -log2(2/4)
        assertEquals(g2(2, 1, 0, 1), ax.<Double>getAs("llr"), 1e-12);
        assertEquals(2 * (2 * Math.log(4.0 / 3.0) + Math.log(2.0 / 3.0) + Math.log(2.0)), ax.<Double>getAs("llr"), 1e-12);
        assertEquals(2.0 / 3.0, ax.<Double>getAs("jaccard"), 1e-12);           // 2 / (3 + 2 - 2)
        Row az = c.get("article|country:AA|org:z|");
        assertEquals(1L, az.<Long>getAs("n_ab"));
        assertEquals(1L, az.<Long>getAs("n_b"));
        assertEquals(log2(4.0 / 3.0), az.<Double>getAs("pmi"), 1e-12);
        assertNull(c.get("article|leader:x|org:z|"));
        assertEquals(3, c.size()); // AX, AZ at article scope; AX at sentence scope
    }

    @Test
    void sentenceScope() {
        Map<String, Row> c = byKey(new CooccurStage(Period.MONTH, 1, false).apply(mentions, articles, sentences, null).cooccurrence(),
                "scope", "entity_a", "entity_b");
        Row ax = c.get("sentence|country:AA|leader:x|");
        assertEquals(2L, ax.<Long>getAs("n_ab"));
        assertEquals(3L, ax.<Long>getAs("n_a"));
        assertEquals(3L, ax.<Long>getAs("n_b"));
        assertEquals(6L, ax.<Long>getAs("n"));
        assertEquals(log2(4.0 / 3.0), ax.<Double>getAs("pmi"), 1e-12);              // log2(2*6 / (3*3))
        assertEquals(log2(4.0 / 3.0) / log2(3.0), ax.<Double>getAs("npmi"), 1e-12);  // / -log2(2/6)
        assertEquals(2 * (4 * Math.log(4.0 / 3.0) + 2 * Math.log(2.0 / 3.0)), ax.<Double>getAs("llr"), 1e-12);
        assertEquals(0.5, ax.<Double>getAs("jaccard"), 1e-12);                      // 2 / (3 + 3 - 2)
        assertNull(c.get("sentence|country:AA|org:z|"), "A and Z are in different sentences of a3");
    }

    @Test
    void minCount() {
        List<Row> rows = new CooccurStage(Period.MONTH, 2, false).apply(mentions, articles, sentences, null).cooccurrence().collectAsList();
        assertEquals(2, rows.size());
        for (Row r : rows) {
            assertEquals("country:AA", r.getAs("entity_a"));
            assertEquals("leader:x", r.getAs("entity_b"));
        }
    }

    @Test
    void trendsAndPairsCountAStoryOnce() {
        SparkSession spark = TestSpark.get();
        // a2 is a copy of a1 (one story published twice in January); a3 is a story of its own
        Dataset<Row> nearDuplicates = spark.createDataFrame(List.of(RowFactory.create("a1", "a1", 1.0, 2),
                RowFactory.create("a2", "a1", 0.9, 2)), Tables.NEAR_DUPLICATES.schema());
        CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, false)
                .apply(mentions, articles.count(), sentences.count(), null, nearDuplicates);
        Map<String, Row> et = byKey(r.entityTrends(), "period", "entity_id");
        assertEquals(2L, et.get("2024-01-01|leader:x|").<Long>getAs("articles"));
        assertEquals(1L, et.get("2024-01-01|leader:x|").<Long>getAs("stories"));
        assertEquals(2L, et.get("2024-01-01|country:AA|").<Long>getAs("articles"));
        assertEquals(1L, et.get("2024-01-01|country:AA|").<Long>getAs("stories"));
        assertEquals(1L, et.get("2024-02-01|country:AA|").<Long>getAs("stories"), "a story of its own counts");
        Map<String, Row> c = byKey(r.cooccurrence(), "scope", "entity_a", "entity_b");
        assertEquals(2L, c.get("article|country:AA|leader:x|").<Long>getAs("n_ab"));
        assertEquals(1L, c.get("article|country:AA|leader:x|").<Long>getAs("n_ab_stories"), "the copy a2 is not counted again");
        assertNull(c.get("sentence|country:AA|leader:x|").getAs("n_ab_stories"), "stories are articles, not sentences");
        Map<String, Row> ct = byKey(r.cooccurrenceTrends(), "period", "scope", "entity_a", "entity_b");
        assertEquals(2L, ct.get("2024-01-01|article|country:AA|leader:x|").<Long>getAs("n_ab"));
        assertEquals(1L, ct.get("2024-01-01|article|country:AA|leader:x|").<Long>getAs("n_ab_stories"),
                "the trend counts the story once too");
        assertNull(ct.get("2024-01-01|sentence|country:AA|leader:x|").getAs("n_ab_stories"));
        // without a near_duplicates table the columns are null, not a guess
        Map<String, Row> none = byKey(new CooccurStage(Period.MONTH, 1, false).apply(mentions, articles, sentences, null)
                .entityTrends(), "period", "entity_id");
        assertNull(none.get("2024-01-01|leader:x|").getAs("stories"));
        assertNull(byKey(new CooccurStage(Period.MONTH, 1, false).apply(mentions, articles, sentences, null).cooccurrence(),
                "scope", "entity_a", "entity_b").get("article|country:AA|leader:x|").getAs("n_ab_stories"));
    }

    @Test
    void withoutCopiesStoryCountsEqualArticleCounts() {
        // the same units as n_ab and articles, a leader's country included: with no copies the counts must agree
        Dataset<Row> none = TestSpark.get().createDataFrame(List.of(), Tables.NEAR_DUPLICATES.schema());
        for (boolean leader : new boolean[] {false, true}) {
            CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, leader)
                    .apply(mentions, articles.count(), sentences.count(), entities, none);
            assertEquals(0, r.cooccurrence().where("scope = 'article' and n_ab_stories <> n_ab").count(), "leader " + leader);
            assertEquals(0, r.entityTrends().where("stories <> articles").count(), "leader " + leader);
            assertEquals(0, r.cooccurrenceTrends().where("scope = 'article' and n_ab_stories <> n_ab").count(), "leader " + leader);
            assertTrue(r.cooccurrence().where("scope = 'article'").count() > 0);
        }
    }

    @Test
    void trends() {
        CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, false).apply(mentions, articles, sentences, null);
        Map<String, Row> ct = byKey(r.cooccurrenceTrends(), "period", "scope", "entity_a", "entity_b");
        assertEquals(2L, ct.get("2024-01-01|article|country:AA|leader:x|").<Long>getAs("n_ab"));
        assertEquals(2L, ct.get("2024-01-01|sentence|country:AA|leader:x|").<Long>getAs("n_ab"));
        assertEquals(1L, ct.get("2024-02-01|article|country:AA|org:z|").<Long>getAs("n_ab"));
        assertEquals(3, ct.size());
        Map<String, Row> et = byKey(r.entityTrends(), "period", "entity_id");
        assertEquals(4L, et.get("2024-01-01|leader:x|").<Long>getAs("mentions"));
        assertEquals(2L, et.get("2024-01-01|leader:x|").<Long>getAs("articles"));
        assertEquals(2L, et.get("2024-01-01|country:AA|").<Long>getAs("mentions"));
        assertEquals(1L, et.get("2024-02-01|country:AA|").<Long>getAs("articles"));
        assertEquals(1L, et.get("2024-02-01|org:z|").<Long>getAs("mentions"), "the ambiguous mention is not counted");
        assertEquals(Date.valueOf("2024-01-01"), et.get("2024-01-01|leader:x|").getAs("period"));
    }

    @Test
    void leaderCountsForCountry() {
        Map<String, Row> off = byKey(new CooccurStage(Period.MONTH, 1, false).apply(mentions, articles, sentences, entities)
                .cooccurrence(), "scope", "entity_a", "entity_b");
        assertFalse(off.containsKey("article|country:AA|country:BB|"));
        Map<String, Row> on = byKey(new CooccurStage(Period.MONTH, 1, true).apply(mentions, articles, sentences, entities)
                .cooccurrence(), "scope", "entity_a", "entity_b");
        Row ab = on.get("article|country:AA|country:BB|");
        assertEquals(2L, ab.<Long>getAs("n_ab"));
        assertEquals(2L, ab.<Long>getAs("n_b"));
        assertEquals("country", ab.getAs("type_b"));
        assertEquals(2L, on.get("article|country:BB|leader:x|").<Long>getAs("n_ab"));
    }

    /**
     * The fixture plus a5 (undated, two sentences, A and X mentioned without a sentence_id), with the sentences
     * spread over more partitions than rows (some empty): n counts every article and every sentence, the undated
     * article counts in cooccurrence but in no trend, a unit without sentence_id counts its entities but no pair.
     */
    static Dataset<Row>[] withUndatedArticle() {
        SparkSession spark = TestSpark.get();
        Dataset<Row> moreArticles = articles.unionByName(EntityFixtures.articles(EntityFixtures.article("a5", null, "t", "x")));
        Dataset<Row> moreSentences = sentences.unionByName(spark.createDataFrame(List.of(sentence("a5", 0), sentence("a5", 1)),
                Tables.SENTENCES.schema())).repartition(11);
        Row a5a = mention("a5", null, "country:AA", "country", false);
        Row a5x = mention("a5", null, "leader:x", "leader", false);
        Dataset<Row> moreMentions = mentions.unionByName(spark.createDataFrame(List.of(a5a, a5x), Tables.MENTIONS.schema()));
        @SuppressWarnings("unchecked")
        Dataset<Row>[] inputs = new Dataset[] {moreMentions, moreArticles, moreSentences};
        return inputs;
    }

    @Test
    void unitTotalsAndUndatedArticles() {
        Dataset<Row>[] in = withUndatedArticle();
        CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, false).apply(in[0], in[1], in[2], null);
        Map<String, Row> c = byKey(r.cooccurrence(), "scope", "entity_a", "entity_b");
        Row article = c.get("article|country:AA|leader:x|");
        assertEquals(5L, article.<Long>getAs("n"));
        assertEquals(3L, article.<Long>getAs("n_ab"));
        assertEquals(4L, article.<Long>getAs("n_a"));
        assertEquals(3L, article.<Long>getAs("n_b"));
        Row sentence = c.get("sentence|country:AA|leader:x|");
        assertEquals(8L, sentence.<Long>getAs("n"));
        assertEquals(2L, sentence.<Long>getAs("n_ab"), "the unit without sentence_id has no pairs");
        assertEquals(4L, sentence.<Long>getAs("n_a"));
        assertEquals(4L, sentence.<Long>getAs("n_b"));
        Map<String, Row> ct = byKey(r.cooccurrenceTrends(), "period", "scope", "entity_a", "entity_b");
        assertEquals(3, ct.size(), "a5 is undated");
        assertEquals(2L, ct.get("2024-01-01|article|country:AA|leader:x|").<Long>getAs("n_ab"));
        assertEquals(4L, byKey(r.entityTrends(), "period", "entity_id").get("2024-01-01|leader:x|").<Long>getAs("mentions"));
        r.release();
    }

    @Test
    void noUnitsAtAll() {
        SparkSession spark = TestSpark.get();
        CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, false).apply(mentions.limit(0), articles.limit(0),
                spark.createDataFrame(List.of(), Tables.SENTENCES.schema()), null);
        assertEquals(0, r.cooccurrence().count());
        assertEquals(0, r.cooccurrenceTrends().count());
        assertEquals(0, r.entityTrends().count());
        r.release();
    }

    /** Sums flushed from a task's map after every key give the same tables as sums kept until the end. */
    @Test
    void partialSumsFlushedEarly() {
        Dataset<Row>[] in = withUndatedArticle();
        for (boolean leader : new boolean[] {false, true}) {
            CooccurStage.Result whole = new CooccurStage(Period.MONTH, 1, leader).apply(in[0], in[1], in[2], entities);
            CooccurStage.Result flushed = new CooccurStage(Period.MONTH, 1, leader, 1).apply(in[0], in[1], in[2], entities);
            assertEquals(0, whole.cooccurrence().exceptAll(flushed.cooccurrence()).count());
            assertEquals(0, flushed.cooccurrence().exceptAll(whole.cooccurrence()).count());
            assertEquals(0, whole.cooccurrenceTrends().exceptAll(flushed.cooccurrenceTrends()).count());
            assertEquals(0, flushed.cooccurrenceTrends().exceptAll(whole.cooccurrenceTrends()).count());
            assertEquals(0, whole.entityTrends().exceptAll(flushed.entityTrends()).count());
            assertEquals(0, flushed.entityTrends().exceptAll(whole.entityTrends()).count());
            assertEquals(whole.cooccurrence().count(), flushed.cooccurrence().count());
            whole.release();
            flushed.release();
        }
    }
}
