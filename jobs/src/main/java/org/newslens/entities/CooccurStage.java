package org.newslens.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.stats.Association;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;

/**
 * mentions + articles + sentences (+ entities for --leader-counts-for-country) -> cooccurrence,
 * cooccurrence_trends, entity_trends. Ambiguous mentions are left out. A unit is an article
 * (scope "article") or a sentence (scope "sentence"); a unit counts an entity or a pair at most once;
 * n is the number of all units of the scope in the corpus, with or without mentions.
 *
 * <p>The resolved mentions are grouped by article once (one small shuffle); each article yields its unit rows
 * (the distinct entities of the article and of each sentence, and their pairs), which are counted once per
 * (scope, period, entity or pair), persisted (a few tens of thousands of rows) and rolled up into the three
 * tables, instead of a self-join of the mentions per table.
 */
public final class CooccurStage {

    /**
     * The three tables; {@code units} is the persisted dataset they share (unit counts per scope, period, entity
     * or pair): {@link #release()} it when the tables are written.
     */
    public record Result(Dataset<Row> cooccurrence, Dataset<Row> cooccurrenceTrends, Dataset<Row> entityTrends,
                         Dataset<Row> units) {
        public void release() {
            units.unpersist(false);
        }
    }

    private final Period period;
    private final int minCount;
    private final boolean leaderCountsForCountry;

    public CooccurStage(Period period, int minCount, boolean leaderCountsForCountry) {
        this.period = period;
        this.minCount = minCount;
        this.leaderCountsForCountry = leaderCountsForCountry;
    }

    public CooccurStage(Period period, EntityOptions options) {
        this(period, options.minCount(), options.leaderCountsForCountry());
    }

    /**
     * Unit rows, computed once per run from the resolved mentions grouped by article and reused for all three
     * tables: scope "article" / "sentence" with entity_b null (a unit mentions entity_a), the same scopes with
     * entity_b set (a unit mentions the pair, entity_a < entity_b), and scope "mentions" (an article of the period
     * mentions entity_a, {@code mentions} times; dated articles only, without --leader-counts-for-country).
     */
    static final StructType UNITS = new StructType()
            .add("scope", DataTypes.StringType)
            .add(Tables.PERIOD, DataTypes.DateType)
            .add("entity_a", DataTypes.StringType)
            .add("type_a", DataTypes.StringType)
            .add("entity_b", DataTypes.StringType)
            .add("type_b", DataTypes.StringType)
            .add("mentions", DataTypes.LongType);

    static final String ARTICLE = "article";
    static final String SENTENCE = "sentence";
    static final String MENTIONS = "mentions";

    /** @param entities the entities table; used only with --leader-counts-for-country (may be null otherwise) */
    public Result apply(Dataset<Row> mentions, Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> entities) {
        Dataset<Row> resolved = mentions.where(col("ambiguous").equalTo(false))
                .select(col(Tables.ARTICLE_ID), col(Tables.SENTENCE_ID), col(Tables.ENTITY_ID), col("entity_type"));
        HashMap<String, String> countryOf = null;
        if (leaderCountsForCountry) {
            countryOf = new HashMap<>();
            for (Row r : entities.where(col("type").equalTo(Gazetteer.LEADER).and(col("country_iso2").isNotNull()))
                    .select(col(Tables.ENTITY_ID), concat(lit("country:"), col("country_iso2"))).collectAsList()) {
                countryOf.put(r.getString(0), r.getString(1));
            }
        }
        Dataset<Row> dated = articles.where(col("published_date").isNotNull())
                .select(col(Tables.ARTICLE_ID).as("dated_id"), period.of(col("published_date")).as(Tables.PERIOD));
        // the (few) resolved mentions of each article with its period; the join and the grouping share the key
        Dataset<Row> perArticle = resolved.join(dated, col(Tables.ARTICLE_ID).equalTo(col("dated_id")), "left")
                .groupBy(col(Tables.ARTICLE_ID))
                .agg(max(col(Tables.PERIOD)).as(Tables.PERIOD),
                        collect_list(struct(col(Tables.SENTENCE_ID), col(Tables.ENTITY_ID), col("entity_type"))).as("m"));
        // the unit rows aggregated once by all the keys the three tables need (small: one row per scope, period,
        // entity or pair), persisted, then rolled up per table
        Dataset<Row> units = perArticle.flatMap(new Units(countryOf), Encoders.row(UNITS))
                .groupBy(col("scope"), col(Tables.PERIOD), col("entity_a"), col("type_a"), col("entity_b"), col("type_b"))
                .agg(count(lit(1)).as("units"), sum(col("mentions")).as("mentions"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> single = units.where(col("scope").notEqual(MENTIONS).and(col("entity_b").isNull()));
        Dataset<Row> pairs = units.where(col("entity_b").isNotNull());
        Dataset<Row> perEntity = single.groupBy(col("scope"), col("entity_a")).agg(sum(col("units")).as("n_x"));
        Dataset<Row> totals = articles.agg(count(lit(1)).as("n")).select(lit(ARTICLE).as("scope_n"), col("n"))
                .unionByName(sentences.agg(count(lit(1)).as("n")).select(lit(SENTENCE).as("scope_n"), col("n")));

        Dataset<Row> pairCounts = pairs.groupBy("scope", "entity_a", "entity_b", "type_a", "type_b")
                .agg(sum(col("units")).as("n_ab"))
                .where(col("n_ab").geq(minCount));
        Dataset<Row> withA = pairCounts.join(broadcast(perEntity).select(col("scope").as("sa"), col("entity_a").as("ea"), col("n_x").as("n_a")),
                col("scope").equalTo(col("sa")).and(col("entity_a").equalTo(col("ea"))));
        Dataset<Row> withB = withA.join(broadcast(perEntity).select(col("scope").as("sb"), col("entity_a").as("eb"), col("n_x").as("n_b")),
                col("scope").equalTo(col("sb")).and(col("entity_b").equalTo(col("eb"))));
        Dataset<Row> full = withB.join(broadcast(totals), col("scope").equalTo(col("scope_n")));

        Column nab = col("n_ab").cast("double");
        Column na = col("n_a").cast("double");
        Column nb = col("n_b").cast("double");
        Column n = col("n").cast("double");
        Column pmi = log(2.0, nab.multiply(n).divide(na.multiply(nb)));
        Column npmi = when(col("n_ab").equalTo(col("n")), lit(1.0)).otherwise(pmi.divide(log(2.0, nab.divide(n)).multiply(-1)));
        Column llr = Association.dunning(nab, na.minus(nab), nb.minus(nab), n.minus(na).minus(nb).plus(nab));
        Column jaccard = nab.divide(na.plus(nb).minus(nab));
        Dataset<Row> cooccurrence = full.withColumn("pmi", pmi).withColumn("npmi", npmi).withColumn("llr", llr)
                .withColumn("jaccard", jaccard)
                .select(Tables.COOCCURRENCE.sparkColumns());

        Dataset<Row> cooccurrenceTrends = pairs.where(col(Tables.PERIOD).isNotNull())
                .groupBy(Tables.PERIOD, "scope", "entity_a", "entity_b")
                .agg(sum(col("units")).as("n_ab"))
                .where(col("n_ab").geq(minCount))
                .select(Tables.COOCCURRENCE_TRENDS.sparkColumns());
        Dataset<Row> entityTrends = units.where(col("scope").equalTo(MENTIONS))
                .groupBy(col(Tables.PERIOD), col("entity_a").as(Tables.ENTITY_ID))
                .agg(sum(col("mentions")).as("mentions"), sum(col("units")).as("articles"))
                .select(Tables.ENTITY_TRENDS.sparkColumns());
        return new Result(cooccurrence, cooccurrenceTrends, entityTrends, units);
    }

    /** An entity as a unit counts it: id and type (kept apart like the old distinct over both). */
    private record Counted(String id, String type) {
    }

    /** Spark's string order (UTF-8 bytes = code points), so entity_a < entity_b as in SQL. */
    static int compareIds(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static final Comparator<Counted> ORDER = (x, y) -> {
        int c = compareIds(x.id(), y.id());
        return c != 0 ? c : compareIds(x.type(), y.type());
    };

    /** (article_id, period, [(sentence_id, entity_id, entity_type)]) -> unit rows (schema {@link #UNITS}). */
    private static final class Units implements FlatMapFunction<Row, Row> {
        private final HashMap<String, String> countryOf;

        Units(HashMap<String, String> countryOf) {
            this.countryOf = countryOf;
        }

        @Override
        public Iterator<Row> call(Row article) {
            Object period = article.get(1);
            List<Row> ms = article.getList(2);
            Set<Counted> inArticle = new HashSet<>();
            Map<Integer, Set<Counted>> inSentence = new HashMap<>();
            Map<String, Long> mentionCounts = new HashMap<>();
            for (Row m : ms) {
                Integer sentence = m.isNullAt(0) ? null : m.getInt(0);
                String id = m.getString(1);
                String type = m.getString(2);
                Set<Counted> s = inSentence.computeIfAbsent(sentence, k -> new HashSet<>());
                Counted c = new Counted(id, type);
                inArticle.add(c);
                s.add(c);
                if (countryOf != null && Gazetteer.LEADER.equals(type) && countryOf.containsKey(id)) {
                    Counted country = new Counted(countryOf.get(id), Gazetteer.COUNTRY);
                    inArticle.add(country);
                    s.add(country);
                }
                mentionCounts.merge(id, 1L, Long::sum);
            }
            List<Row> out = new ArrayList<>();
            emit(ARTICLE, period, inArticle, true, out);
            for (Map.Entry<Integer, Set<Counted>> e : inSentence.entrySet()) {
                // a null sentence_id never equals another in a join: such a unit counts its entities, no pairs
                emit(SENTENCE, period, e.getValue(), e.getKey() != null, out);
            }
            if (period != null) {
                for (Map.Entry<String, Long> e : mentionCounts.entrySet()) {
                    out.add(RowFactory.create(MENTIONS, period, e.getKey(), null, null, null, e.getValue()));
                }
            }
            return out.iterator();
        }

        private static void emit(String scope, Object period, Set<Counted> unit, boolean pairs, List<Row> out) {
            Counted[] es = unit.toArray(new Counted[0]);
            Arrays.sort(es, ORDER);
            for (int i = 0; i < es.length; i++) {
                out.add(RowFactory.create(scope, period, es[i].id(), es[i].type(), null, null, null));
                for (int j = i + 1; pairs && j < es.length; j++) {
                    if (compareIds(es[i].id(), es[j].id()) < 0) {
                        out.add(RowFactory.create(scope, period, es[i].id(), es[i].type(), es[j].id(), es[j].type(), null));
                    }
                }
            }
        }
    }
}
