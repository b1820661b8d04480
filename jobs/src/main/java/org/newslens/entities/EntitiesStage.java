package org.newslens.entities;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
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
     * The mentions in two parts, each read from the sentences on its own (see {@link SentenceRuns}): {@code whole},
     * the mentions of articles whose sentences were read as one run (resolved where read, no shuffle; usually all
     * of them), and {@code split}, those of the other articles (their matches grouped by article, then resolved).
     * {@code splitRuns} counts the runs that were not whole articles while {@code whole} is computed: when it is
     * still 0 after {@code whole} is written, {@code split} is empty and need not run.
     */
    public record Mentions(Dataset<Row> whole, Dataset<Row> split, LongAccumulator splitRuns) {
        /** All mentions in one dataset (reads the sentences twice; tests and small inputs). */
        public Dataset<Row> rows() {
            return whole.unionByName(split);
        }
    }

    /**
     * sentences -> mentions (see {@link Mentions}). The sentences are read once per part instead of matched once
     * and persisted for both parts: building and reading back that cache cost more than the second part, which
     * matches only split runs and usually does not run at all.
     */
    public Mentions mentions(Dataset<Row> sentences) {
        SparkContext sc = sentences.sparkSession().sparkContext();
        Broadcast<Gazetteer> gaz = JavaSparkContext.fromSparkContext(sc).broadcast(gazetteer);
        LongAccumulator splitRuns = sc.longAccumulator("newslens.entities.split_runs");
        Dataset<Row> input = sentences.select(col(Tables.ARTICLE_ID), col(Tables.SENTENCE_ID), col("char_start"), col("text"),
                col(Tables.PUBLISHED_DATE), col("n_sentences"), col(Tables.LANGUAGE));
        Dataset<Row> whole = input.mapPartitions(new SentenceRuns(gaz, SentenceRuns.Part.WHOLE, splitRuns),
                Encoders.row(SentenceRuns.SCHEMA));
        Dataset<Row> split = input.mapPartitions(new SentenceRuns(gaz, SentenceRuns.Part.SPLIT, splitRuns),
                        Encoders.row(SentenceRuns.SCHEMA))
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups(new ResolveSplit(gaz), Encoders.row(SentenceRuns.SCHEMA));
        return new Mentions(whole.select(Tables.MENTIONS.sparkColumns()), split.select(Tables.MENTIONS.sparkColumns()), splitRuns);
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
        private static final int LANGUAGE = SentenceRuns.SCHEMA.fieldIndex(SentenceRuns.ARTICLE_LANGUAGE);
        private static final int VIA = SentenceRuns.SCHEMA.fieldIndex(SentenceRuns.MATCH_VIA);

        @Override
        public Iterator<Row> call(String articleId, Iterator<Row> rows) {
            Gazetteer g = gazetteer.value();
            List<SentenceRuns.Found> found = new ArrayList<>();
            Date published = null;
            String language = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (!r.isNullAt(DATE)) {
                    published = r.getDate(DATE);
                }
                if (!r.isNullAt(LANGUAGE)) {
                    language = r.getString(LANGUAGE);
                }
                List<Gazetteer.Surface> all = g.surfacesOf(r.getString(KEY));
                List<Gazetteer.Surface> fitting = new ArrayList<>();
                for (Integer i : r.<Integer>getList(INDEX)) {
                    fitting.add(all.get(i));
                }
                found.add(new SentenceRuns.Found(r.getInt(1), r.getString(4),
                        new MentionMatcher.Match(r.getInt(START), r.getInt(END), r.getString(KEY), fitting,
                                r.isNullAt(VIA) ? null : r.getString(VIA)),
                        r.isNullAt(TITLE) ? null : r.getString(TITLE)));
            }
            found.sort(java.util.Comparator.comparingInt(f -> f.match().start()));
            List<Row> out = new ArrayList<>();
            SentenceRuns.resolve(articleId, published, language, found, new MentionResolver(g), out);
            return out.iterator();
        }
    }
}
