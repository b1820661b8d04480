package org.newslens.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Coherence against values computed by hand. Corpus of N = 4 documents: d1 = {a, b}, d2 = {a, b, c}, d3 = {a},
 * d4 = {c}; so D(a) = 3, D(b) = 2, D(c) = 2, D(a,b) = 2, D(a,c) = 1, D(b,c) = 1.
 */
class CoherenceTest {
    static final Coherence.Counts COUNTS = Coherence.counts(Map.of("a", 3L, "b", 2L, "c", 2L),
            Map.of(Coherence.pair("a", "b"), 2L, Coherence.pair("a", "c"), 1L, Coherence.pair("b", "c"), 1L), 4);

    @Test
    void npmiOfPairs() {
        // ln((2/4) / (3/4 * 2/4)) / -ln(2/4) = ln(4/3) / ln 2
        assertEquals(Math.log(4.0 / 3.0) / Math.log(2), Coherence.npmi(3, 2, 2, 4), 1e-12);
        assertEquals(0.415037499, Coherence.npmi(3, 2, 2, 4), 1e-9);
        // ln((1/4) / (3/4 * 2/4)) / -ln(1/4) = ln(2/3) / ln 4
        assertEquals(-0.292481250, Coherence.npmi(3, 2, 1, 4), 1e-9);
        // independent: P(b,c) = P(b) P(c)
        assertEquals(0.0, Coherence.npmi(2, 2, 1, 4), 1e-12);
        assertEquals(-1.0, Coherence.npmi(2, 2, 0, 4), 0.0, "never together");
        assertEquals(1.0, Coherence.npmi(4, 4, 4, 4), 0.0, "always together");
    }

    @Test
    void topicNpmiIsTheMeanOverPairs() {
        assertEquals((0.415037499 - 0.292481250 + 0.0) / 3, Coherence.npmi(List.of("a", "b", "c"), COUNTS), 1e-9);
        assertEquals(0.415037499, Coherence.npmi(List.of("b", "a"), COUNTS), 1e-9, "symmetric");
    }

    @Test
    void umassIsMimnosSumInRankOrder() {
        // (b|a): ln((2+1)/3) = 0; (c|a): ln((1+1)/3); (c|b): ln((1+1)/2) = 0
        assertEquals(Math.log(2.0 / 3.0), Coherence.umass(List.of("a", "b", "c"), COUNTS), 1e-12);
        assertEquals(-0.405465108, Coherence.umass(List.of("a", "b", "c"), COUNTS), 1e-9);
        // order matters: (a|c): ln(2/2) = 0; (b|c): ln(2/2) = 0; (b|a): ln(3/3) = 0
        assertEquals(0.0, Coherence.umass(List.of("c", "a", "b"), COUNTS), 1e-12);
        assertEquals(Math.log(1.0 / 2.0), Coherence.umassPair(2, 0), 1e-12);
    }

    @Test
    void sparkCountsMatchTheHandCounts() {
        StructType schema = new StructType().add("article_id", DataTypes.StringType)
                .add("terms", DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> docs = TestSpark.get().createDataFrame(List.of(
                doc("d1", "a", "b", "a"), doc("d2", "c", "b", "a"), doc("d3", "a"), doc("d4", "c", "x")), schema);
        String[] vocab = {"x", "a", "c", "b"};
        Dataset<Row> vectors = new CountVectorizerModel(vocab).setInputCol("terms").setOutputCol("features").transform(docs);
        Coherence.Counts c = TopicsStage.cooccurrence(vectors, vocab, List.of(List.of("a", "b"), List.of("c", "a")), 4);
        assertEquals(3, c.df("a"));
        assertEquals(2, c.df("b"));
        assertEquals(2, c.df("c"));
        assertEquals(0, c.df("x"), "not a top term: not counted");
        assertEquals(2, c.codf("a", "b"));
        assertEquals(2, c.codf("b", "a"));
        assertEquals(1, c.codf("a", "c"));
        assertEquals(1, c.codf("b", "c"));
        assertEquals((0.415037499 - 0.292481250) / 3, Coherence.npmi(List.of("a", "b", "c"), c), 1e-9);
    }

    static Row doc(String id, String... terms) {
        return RowFactory.create(id, CollectionConverters.asScala(List.of(terms)).toSeq());
    }
}
