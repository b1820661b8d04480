package org.newslens.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.terms.Period;
import org.newslens.tables.Tables;

/** A story syndicated 40 times weighs as one document in the fit, and every copy still gets its topics. */
class TopicsOneCopyPerStoryTest {
    static final List<String> STORY = List.of("zebra", "giraffe", "savanna", "safari", "lion", "herd", "migration", "ranger");

    @Test
    void copiesAreLeftOutOfTheFitButGetTopics() {
        TopicsStageTest.build();
        SparkSession spark = TestSpark.get();
        List<Row> a = new ArrayList<>();
        List<Row> s = new ArrayList<>();
        List<String> copyIds = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            String id = "story-" + c;
            a.add(TopicsStageTest.article(id, "en", "2024-01-20"));
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                terms.add(STORY.get(i % STORY.size()));
            }
            s.add(TopicsStageTest.sentence(id, 0, 1, "2024-01-20", "en", terms));
            if (c > 0) {
                copyIds.add(id);
            }
        }
        Dataset<Row> articles = TopicsStageTest.articles.unionByName(spark.createDataFrame(a, Tables.ARTICLES.schema()));
        Dataset<Row> sentences = TopicsStageTest.sentences.unionByName(spark.createDataFrame(s, Tables.SENTENCES.schema()));
        Dataset<Row> copies = spark.createDataset(copyIds, Encoders.STRING()).toDF(Tables.ARTICLE_ID);

        TopicsStage.Result withCopies = new TopicsStage(TopicsStageTest.OPTIONS, Period.MONTH).apply(articles, sentences, null);
        TopicsStage.Result oncePerStory = new TopicsStage(TopicsStageTest.OPTIONS, Period.MONTH).apply(articles, sentences, null, copies);

        assertTrue(oncePerStory.fitInfo().contains("one copy per story: 39 later copies left out"), oncePerStory.fitInfo());
        // 40 copies take over a topic; one copy among 90 documents does not
        assertTrue(topTerms(withCopies).contains("zebra"), topTerms(withCopies).toString());
        assertEquals(Set.of(0, 1, 2), Set.copyOf(TopicsStageTest.topicThemes(oncePerStory.topics()).values()),
                "the three planted themes, one topic each: " + topTerms(oncePerStory));
        Set<String> withTopics = oncePerStory.articleTopics().select(Tables.ARTICLE_ID).distinct()
                .as(Encoders.STRING()).collectAsList().stream().collect(Collectors.toSet());
        assertTrue(withTopics.containsAll(copyIds), "every copy still gets its topics");
    }

    static List<String> topTerms(TopicsStage.Result r) {
        return r.topics().orderBy(Tables.TOPIC_ID, "rank").select("term").as(Encoders.STRING()).collectAsList();
    }
}
