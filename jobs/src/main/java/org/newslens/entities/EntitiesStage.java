package org.newslens.entities;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.tables.Tables;
import org.newslens.text.TokenizeStage;
import scala.jdk.javaapi.CollectionConverters;

/**
 * articles + sentences + gazetteer -> entities, leader_terms, mentions. Each sentence is matched in one
 * pass; offsets are the sentence's char_start plus the offset in the sentence, so they index the analysed
 * document (title + "\n\n" + text) like the sentences' offsets. Matches are then resolved per article
 * with the article's published_date.
 */
public final class EntitiesStage {

    public record Result(Dataset<Row> entities, Dataset<Row> leaderTerms, Dataset<Row> mentions) {
    }

    private final Gazetteer gazetteer;

    public EntitiesStage(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public Result apply(Dataset<Row> articles, Dataset<Row> sentences) {
        SparkSession spark = articles.sparkSession();
        return new Result(entities(spark), leaderTerms(spark), mentions(articles, sentences));
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

    /** Schema of the per-sentence matches, before resolution. */
    static final StructType MATCHES = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add(Tables.SENTENCE_ID, DataTypes.IntegerType)
            .add("char_start", DataTypes.IntegerType)
            .add("char_end", DataTypes.IntegerType)
            .add("surface", DataTypes.StringType)
            .add("match_key", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("surface_index", DataTypes.createArrayType(DataTypes.IntegerType));

    /**
     * Two phases, so article text is never shuffled: (1) each sentence is matched where it lies (no shuffle);
     * (2) the few matches are grouped by article, with the article's date, and resolved together (a surname
     * may be resolved by a full name in another sentence).
     */
    public Dataset<Row> mentions(Dataset<Row> articles, Dataset<Row> sentences) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(articles.sparkSession().sparkContext());
        Broadcast<Gazetteer> gaz = jsc.broadcast(gazetteer);
        Dataset<Row> matches = sentences.select(col(Tables.ARTICLE_ID), col(Tables.SENTENCE_ID), col("char_start"), col("text"))
                .mapPartitions(new MatchSentences(gaz), Encoders.row(MATCHES));
        Dataset<Row> dated = matches.join(articles.select(col(Tables.ARTICLE_ID).as("dated_id"), col("published_date")),
                col(Tables.ARTICLE_ID).equalTo(col("dated_id")), "left");
        return dated.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups(new Resolve(gaz), Encoders.row(Tables.MENTIONS.schema()))
                .select(Tables.MENTIONS.sparkColumns());
    }

    /** The analysed document of an article, exactly as tokenize builds it. */
    public static String document(String title, String text) {
        return (title == null ? "" : title) + TokenizeStage.SEPARATOR + (text == null ? "" : text);
    }

    /** Phase 1: sentence rows (article_id, sentence_id, char_start, text) -> match rows. */
    private static final class MatchSentences implements MapPartitionsFunction<Row, Row> {
        private final Broadcast<Gazetteer> gazetteer;

        MatchSentences(Broadcast<Gazetteer> gazetteer) {
            this.gazetteer = gazetteer;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> sentences) {
            Gazetteer g = gazetteer.value();
            MentionMatcher matcher = MentionMatcher.of(g);
            return new Iterator<>() {
                private Iterator<Row> current = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && sentences.hasNext()) {
                        current = matchSentence(sentences.next(), matcher).iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }
    }

    static List<Row> matchSentence(Row sentence, MentionMatcher matcher) {
        if (sentence.isNullAt(3)) {
            return List.of();
        }
        String text = sentence.getString(3);
        List<MentionMatcher.Match> found = matcher.find(text);
        if (found.isEmpty()) {
            return List.of();
        }
        int offset = sentence.getInt(2);
        List<Row> rows = new ArrayList<>(found.size());
        for (MentionMatcher.Match m : found) {
            List<Gazetteer.Surface> all = matcher.gazetteer().surfaces().get(m.key());
            List<Integer> index = new ArrayList<>(m.surfaces().size());
            for (Gazetteer.Surface s : m.surfaces()) {
                index.add(all.indexOf(s));
            }
            rows.add(RowFactory.create(sentence.getString(0), sentence.getInt(1), offset + m.start(), offset + m.end(),
                    text.substring(m.start(), m.end()), m.key(), MentionResolver.titleWord(text, m.start()),
                    CollectionConverters.asScala(index).toSeq()));
        }
        return rows;
    }

    /** Phase 2: the matches of one article (with published_date) -> mention rows. */
    private static final class Resolve implements FlatMapGroupsFunction<String, Row, Row> {
        private final Broadcast<Gazetteer> gazetteer;

        Resolve(Broadcast<Gazetteer> gazetteer) {
            this.gazetteer = gazetteer;
        }

        @Override
        public Iterator<Row> call(String articleId, Iterator<Row> rows) {
            Gazetteer g = gazetteer.value();
            List<Row> matchRows = new ArrayList<>();
            rows.forEachRemaining(matchRows::add);
            matchRows.sort(java.util.Comparator.comparingInt(r -> r.getInt(2)));
            LocalDate date = null;
            List<MentionMatcher.Match> matches = new ArrayList<>(matchRows.size());
            List<String> titles = new ArrayList<>(matchRows.size());
            for (Row r : matchRows) {
                int dateField = r.fieldIndex("published_date");
                if (!r.isNullAt(dateField)) {
                    date = ((Date) r.get(dateField)).toLocalDate();
                }
                List<Gazetteer.Surface> all = g.surfaces().get(r.getString(5));
                List<Gazetteer.Surface> fitting = new ArrayList<>();
                for (Integer i : r.<Integer>getList(7)) {
                    fitting.add(all.get(i));
                }
                matches.add(new MentionMatcher.Match(r.getInt(2), r.getInt(3), r.getString(5), fitting));
                titles.add(r.isNullAt(6) ? null : r.getString(6));
            }
            List<MentionResolver.Mention> mentions = new MentionResolver(g).resolve(matches, titles, date);
            List<Row> out = new ArrayList<>(mentions.size());
            int j = 0;
            for (MentionResolver.Mention m : mentions) {
                while (matchRows.get(j).getInt(2) != m.start()) {
                    j++; // mentions keep the order of matches; dropped matches are skipped
                }
                Row r = matchRows.get(j);
                out.add(RowFactory.create(articleId, r.getInt(1), m.entityId(), m.type(), r.getString(4), m.start(), m.end(),
                        m.rule(), m.ambiguous(), CollectionConverters.asScala(m.candidates()).toSeq()));
            }
            return out.iterator();
        }
    }
}
