package org.newslens.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.newslens.tables.Tables;
import org.newslens.text.TokenizeStage;
import scala.jdk.javaapi.CollectionConverters;

/**
 * articles + sentences + gazetteer -> entities, leader_terms, mentions. Each article's analysed document
 * (title + "\n\n" + text, as in tokenize) is matched in one pass; a match is assigned to the sentence
 * whose span contains it, and its offsets index the document like the sentences' offsets.
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

    public Dataset<Row> mentions(Dataset<Row> articles, Dataset<Row> sentences) {
        Dataset<Row> spans = sentences
                .groupBy(col(Tables.ARTICLE_ID))
                .agg(sort_array(collect_list(struct(col("char_start"), col("char_end"), col(Tables.SENTENCE_ID)))).as("spans"));
        Dataset<Row> docs = articles.select(col(Tables.ARTICLE_ID), col("title"), col("text"), col("published_date"))
                .join(spans, Tables.ARTICLE_ID);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(articles.sparkSession().sparkContext());
        Broadcast<Gazetteer> gaz = jsc.broadcast(gazetteer);
        return docs.mapPartitions(new Extract(gaz), Encoders.row(Tables.MENTIONS.schema()))
                .select(Tables.MENTIONS.sparkColumns());
    }

    /** The analysed document of an article, exactly as tokenize builds it. */
    public static String document(String title, String text) {
        return (title == null ? "" : title) + TokenizeStage.SEPARATOR + (text == null ? "" : text);
    }

    private static final class Extract implements MapPartitionsFunction<Row, Row> {
        private final Broadcast<Gazetteer> gazetteer;

        Extract(Broadcast<Gazetteer> gazetteer) {
            this.gazetteer = gazetteer;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> docs) {
            Gazetteer g = gazetteer.value();
            MentionMatcher matcher = MentionMatcher.of(g);
            MentionResolver resolver = new MentionResolver(g);
            return new Iterator<>() {
                private Iterator<Row> current = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && docs.hasNext()) {
                        current = extract(docs.next(), matcher, resolver).iterator();
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

    /** Mentions of one article row (article_id, title, text, published_date, spans). */
    static List<Row> extract(Row doc, MentionMatcher matcher, MentionResolver resolver) {
        String id = doc.getString(0);
        String document = document(doc.isNullAt(1) ? null : doc.getString(1), doc.isNullAt(2) ? null : doc.getString(2));
        LocalDate date = doc.isNullAt(3) ? null : ((Date) doc.get(3)).toLocalDate();
        List<Row> spans = doc.getList(4);
        String folded = Fold.fold(document);
        List<MentionMatcher.Match> matches = matcher.find(folded, Fold.lower(document));
        if (matches.isEmpty()) {
            return List.of();
        }
        List<MentionResolver.Mention> mentions = resolver.resolve(matches, folded, date);
        List<Row> rows = new ArrayList<>(mentions.size());
        int[] starts = new int[spans.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = spans.get(i).getInt(0);
        }
        for (MentionResolver.Mention m : mentions) {
            int i = java.util.Arrays.binarySearch(starts, m.start());
            if (i < 0) {
                i = -i - 2;
            }
            if (i < 0 || m.end() > spans.get(i).getInt(1)) {
                continue; // outside every sentence or across a sentence boundary
            }
            rows.add(RowFactory.create(id, spans.get(i).getInt(2), m.entityId(), m.type(),
                    document.substring(m.start(), m.end()), m.start(), m.end(), m.rule(), m.ambiguous(),
                    CollectionConverters.asScala(m.candidates()).toSeq()));
        }
        return rows;
    }
}
