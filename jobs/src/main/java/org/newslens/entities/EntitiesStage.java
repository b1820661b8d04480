package org.newslens.entities;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.newslens.tables.Tables;
import org.newslens.text.TokenizeStage;

/**
 * sentences + gazetteer -> entities, leader_terms, mentions. Each sentence is matched in one pass over all
 * surface forms; offsets are the sentence's char_start plus the offset in the sentence, so they index the
 * analysed document (title + "\n\n" + text) like the sentences' offsets. Matches are resolved per article
 * with the article's published_date, which the sentences carry.
 */
public final class EntitiesStage {

    public record Result(Dataset<Row> entities, Dataset<Row> leaderTerms, Mentions mentions) {
    }

    private final Gazetteer gazetteer;

    public EntitiesStage(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public Result apply(Dataset<Row> sentences) {
        SparkSession spark = sentences.sparkSession();
        return new Result(entities(spark), leaderTerms(spark), mentions(sentences));
    }

    public Dataset<Row> entities(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (Gazetteer.Entity e : gazetteer.entities().values()) {
            rows.add(RowFactory.create(e.id(), e.type(), e.name(), e.iso2()));
        }
        return spark.createDataFrame(rows, Tables.ENTITIES.schema()).select(Tables.ENTITIES.sparkColumns());
    }

    public Dataset<Row> leaderTerms(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (Gazetteer.Term t : gazetteer.terms()) {
            rows.add(RowFactory.create(t.id(), t.affiliation(), t.role(), sqlDate(t.start()), sqlDate(t.end())));
        }
        return spark.createDataFrame(rows, Tables.LEADER_TERMS.schema()).select(Tables.LEADER_TERMS.sparkColumns());
    }

    private static Date sqlDate(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    /**
     * The mentions, and the persisted per-run rows they are read from: {@link #release()} once the mentions
     * are written.
     */
    public record Mentions(Dataset<Row> rows, Dataset<Row> runs) {
        public void release() {
            runs.unpersist(false);
        }
    }

    /**
     * sentences -> mentions, in one pass over the sentences: each run of an article's consecutive sentences is
     * matched and resolved where it is read, with the article's published_date carried by the sentences (see
     * {@link SentenceRuns}). Only the matches of articles whose sentences are not all in one run are shuffled,
     * grouped by article and resolved together. The run rows are persisted so the sentences are matched once
     * for both branches.
     */
    public Mentions mentions(Dataset<Row> sentences) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sentences.sparkSession().sparkContext());
        Broadcast<Gazetteer> gaz = jsc.broadcast(gazetteer);
        Dataset<Row> runs = sentences.select(col(Tables.ARTICLE_ID), col(Tables.SENTENCE_ID), col("char_start"), col("text"),
                        col(Tables.PUBLISHED_DATE), col("n_sentences"))
                .mapPartitions(new SentenceRuns(gaz), Encoders.row(SentenceRuns.SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> whole = runs.where(col(SentenceRuns.MATCH_KEY).isNull());
        Dataset<Row> split = runs.where(col(SentenceRuns.MATCH_KEY).isNotNull())
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups(new ResolveSplit(gaz), Encoders.row(SentenceRuns.SCHEMA));
        return new Mentions(whole.unionByName(split).select(Tables.MENTIONS.sparkColumns()), runs);
    }

    /** The analysed document of an article, exactly as tokenize builds it. */
    public static String document(String title, String text) {
        return (title == null ? "" : title) + TokenizeStage.SEPARATOR + (text == null ? "" : text);
    }

    /** The match rows of one article whose sentences came in several runs -> its mention rows. */
    private static final class ResolveSplit implements FlatMapGroupsFunction<String, Row, Row> {
        private final Broadcast<Gazetteer> gazetteer;

        ResolveSplit(Broadcast<Gazetteer> gazetteer) {
            this.gazetteer = gazetteer;
        }

        private static final int DATE = SentenceRuns.SCHEMA.fieldIndex(Tables.PUBLISHED_DATE);
        private static final int KEY = SentenceRuns.SCHEMA.fieldIndex(SentenceRuns.MATCH_KEY);
        private static final int TITLE = SentenceRuns.SCHEMA.fieldIndex(SentenceRuns.TITLE);
        private static final int INDEX = SentenceRuns.SCHEMA.fieldIndex(SentenceRuns.SURFACE_INDEX);
        private static final int START = SentenceRuns.SCHEMA.fieldIndex("char_start");
        private static final int END = SentenceRuns.SCHEMA.fieldIndex("char_end");

        @Override
        public Iterator<Row> call(String articleId, Iterator<Row> rows) {
            Gazetteer g = gazetteer.value();
            List<SentenceRuns.Found> found = new ArrayList<>();
            Date published = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (!r.isNullAt(DATE)) {
                    published = r.getDate(DATE);
                }
                List<Gazetteer.Surface> all = g.surfaces().get(r.getString(KEY));
                List<Gazetteer.Surface> fitting = new ArrayList<>();
                for (Integer i : r.<Integer>getList(INDEX)) {
                    fitting.add(all.get(i));
                }
                found.add(new SentenceRuns.Found(r.getInt(1), r.getString(4),
                        new MentionMatcher.Match(r.getInt(START), r.getInt(END), r.getString(KEY), fitting),
                        r.isNullAt(TITLE) ? null : r.getString(TITLE)));
            }
            found.sort(java.util.Comparator.comparingInt(f -> f.match().start()));
            List<Row> out = new ArrayList<>();
            SentenceRuns.resolve(articleId, published, found, new MentionResolver(g), out);
            return out.iterator();
        }
    }
}
