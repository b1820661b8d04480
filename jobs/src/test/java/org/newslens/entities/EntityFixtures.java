package org.newslens.entities;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.text.TokenizeStage;

/** Articles made in the test, sentences from the real tokenizer, mentions from the real stage. */
final class EntityFixtures {
    private EntityFixtures() {
    }

    static Gazetteer gazetteer;

    static synchronized Gazetteer gazetteer() {
        if (gazetteer == null) {
            gazetteer = Gazetteer.load();
        }
        return gazetteer;
    }

    static Row article(String id, String date, String title, String text) {
        Object[] values = new Object[Tables.ARTICLES.columns().size()];
        List<String> names = List.of(Tables.ARTICLES.columnNames());
        values[names.indexOf("article_id")] = id;
        values[names.indexOf("language")] = "en";
        values[names.indexOf("title")] = title;
        values[names.indexOf("text")] = text;
        values[names.indexOf("published_date")] = date == null ? null : Date.valueOf(date);
        return RowFactory.create(values);
    }

    static Dataset<Row> articles(Row... rows) {
        return TestSpark.get().createDataFrame(List.of(rows), Tables.ARTICLES.schema());
    }

    static Dataset<Row> sentences(Dataset<Row> articles) {
        return new TokenizeStage(List.of(), false).apply(articles);
    }

    /** A plain mention-like record for assertions. */
    record M(String article, int sentence, String entity, String surface, int start, int end, String rule,
             boolean ambiguous, List<String> candidates) {
    }

    /** The mentions of fixture articles given as {id, date (or null), title, text}, grouped by article id. */
    static Map<String, List<M>> mentionsByArticle(String[][] articles) {
        Row[] rows = java.util.Arrays.stream(articles).map(a -> article(a[0], a[1], a[2], a[3])).toArray(Row[]::new);
        return mentions(rows).stream().collect(java.util.stream.Collectors.groupingBy(M::article));
    }

    static List<M> mentions(Row... articles) {
        SparkSession spark = TestSpark.get();
        return mentions(sentences(spark.createDataFrame(List.of(articles), Tables.ARTICLES.schema())));
    }

    /** The mentions of these sentences, ordered by article and offset. */
    static List<M> mentions(Dataset<Row> sentences) {
        return records(new EntitiesStage(gazetteer()).mentions(sentences).rows());
    }

    /** Mention rows as records, ordered by article and offset. */
    static List<M> records(Dataset<Row> mentions) {
        List<M> out = new ArrayList<>();
        for (Row r : mentions.orderBy(Tables.ARTICLE_ID, "char_start").collectAsList()) {
            out.add(new M(r.getAs("article_id"), r.<Integer>getAs("sentence_id"), r.getAs("entity_id"), r.getAs("surface"),
                    r.<Integer>getAs("char_start"), r.<Integer>getAs("char_end"), r.getAs("match_rule"),
                    r.<Boolean>getAs("ambiguous"), r.getList(r.fieldIndex("candidates"))));
        }
        return out;
    }
}
