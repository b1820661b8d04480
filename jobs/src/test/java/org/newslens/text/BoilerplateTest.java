package org.newslens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;
import org.newslens.terms.TermsStage;

class BoilerplateTest {
    private static Dataset<Row> articles;
    private static Dataset<Row> sentences;
    private static Dataset<Row> boilerplate;

    private static Row article(String id, String source, String title, String text) {
        Object[] values = new Object[Tables.ARTICLES.columns().size()];
        List<String> names = List.of(Tables.ARTICLES.columnNames());
        values[names.indexOf("article_id")] = id;
        values[names.indexOf("source")] = source;
        values[names.indexOf("title")] = title;
        values[names.indexOf("text")] = text;
        values[names.indexOf("language")] = "en";
        return RowFactory.create(values);
    }

    @BeforeAll
    static void fixture() {
        SparkSession spark = TestSpark.get();
        List<Row> rows = new ArrayList<>();
        // feed-a: a template line under every item (with a count that changes), a title repeated in every item
        for (int i = 0; i < 12; i++) {
            rows.add(article("a" + i, "feed-a", "Daily briefing", "Talks on grain exports number " + i + " resumed in topic" + (char) ('a' + i)
                    + ". Continue reading... Points: " + (i * 7) + "."));
        }
        // feed-b: the same line in 3 items only, which is not enough
        for (int i = 0; i < 3; i++) {
            rows.add(article("b" + i, "feed-b", "Update " + i, "Missile strike reported near Kharkiv. Continue reading..."));
        }
        // no source (e.g. .txt files): a footer in 10 articles, which may come from anywhere, so it is kept
        for (int i = 0; i < 10; i++) {
            rows.add(article("t" + i, null, "Note " + i, "Ceasefire holds in region" + (char) ('a' + i) + ". Copyright 2024 Example Press."));
        }
        articles = spark.createDataFrame(rows, Tables.ARTICLES.schema());
        sentences = new TokenizeStage(List.of(), false).apply(articles).cache();
        boilerplate = Boilerplate.find(sentences, 10).cache();
    }

    @Test
    void templateLinesRepeatedInManyArticlesOfASourceAreFound() {
        Map<String, Row> found = boilerplate.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("source") + "|" + r.getList(r.fieldIndex("terms")), r -> r));
        assertEquals(2, found.size(), found.keySet().toString());
        Row reading = found.get("feed-a|[continue, reading]");
        assertEquals(12, reading.<Integer>getAs("articles"));
        assertEquals(12L, reading.<Long>getAs("sentences"));
        assertEquals("Continue reading...", reading.getAs("text"));
        // numbers are not terms, so "Points: 0" ... "Points: 77" are one line
        assertEquals(12, found.get("feed-a|[points]").<Integer>getAs("articles"));
        assertEquals(0, Boilerplate.find(sentences, 0).count());
    }

    @Test
    void termTablesLeaveBoilerplateOutButKeepTitlesAndOtherSources() {
        Dataset<Row> flagged = Boilerplate.flag(sentences, boilerplate);
        assertEquals(sentences.count(), flagged.count());
        assertEquals(12 * 2, flagged.where("boilerplate").count());
        assertFalse(flagged.where("boilerplate and sentence_id = 0").count() > 0);

        Map<String, Long> df = new TermsStage(Period.MONTH, 2).apply(articles, flagged).vocabulary().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("term")), r -> (long) r.<Integer>getAs("df")));
        assertEquals(3L, df.get("continue")); // feed-b's three, not feed-a's twelve
        assertEquals(12L, df.get("briefing")); // a repeated title still counts
        assertEquals(12L, df.get("grain"));
        assertFalse(df.containsKey("points"));
        assertEquals(10L, df.get("copyright"));
        assertEquals(10L, df.get("ceasefire"));

        assertEquals(sentences.count() - 24, Boilerplate.without(sentences, boilerplate).count());
    }
}
