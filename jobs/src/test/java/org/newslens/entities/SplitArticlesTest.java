package org.newslens.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.TestSpark;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/**
 * Mentions do not depend on the order of the sentences: an article whose sentences are not read as one run
 * (interleaved with other articles, or without n_sentences) is resolved from all of its matches together,
 * exactly like an article read whole. The articles need the whole article: a surname resolved by the full
 * name in another sentence, a date that picks the office holder.
 */
class SplitArticlesTest {
    static Dataset<Row> sentences;
    static List<EntityFixtures.M> whole;

    @BeforeAll
    static void tokenize() {
        sentences = EntityFixtures.sentences(EntityFixtures.articles(
                EntityFixtures.article("a", "2024-11-18", "Talks in Kyiv",
                        "Volodymyr Zelensky met officials. Later Zelensky said Russia had attacked. Johnson agreed."),
                EntityFixtures.article("b", "2005-06-01", "Summit", "President Bush met Vladimir Putin. Bush spoke first."),
                EntityFixtures.article("c", "2024-05-01", "Books", "Johnson said he would write a book. Boris Johnson did.")))
                .cache();
        whole = EntityFixtures.mentions(sentences.coalesce(1).sortWithinPartitions(Tables.ARTICLE_ID, Tables.SENTENCE_ID));
    }

    @Test
    void wholeArticlesResolveSurnamesFromTheirFullNames() {
        assertTrue(whole.stream().anyMatch(m -> m.article().equals("a") && m.surface().equals("Zelensky")
                && m.entity().equals("leader:volodymyr-zelensky") && !m.ambiguous()), whole.toString());
        assertTrue(whole.stream().anyMatch(m -> m.article().equals("c") && m.surface().equals("Johnson")
                && m.entity().equals("leader:boris-johnson") && !m.ambiguous()), whole.toString());
        assertFalse(whole.isEmpty());
    }

    @Test
    void interleavedSentencesGiveTheSameMentions() {
        // every run is one sentence long: all articles take the grouped path
        Dataset<Row> interleaved = sentences.coalesce(1).sortWithinPartitions(Tables.SENTENCE_ID, Tables.ARTICLE_ID);
        assertEquals(whole, EntityFixtures.mentions(interleaved));
    }

    @Test
    void sentencesWithoutACountGiveTheSameMentions() {
        Dataset<Row> uncounted = sentences.withColumn("n_sentences", lit(null).cast(DataTypes.IntegerType))
                .coalesce(1).sortWithinPartitions(Tables.ARTICLE_ID, Tables.SENTENCE_ID);
        assertEquals(whole, EntityFixtures.mentions(uncounted));
    }

    @Test
    void mentionsCarryTheArticleDate() {
        List<Row> dates = new EntitiesStage(EntityFixtures.gazetteer()).mentions(sentences).rows()
                .where(col(Tables.ARTICLE_ID).equalTo("b")).select("published_date").distinct().collectAsList();
        assertEquals(List.of(java.sql.Date.valueOf("2005-06-01")), dates.stream().map(r -> r.getDate(0)).toList());
    }

    @Test
    void theWrittenTableHasEveryMentionWhetherRunsAreWholeSplitOrMixed(@TempDir Path dir) {
        TableStore store = new TableStore(TestSpark.get(), dir.toString());
        EntitiesStage stage = new EntitiesStage(EntityFixtures.gazetteer());
        Dataset<Row> ordered = sentences.coalesce(1).sortWithinPartitions(Tables.ARTICLE_ID, Tables.SENTENCE_ID);
        // article "a" cut across two partitions, "b" and "c" whole in one of them each
        org.apache.spark.sql.Column firstPart = col(Tables.ARTICLE_ID).equalTo("b")
                .or(col(Tables.ARTICLE_ID).equalTo("a").and(col(Tables.SENTENCE_ID).lt(2)));
        Dataset<Row> mixed = ordered.where(firstPart).coalesce(1).sortWithinPartitions(Tables.ARTICLE_ID, Tables.SENTENCE_ID)
                .union(ordered.where(org.apache.spark.sql.functions.not(firstPart)).coalesce(1)
                        .sortWithinPartitions(Tables.ARTICLE_ID, Tables.SENTENCE_ID));
        Dataset<Row> interleaved = sentences.coalesce(1).sortWithinPartitions(Tables.SENTENCE_ID, Tables.ARTICLE_ID);
        // interleaved: every run is one sentence, and every article has several
        long[] expectedSplitRuns = {0, 2, sentences.count()};
        Dataset<Row>[] inputs = new Dataset[] {ordered, mixed, interleaved};
        for (int i = 0; i < inputs.length; i++) {
            EntitiesStage.Mentions m = stage.mentions(inputs[i]);
            long rows = EntitiesStep.writeMentions(store, m, "test");
            assertEquals(expectedSplitRuns[i], m.splitRuns().value(), "split runs counted, input " + i);
            assertEquals(whole, EntityFixtures.records(store.read(Tables.MENTIONS)), "input " + i);
            assertEquals(whole.size(), rows, "input " + i);
        }
    }
}
