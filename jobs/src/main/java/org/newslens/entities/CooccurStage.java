package org.newslens.entities;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
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
 * <p>Few Spark jobs and little per-row work, because each job and each shuffle has a fixed cost that dominated
 * this stage (19 jobs in the benchmark at first, 12 later): (1) the resolved mentions meet in one shuffle by article
 * (no join, no collect_list aggregation: a repartition and a sort, then one pass over each article's consecutive
 * rows), each carrying its article's period; (2) each article yields its unit rows already keyed by what the tables
 * need (see {@link #COUNTS}), summed per task in a Java map and then by one Spark aggregation; (3) the counts are
 * persisted (tens of thousands of rows) and each table is a filter of them: the trend tables need no further
 * shuffle; the per-entity counts (a few thousand rows, bounded by the gazetteer) are collected by {@link #apply},
 * which therefore runs the first jobs itself, and cooccurrence joins its pairs with them as a local relation (a
 * broadcast without a job). The unit totals n are the row counts of articles and sentences, literals in the plan.
 */
public final class CooccurStage {

    /**
     * The three tables; {@code units} is the persisted dataset they share (the counts, schema {@link #COUNTS}
     * plus units and mentions): {@link #release()} it when the tables are written.
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
    private final int flushKeys;

    public CooccurStage(Period period, int minCount, boolean leaderCountsForCountry) {
        this(period, minCount, leaderCountsForCountry, 1 << 16);
    }

    /** @param flushKeys keys a task sums in memory before it hands them to Spark's aggregation (tests use tiny values) */
    CooccurStage(Period period, int minCount, boolean leaderCountsForCountry, int flushKeys) {
        this.period = period;
        this.minCount = minCount;
        this.leaderCountsForCountry = leaderCountsForCountry;
        this.flushKeys = flushKeys;
    }

    public CooccurStage(Period period, EntityOptions options) {
        this(period, options.minCount(), options.leaderCountsForCountry());
    }

    /**
     * Keys of the rows counted once for all three tables; each row is one unit (or, for "mentions", one
     * article with its number of mentions of entity_a). {@code kind} says which table a row serves:
     * <ul>
     *   <li>"pair": a unit of the scope mentions entity_a and entity_b (entity_a < entity_b; all periods) -> n_ab;</li>
     *   <li>"entity": a unit of the scope mentions entity_a (all periods, any type) -> n_a, n_b;</li>
     *   <li>"pair_trend": as "pair" per period, types left out (dated articles only) -> cooccurrence_trends;</li>
     *   <li>"mentions": an article of the period mentions entity_a {@code mentions} times (dated articles only,
     *   without --leader-counts-for-country) -> entity_trends;</li>
     * </ul>
     * {@code units} is the number of units (rows before the per-task sums), {@code mentions} the sum of mentions,
     * {@code stories} the units of articles that are not a copy of an earlier article (near_duplicates): the story
     * counts of all three tables come from the same pass as the copy counts, with no join of their own.
     */
    static final StructType COUNTS = new StructType()
            .add("kind", DataTypes.StringType)
            .add("scope", DataTypes.StringType)
            .add(Tables.PERIOD, DataTypes.IntegerType) // days since 1970-01-01: cheaper in Row encoders than a Date
            .add("entity_a", DataTypes.StringType)
            .add("type_a", DataTypes.StringType)
            .add("entity_b", DataTypes.StringType)
            .add("type_b", DataTypes.StringType)
            .add("units", DataTypes.LongType)
            .add("mentions", DataTypes.LongType)
            .add("stories", DataTypes.LongType);

    private static final StructType PER_ENTITY = new StructType()
            .add("scope_x", DataTypes.StringType)
            .add("entity_x", DataTypes.StringType)
            .add("n_x", DataTypes.LongType);

    static final String ARTICLE = "article";
    static final String SENTENCE = "sentence";
    static final String PAIR = "pair";
    static final String ENTITY = "entity";
    static final String PAIR_TREND = "pair_trend";
    static final String MENTIONS = "mentions";
    /** Column of the mention rows in the shuffle: the article is a copy of an earlier one. */
    private static final String COPY = "is_copy";

    /** @param entities the entities table; used only with --leader-counts-for-country (may be null otherwise) */
    public Result apply(Dataset<Row> mentions, Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> entities) {
        return apply(mentions, articles.count(), sentences.count(), entities);
    }

    /**
     * @param nArticles the number of articles (n of scope article), @param nSentences of sentences (n of scope
     * sentence): row counts, which the step takes from the tables' Parquet footers without a Spark job
     */
    public Result apply(Dataset<Row> mentions, long nArticles, long nSentences, Dataset<Row> entities) {
        return apply(mentions, nArticles, nSentences, entities, null);
    }

    /**
     * @param nearDuplicates the near_duplicates table, for entity_trends' stories column (null: no such table, the
     *                       column is null)
     */
    public Result apply(Dataset<Row> mentions, long nArticles, long nSentences, Dataset<Row> entities,
                        Dataset<Row> nearDuplicates) {
        HashMap<String, String> countryOf = null;
        if (leaderCountsForCountry) {
            countryOf = new HashMap<>();
            for (Row r : entities.where(col("type").equalTo(Gazetteer.LEADER).and(col("country_iso2").isNotNull()))
                    .select(col(Tables.ENTITY_ID), concat(lit("country:"), col("country_iso2"))).collectAsList()) {
                countryOf.put(r.getString(0), r.getString(1));
            }
        }
        // the resolved mentions, each article's rows consecutive: one shuffle by article, then a sort (a plain
        // repartition and sort: an aggregation with collect_list cost twice as much CPU). The period comes from the
        // mentions' own published_date; articles and sentences are only counted (n) instead of being shuffled with
        // the mentions.
        Dataset<Row> resolved = mentions.where(col("ambiguous").equalTo(false));
        if (nearDuplicates != null) {
            // ids only: which articles are a copy of an earlier one (few; Spark broadcasts them when small)
            resolved = resolved.join(copies(nearDuplicates).withColumn(COPY, lit(true)), new String[] {Tables.ARTICLE_ID}, "left");
        } else {
            resolved = resolved.withColumn(COPY, lit(false));
        }
        Dataset<Row> byArticle = resolved
                .select(col(Tables.ARTICLE_ID), unix_date(period.of(col(Tables.PUBLISHED_DATE))).as(Tables.PERIOD),
                        col(Tables.SENTENCE_ID), col(Tables.ENTITY_ID), col("entity_type"),
                        coalesce(col(COPY), lit(false)).as(COPY))
                .repartition(col(Tables.ARTICLE_ID))
                .sortWithinPartitions(col(Tables.ARTICLE_ID));
        // the unit rows, counted by one aggregation, kept for the three tables. They are few (bounded by the pairs of
        // gazetteer entities times the periods), so one partition per core: with the shuffle's partitions (8 in local
        // mode) each table was written as 8 tiny files by 8 tasks, and each such write took 0.7-1.6 s (cold).
        Dataset<Row> units = byArticle.mapPartitions(new Units(countryOf, flushKeys), Encoders.row(COUNTS))
                .groupBy(col("kind"), col("scope"), col(Tables.PERIOD), col("entity_a"), col("type_a"), col("entity_b"),
                        col("type_b"))
                .agg(sum(col("units")).as("units"), sum(col("mentions")).as("mentions"), sum(col("stories")).as("stories"))
                .coalesce(mentions.sparkSession().sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());

        // per-entity counts: at most two rows per gazetteer entity, so collected (which also materialises the
        // persisted counts for the three tables) and joined back as a local relation (broadcast without a Spark job)
        List<Row> entityCounts = new ArrayList<>();
        for (Row r : units.where(col("kind").equalTo(ENTITY)).select(col("scope"), col("entity_a"), col("units"))
                .collectAsList()) {
            entityCounts.add(RowFactory.create(r.getString(0), r.getString(1), r.getLong(2)));
        }
        Dataset<Row> perEntity = broadcast(units.sparkSession().createDataFrame(entityCounts, PER_ENTITY));
        Dataset<Row> pairCounts = units.where(col("kind").equalTo(PAIR).and(col("units").geq(minCount)))
                .select(col("scope"), col("entity_a"), col("entity_b"), col("type_a"), col("type_b"), col("units").as("n_ab"),
                        storyCount(nearDuplicates != null, "n_ab_stories"));
        Dataset<Row> withA = pairCounts.join(perEntity, col("scope").equalTo(col("scope_x")).and(col("entity_a").equalTo(col("entity_x"))))
                .withColumnRenamed("n_x", "n_a").drop("scope_x", "entity_x");
        Dataset<Row> withB = withA.join(perEntity, col("scope").equalTo(col("scope_x")).and(col("entity_b").equalTo(col("entity_x"))))
                .withColumnRenamed("n_x", "n_b").drop("scope_x", "entity_x");
        Dataset<Row> full = withB.withColumn("n", when(col("scope").equalTo(ARTICLE), lit(nArticles)).otherwise(lit(nSentences)));

        Column nab = col("n_ab").cast("double");
        Column na = col("n_a").cast("double");
        Column nb = col("n_b").cast("double");
        Column nn = col("n").cast("double");
        Column pmi = log(2.0, nab.multiply(nn).divide(na.multiply(nb)));
        Column npmi = when(col("n_ab").equalTo(col("n")), lit(1.0)).otherwise(pmi.divide(log(2.0, nab.divide(nn)).multiply(-1)));
        Column llr = Association.dunning(nab, na.minus(nab), nb.minus(nab), nn.minus(na).minus(nb).plus(nab));
        Column jaccard = nab.divide(na.plus(nb).minus(nab));
        Dataset<Row> cooccurrence = full.withColumn("pmi", pmi).withColumn("npmi", npmi).withColumn("llr", llr)
                .withColumn("jaccard", jaccard)
                .select(Tables.COOCCURRENCE.sparkColumns());

        Dataset<Row> cooccurrenceTrends = units.where(col("kind").equalTo(PAIR_TREND).and(col("units").geq(minCount)))
                .withColumn(Tables.PERIOD, date_from_unix_date(col(Tables.PERIOD)))
                .withColumn("n_ab", col("units"))
                .withColumn("n_ab_stories", storyCount(nearDuplicates != null, "n_ab_stories"))
                .select(Tables.COOCCURRENCE_TRENDS.sparkColumns());
        Dataset<Row> entityTrends = units.where(col("kind").equalTo(MENTIONS))
                .select(date_from_unix_date(col(Tables.PERIOD)).as(Tables.PERIOD), col("entity_a").as(Tables.ENTITY_ID), col("mentions"),
                        col("units").as("articles"),
                        nearDuplicates == null ? lit(null).cast("long").as("stories") : col("stories"))
                .select(Tables.ENTITY_TRENDS.sparkColumns());
        return new Result(cooccurrence, cooccurrenceTrends, entityTrends, units);
    }

    /** The articles that are a copy of an earlier article: near_duplicates rows whose story is another article. */
    private static Dataset<Row> copies(Dataset<Row> nearDuplicates) {
        return nearDuplicates.where(col(Tables.ARTICLE_ID).notEqual(col(Tables.STORY_ID))).select(Tables.ARTICLE_ID);
    }

    /**
     * A story count column: the units of articles that are not a copy (scope article only; null for sentences, which
     * are not stories, and when the run has no near_duplicates table).
     */
    private static Column storyCount(boolean withStories, String name) {
        return (withStories ? when(col("scope").equalTo(lit(ARTICLE)), col("stories")) : lit(null)).cast("long").as(name);
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

    /** One key of {@link #COUNTS} while a partition's unit rows are summed. */
    private record Key(String kind, String scope, Object period, String a, String typeA, String b, String typeB) {
    }

    /**
     * Mention rows (article_id, period, sentence_id, entity_id, entity_type) sorted by article -> unit rows
     * (schema {@link #COUNTS}), one article at a time, summed per key within the partition before Spark sees them
     * (a Java map is cheaper than encoding every unit row for Spark's partial aggregation); the map is emitted and
     * cleared when it reaches {@code flushKeys} keys, so memory stays bounded and Spark's aggregation adds up the
     * pieces.
     */
    private static final class Units implements MapPartitionsFunction<Row, Row> {
        private final HashMap<String, String> countryOf;
        private final int flushKeys;

        Units(HashMap<String, String> countryOf, int flushKeys) {
            this.countryOf = countryOf;
            this.flushKeys = flushKeys;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private final List<Row> article = new ArrayList<>();
                private final HashMap<Key, long[]> sums = new HashMap<>();
                private Iterator<Row> pending = Collections.emptyIterator();
                private Row next = rows.hasNext() ? rows.next() : null;

                @Override
                public boolean hasNext() {
                    while (!pending.hasNext() && (next != null || !sums.isEmpty())) {
                        while (next != null && sums.size() < flushKeys) {
                            String id = next.getString(0);
                            article.clear();
                            while (next != null && Objects.equals(next.getString(0), id)) {
                                article.add(next);
                                next = rows.hasNext() ? rows.next() : null;
                            }
                            units(article, sums);
                        }
                        List<Row> out = new ArrayList<>(sums.size());
                        for (Map.Entry<Key, long[]> e : sums.entrySet()) {
                            Key k = e.getKey();
                            long[] v = e.getValue();
                            out.add(RowFactory.create(k.kind(), k.scope(), k.period(), k.a(), k.typeA(), k.b(), k.typeB(), v[0],
                                    MENTIONS.equals(k.kind()) ? v[1] : null, v[2]));
                        }
                        sums.clear();
                        pending = out.iterator();
                    }
                    return pending.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return pending.next();
                }
            };
        }

        /** Adds the unit rows of one article's mention rows to {@code sums} (units, mentions). */
        private void units(List<Row> rows, HashMap<Key, long[]> sums) {
            Object period = rows.get(0).get(1);
            // a copy of an earlier article counts as a unit, not as a story
            long story = rows.get(0).getBoolean(5) ? 0 : 1;
            Set<Counted> inArticle = new HashSet<>();
            Map<Integer, Set<Counted>> inSentence = new HashMap<>();
            Map<String, Long> mentionCounts = new HashMap<>();
            for (Row m : rows) {
                Integer sentence = m.isNullAt(2) ? null : m.getInt(2);
                String id = m.getString(3);
                String type = m.getString(4);
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
            emit(ARTICLE, period, inArticle, true, story, sums);
            for (Map.Entry<Integer, Set<Counted>> e : inSentence.entrySet()) {
                // a null sentence_id never equals another in a join: such a unit counts its entities, no pairs
                emit(SENTENCE, period, e.getValue(), e.getKey() != null, story, sums);
            }
            if (period != null) {
                for (Map.Entry<String, Long> e : mentionCounts.entrySet()) {
                    add(sums, new Key(MENTIONS, null, period, e.getKey(), null, null, null), 1, e.getValue(), story);
                }
            }
        }

        private static void add(HashMap<Key, long[]> sums, Key key, long units, long mentions, long stories) {
            long[] v = sums.computeIfAbsent(key, k -> new long[3]);
            v[0] += units;
            v[1] += mentions;
            v[2] += stories;
        }

        private static void emit(String scope, Object period, Set<Counted> unit, boolean pairs, long story,
                                 HashMap<Key, long[]> sums) {
            Counted[] es = unit.toArray(new Counted[0]);
            Arrays.sort(es, ORDER);
            for (int i = 0; i < es.length; i++) {
                add(sums, new Key(ENTITY, scope, null, es[i].id(), null, null, null), 1, 0, story);
                for (int j = i + 1; pairs && j < es.length; j++) {
                    if (compareIds(es[i].id(), es[j].id()) < 0) {
                        add(sums, new Key(PAIR, scope, null, es[i].id(), es[i].type(), es[j].id(), es[j].type()), 1, 0, story);
                        if (period != null) {
                            add(sums, new Key(PAIR_TREND, scope, period, es[i].id(), null, es[j].id(), null), 1, 0, story);
                        }
                    }
                }
            }
        }
    }
}
