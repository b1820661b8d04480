package org.newslens.topics;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.text.Boilerplate;

/** Topic documents folded from runs of an article's sentences, whatever the partitions cut. */
class TopicDocumentsTest {

    /** article_id -> its document's terms, sorted (the model reads counts, so order does not matter), and date. */
    private static Map<String, String> documents(Dataset<Row> sentences) {
        Dataset<Row> runs = TopicsStage.runs(sentences, "en").persist();
        Map<String, String> out = new TreeMap<>();
        for (Row r : TopicsStage.merged(runs).collectAsList()) {
            List<String> terms = new ArrayList<>(r.getList(1));
            terms.sort(null);
            out.put(r.getString(0), terms + " " + r.get(2));
        }
        runs.unpersist();
        return out;
    }

    @Test
    void anArticleCutByPartitionsIsOneDocumentAndBoilerplateCountsWithoutItsTerms() {
        SparkSession spark = TestSpark.get();
        String day = "2024-03-01";
        List<Row> rows = List.of(
                // partition 0: all of a (its sentence 1 a template), the first sentence of b
                TopicsStageTest.sentence("a", 0, 3, day, "en", List.of("budget", "vote")),
                TopicsStageTest.sentence("a", 1, 3, day, "en", List.of("continue", "reading")),
                TopicsStageTest.sentence("a", 2, 3, day, "en", List.of("minister", "budget")),
                TopicsStageTest.sentence("b", 0, 3, day, "en", List.of("storm", "coast")),
                // partition 1: the rest of b, a Polish article, one without n_sentences
                TopicsStageTest.sentence("b", 1, 3, day, "en", List.of("flood")),
                TopicsStageTest.sentence("b", 2, 3, day, "en", List.of("coast", "rain")),
                TopicsStageTest.sentence("p", 0, 1, day, "pl", List.of("rakieta")),
                TopicsStageTest.sentence("x", 0, null, null, "en", List.of("court", "ruling")));
        Dataset<Row> sentences = spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), Tables.SENTENCES.schema());
        assertEquals(2, sentences.rdd().getNumPartitions());
        Dataset<Row> flagged = sentences.withColumn(Boilerplate.FLAG,
                when(col(Tables.ARTICLE_ID).equalTo("a").and(col(Tables.SENTENCE_ID).equalTo(1)), lit(true)).otherwise(lit(false)));

        Map<String, String> docs = documents(flagged);
        assertEquals(Map.of(
                "a", "[budget, budget, minister, vote] " + Date.valueOf(day),
                "b", "[coast, coast, flood, rain, storm] " + Date.valueOf(day),
                "x", "[court, ruling] null"), docs);
        // b's pieces are two runs, neither complete; a is one complete run although a sentence lost its terms
        Dataset<Row> runs = TopicsStage.runs(flagged, "en");
        assertEquals(1, runs.where(col(Tables.ARTICLE_ID).equalTo("a").and(col(ArticleDocuments.COMPLETE))).count());
        assertEquals(2, runs.where(col(Tables.ARTICLE_ID).equalTo("b").and(col(ArticleDocuments.COMPLETE).equalTo(false))).count());

        // in one partition, the same documents
        assertEquals(docs, documents(flagged.coalesce(1)));
    }
}
