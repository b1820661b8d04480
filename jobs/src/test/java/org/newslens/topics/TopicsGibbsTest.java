package org.newslens.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.UserError;
import org.newslens.terms.Period;

/** The Gibbs optimizer on the planted-theme corpus of {@link TopicsStageTest}. */
class TopicsGibbsTest {
    static final TopicOptions GIBBS = new TopicOptions(3, 1L, "gibbs", 50, 0.05, 1000, 1, 0.5, 0.1, 10, null, 0, 0, 64, 0);
    static TopicsStage.Result result;

    @BeforeAll
    static void fit() {
        TopicsStageTest.build();
        result = new TopicsStage(GIBBS, Period.MONTH).apply(TopicsStageTest.articles, TopicsStageTest.sentences,
                TopicsStageTest.mentions);
    }

    @Test
    void eachPlantedThemeIsOneTopic() {
        assertEquals(List.of(), result.warnings());
        Map<Integer, Integer> themes = TopicsStageTest.topicThemes(result.topics());
        assertEquals(Set.of(0, 1, 2), new HashSet<>(themes.values()), "each theme recovered once: " + themes);
        assertTrue(result.topics().where("term = 'said' OR term = 'rakieta'").isEmpty());
        Map<String, Row> dominant = new HashMap<>();
        for (Row r : result.articleTopics().where("dominant").collectAsList()) {
            assertNull(dominant.put(r.getAs("article_id"), r), "one dominant topic per article");
        }
        assertEquals(3 * TopicsStageTest.DOCS_PER_THEME, dominant.size());
        for (Row r : dominant.values()) {
            assertEquals(Integer.parseInt(TopicsStageTest.theme(r.getAs("article_id"))), themes.get(r.<Integer>getAs("topic_id")));
            assertTrue(r.<Double>getAs("weight") > 0.8, r.toString());
        }
        double prevalence = 0;
        for (Row r : result.topicSummary().collectAsList()) {
            prevalence += r.<Double>getAs("prevalence");
            assertTrue(r.<Double>getAs("coherence_npmi") > 0.5, r.toString());
        }
        assertEquals(1.0, prevalence, 1e-9);
    }

    @Test
    void sameInputSameTables() {
        TopicsStage.Result again = new TopicsStage(GIBBS, Period.MONTH).apply(TopicsStageTest.articles,
                TopicsStageTest.sentences, TopicsStageTest.mentions);
        assertEquals(TopicsStageTest.sorted(result.topics()), TopicsStageTest.sorted(again.topics()));
        assertEquals(TopicsStageTest.sorted(result.topicSummary()), TopicsStageTest.sorted(again.topicSummary()));
        assertEquals(TopicsStageTest.sorted(result.articleTopics()), TopicsStageTest.sorted(again.articleTopics()));
    }

    @Test
    void savedModelInfersTheSameTopics() {
        Path dir = new Path(TestSpark.tempDir("topic-model").toString(), "model/topics");
        SparkSession spark = TestSpark.get();
        result.model().save(dir, spark.sparkContext().hadoopConfiguration());
        TopicModel loaded = TopicModel.load(dir.toString(), spark.sparkContext().hadoopConfiguration());
        Dataset<Row> inferred = TopicsStage.infer(loaded, TopicsStageTest.sentences);
        assertEquals(TopicsStageTest.sorted(result.articleTopics()), TopicsStageTest.sorted(inferred));
    }

    @Test
    void aFitOnASampleStillGivesEveryDocumentItsTopics() {
        int docs = 3 * TopicsStageTest.DOCS_PER_THEME;
        TopicOptions sampled = new TopicOptions(3, 1L, "gibbs", 50, 0.05, 1000, 1, 0.5, 0.1, 10, null, 0, 0, 64, docs / 2);
        TopicsStage.Result r = new TopicsStage(sampled, Period.MONTH).apply(TopicsStageTest.articles,
                TopicsStageTest.sentences, TopicsStageTest.mentions);
        Matcher m = Pattern.compile("fitted on (\\d+) of (\\d+) documents").matcher(r.fitInfo());
        assertTrue(m.find(), r.fitInfo());
        int fitted = Integer.parseInt(m.group(1));
        assertEquals(docs, Integer.parseInt(m.group(2)));
        assertTrue(fitted > docs / 4 && fitted < docs, "about half the documents: " + fitted);
        assertEquals(docs, r.articleTopics().where("dominant").count(), "every document has a dominant topic");
        assertEquals(Set.of(0, 1, 2), new HashSet<>(TopicsStageTest.topicThemes(r.topics()).values()),
                "the themes are found from the sample too");
        TopicsStage.Result again = new TopicsStage(sampled, Period.MONTH).apply(TopicsStageTest.articles,
                TopicsStageTest.sentences, TopicsStageTest.mentions);
        assertEquals(TopicsStageTest.sorted(r.articleTopics()), TopicsStageTest.sorted(again.articleTopics()));
    }

    @Test
    void theDriverAndTheExecutorsSweepToTheSameModel() {
        Dataset<Row> vectors = TopicsStage.forFit(result.corpus());
        int v = result.model().vocabulary().vocabulary().length;
        GibbsLda.Fit driver = GibbsLda.fit(vectors, "features", v, 3, 0.5, 0.1, 20, 1L, Long.MAX_VALUE);
        GibbsLda.Fit executors = GibbsLda.fit(vectors, "features", v, 3, 0.5, 0.1, 20, 1L, 0);
        assertTrue(driver.where().startsWith("on the driver"), driver.where());
        assertTrue(executors.where().startsWith("on executors"), executors.where());
        assertEquals(2, vectors.rdd().getNumPartitions(), "two shards, so the paths could differ in their order");
        assertEquals(driver.tokens(), executors.tokens());
        assertTrue(driver.tokens() > 0);
        assertEquals(Arrays.toString(driver.model().topicsMatrix().toArray()),
                Arrays.toString(executors.model().topicsMatrix().toArray()));
        // and a different seed gives a different model, so the comparison can fail
        GibbsLda.Fit other = GibbsLda.fit(vectors, "features", v, 3, 0.5, 0.1, 20, 2L, Long.MAX_VALUE);
        assertFalse(Arrays.equals(driver.model().topicsMatrix().toArray(), other.model().topicsMatrix().toArray()));
    }

    @Test
    void countsAreConsistentAfterSweeps() {
        // one shard of three documents; the sweep keeps every token and returns the shard's own counts
        int k = 2;
        int v = 3;
        GibbsLda.Shard s = new GibbsLda.Shard(new int[] {0, 2, 5, 6}, new int[] {0, 1, 1, 2, 2, 0},
                new short[] {0, 1, 0, 1, 0, 1}, new int[] {1, 1, 1, 1, 1, 1});
        for (int i = 0; i < 5; i++) {
            s = GibbsLda.sweep(s, s.counts, k, v, 0.5, 0.01, GibbsLda.mix(7, i, 0));
            int[] expected = new int[v * k];
            for (int j = 0; j < s.words.length; j++) {
                expected[s.words[j] * k + s.topics[j]]++;
            }
            assertEquals(Arrays.toString(expected), Arrays.toString(s.counts));
        }
    }

    @Test
    void unknownOptimizerIsAUserError() {
        TopicOptions bad = new TopicOptions(3, 1L, "gibs", 5, 0.05, 1000, 1, 0.5, 0.1, 10, null, 0, 0, 64, 0);
        assertThrows(UserError.class, bad::validated);
    }
}
