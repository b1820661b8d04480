package org.newslens.stories;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newslens.pipeline.UserError;
import org.newslens.tables.Tables;
import org.newslens.text.Boilerplate;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * sentences + articles -> near_duplicates: copies of one story (syndicated, retitled, a footer added, paragraphs cut
 * or reordered) found among all articles without comparing every pair.
 *
 * <ol>
 * <li>Each article becomes a set of shingles ({@link ArticleShingles}): hashes of consecutive terms of its
 *     sentences, title included, boilerplate sentences and the source's template shingles left out, folded where the sentences are read (ints are shuffled later, never text).</li>
 * <li>MinHash ({@link MinHashBands}: MLlib's hash family, {@value #BANDS} x {@value #ROWS} functions) gives each
 *     article a signature; articles that agree on all {@value #ROWS} values of one of {@value #BANDS} bands are candidates
 *     (probability 1 - (1 - s^3)^20: 0.999 at similarity 0.7, 0.99 at 0.6, 0.73 at 0.4, 0.15 at 0.2). MLlib's own similarity
 *     join ORs single hash values, which at news scale makes most articles candidates of most others.</li>
 * <li>Candidates are verified on their real shingle sets: similarity = the larger of Jaccard and containment (the
 *     share of the smaller set found in the larger, counted only when the smaller has at least
 *     {@value #MIN_CONTAINED} shingles, so that a cut version of a story matches its full copy but a two-line item
 *     is not "contained" in everything).</li>
 * <li>Stories are the connected components of verified pairs; the representative is the earliest published copy,
 *     then the smallest id; to stop chains (A~B, B~C, A and C unrelated) every member must itself be similar to the
 *     representative, or it leaves the story.</li>
 * </ol>
 * Deterministic: the signature's seed is fixed, shingle sets are sorted, and the components, representatives and
 * similarities do not depend on the order or partitioning of the input.
 */
public final class StoriesStage {
    static final int BANDS = 20;
    static final int ROWS = 3;
    static final long SEED = 20_241_118L;
    /** Hosts whose pages are videos ({@link #videoChannel}); a subdomain (m.youtube.com) counts too. */
    static final List<String> VIDEO_HOSTS = List.of("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "twitch.tv",
            "rumble.com", "bitchute.com", "odysee.com", "tiktok.com");
    private static final String VIDEO_HOST_PATTERN = "(^|\\.)(" + String.join("|", VIDEO_HOSTS).replace(".", "\\.") + ")$";
    /** A bucket larger than this pairs its members with its first one only (a star, not all pairs). */
    static final int MAX_BUCKET = 100;
    static final int MIN_CONTAINED = 10;
    /** Verified pairs are united on the driver; beyond this the threshold is too low for the corpus. */
    static final long MAX_PAIRS = 20_000_000L;
    private static final String SHINGLES = ArticleShingles.SHINGLES;
    private static final String SOURCE = ArticleShingles.SOURCE;
    private static final String TITLE = ArticleShingles.TITLE_SHINGLES;
    /** 64-bit hash of the source, null without one: what the same-source rule compares */
    private static final String SOURCE_KEY = "source_key";
    /** true when the source is a video channel ({@link #videoChannel}) */
    private static final String CHANNEL = "video_channel";
    /**
     * The article's rank in article_id order ({@link #numbered}): what the candidates, pairs and joins carry instead
     * of the id, whose order it keeps (pairs are still oriented a < b by id, a large bucket's star still centred on
     * its smallest id). Ids are strings of any length (68 characters on average on rss-2022, a URL in them); a
     * number is 8 bytes, and at rss-2022 x4 the band-key rows (20 per article) sorted for the bucket counts spilled
     * 4.9 GB in memory and, once in five runs, left a task without execution memory.
     */
    static final String NUM = "article_num";
    private static final StructType NUMBERS = new StructType().add(Tables.ARTICLE_ID, DataTypes.StringType, false)
            .add(NUM, DataTypes.LongType, false);

    private final StoryOptions options;
    private final int templateMinArticles;

    /**
     * @param templateMinArticles a shingle found in at least this many articles of one source is part of the source's
     *                            template, not of a story, and is left out (the boilerplate rule, --boilerplate-min-articles;
     *                            0 = keep every shingle)
     */
    public StoriesStage(StoryOptions options, int templateMinArticles) {
        this.options = options;
        this.templateMinArticles = templateMinArticles;
    }

    /**
     * near_duplicates from {@link #withoutTemplates}, which is read three times (candidates, verification, the check against
     * the representative): a caller on a large corpus persists it.
     */
    public Dataset<Row> fromShingles(Dataset<Row> articles, Dataset<Row> shingles) {
        if (options.off()) {
            return articles.sparkSession().createDataFrame(List.of(), Tables.NEAR_DUPLICATES.schema());
        }
        return stories(verified(candidates(shingles), shingles), shingles, articles);
    }

    /**
     * True for a source that is a video channel: its address is on a {@link #VIDEO_HOSTS video host} (a channel's
     * feed, "https://www.youtube.com/feeds/videos.xml?channel_id=..."). A video's text in a feed is its description,
     * which a channel writes once (its links, sponsors, the session's or the series' blurb) and pastes under every
     * video: on rss-2022 106 of the 114 pairs of copies within one YouTube channel were two videos of it (two songs of
     * a session, episodes of a series, two livestreams) and 8 a re-upload. Across channels a shared description is
     * one video (a publisher's trailer on two channels), so the rule is for one channel only. The source's address,
     * not each video's: the articles need not be read again (reading their addresses added 3 s to the stage).
     */
    static Column videoChannel(Column source) {
        // the host by plain string cuts: scheme, path, query, fragment, user, port
        Column host = substring_index(source, "://", -1);
        for (String end : List.of("/", "?", "#")) {
            host = substring_index(host, end, 1);
        }
        host = lower(substring_index(substring_index(host, "@", -1), ":", 1));
        return coalesce(host.rlike(VIDEO_HOST_PATTERN), lit(false));
    }

    /** sentences may carry {@link Boilerplate#FLAG}; articles need article_id and published_date. */
    public Dataset<Row> apply(Dataset<Row> articles, Dataset<Row> sentences) {
        return fromShingles(articles, withoutTemplates(shingleSets(articleRuns(sentences))));
    }

    /**
     * (article_id, shingles, complete, source): the shingles of each run of consecutive sentence rows of one article,
     * boilerplate sentences left out; complete when the run is the whole article (nearly always). Read twice by
     * {@link #shingleSets} (the whole articles, the split ones): a caller on a large corpus persists it, or the
     * sentences are read and folded twice.
     */
    public Dataset<Row> articleRuns(Dataset<Row> sentences) {
        Column boilerplate = Arrays.asList(sentences.columns()).contains(Boilerplate.FLAG) ? col(Boilerplate.FLAG) : lit(false);
        return sentences.select(col(Tables.ARTICLE_ID), col("tokens"), col("n_sentences"), boilerplate, col(SOURCE),
                        col(Tables.SENTENCE_ID))
                .mapPartitions(new ArticleShingles(options.shingleSize()), Encoders.row(ArticleShingles.SCHEMA));
    }

    /**
     * (article_id, source, shingles): every article's shingle set (title and body) from {@link #articleRuns}, the
     * runs of an article split across partitions united; read twice by {@link #withoutTemplates}.
     */
    public Dataset<Row> shingleSets(Dataset<Row> runs) {
        Dataset<Row> whole = runs.where(col(ArticleShingles.COMPLETE)).select(Tables.ARTICLE_ID, SOURCE, SHINGLES, TITLE);
        Dataset<Row> parts = runs.where(not(col(ArticleShingles.COMPLETE))).groupBy(Tables.ARTICLE_ID).agg(first(SOURCE).as(SOURCE),
                array_sort(array_distinct(flatten(collect_list(SHINGLES)))).as(SHINGLES),
                array_sort(array_distinct(flatten(collect_list(TITLE)))).as(TITLE));
        return whole.unionByName(parts);
    }

    /**
     * (article_id, article_num, source_key, video_channel, shingles, title_shingles) from {@link #shingleSets}: each
     * set without its source's template shingles (the title's are kept whole: its shingles that are also in the set
     * are the ones that are not template), empty sets left out, partitioned by article_num ({@link #NUM}).
     */
    public Dataset<Row> withoutTemplates(Dataset<Row> sets) {
        Dataset<Row> kept = sets;
        if (templateMinArticles > 0) {
            // Shingles that recur in many articles of one source are its template ("Wordle today: The solution and a
            // hint for the", "presents ... performing live in the KEXP studio", "submitted by /u/... [link]
            // [comments]"): left in, they made a third of 100 sampled pairs on rss-2022 two items of one series.
            // Per source, as boilerplate is: a story syndicated by many sources keeps its shingles.
            // Nearly every (source, shingle) is one article's: aggregating before the shuffle saves nothing (it took a
            // 1 GB hash map a task), and adaptive execution, seeing a small shuffle (the rows compress well), coalesced
            // local mode's 8 partitions into 3, one of which sorted 4.4 M rows and spilled 416 MB: a third of the
            // stage's time on rss-2022 while the other core waited. Partitioned by the row count instead, at most
            // ROWS_PER_TASK rows each, and counted after the shuffle.
            Column sourceHash = xxhash64(col(SOURCE));
            Dataset<Row> withSource = sets.where(col(SOURCE).isNotNull());
            Row total = withSource.select(sum(size(col(SHINGLES)))).first();
            long shingleRows = total.isNullAt(0) ? 0 : total.getLong(0);
            List<Row> rows = withSource
                    .select(sourceHash.as("t_source"), explode(col(SHINGLES)).as("s"))
                    .repartition(partitionsFor(sets.sparkSession(), shingleRows), col("t_source"), col("s"))
                    .groupBy("t_source", "s").agg(count(lit(1)).as("n")) // shingle sets are distinct: n counts articles
                    .where(col("n").geq(templateMinArticles))
                    .groupBy("t_source").agg(collect_list("s").as("template"))
                    .collectAsList();
            SourceTemplates templates = new SourceTemplates(rows);
            if (!templates.isEmpty()) {
                Broadcast<SourceTemplates> shared = JavaSparkContext.fromSparkContext(sets.sparkSession().sparkContext())
                        .broadcast(templates);
                // typed, not a UDF: the sets are read and written as primitive arrays, without boxing (SourceSet)
                MapFunction<SourceSet, SourceSet> without = article -> {
                    article.setSet(shared.value().without(article.getSourceKey(), article.getSet()));
                    return article;
                };
                kept = sets.select(col(Tables.ARTICLE_ID).as("articleId"), col(SOURCE).as("source"),
                                when(col(SOURCE).isNotNull(), sourceHash).as("sourceKey"), col(SHINGLES).as("set"), col(TITLE).as("title"))
                        .as(Encoders.bean(SourceSet.class))
                        .map(without, Encoders.bean(SourceSet.class))
                        .select(col("articleId").as(Tables.ARTICLE_ID), col("source").as(SOURCE), col("set").as(SHINGLES),
                                col("title").as(TITLE));
            }
        }
        // numbers joined by hash (they are the small side; the sets need no sort), then the sets hash-partitioned by
        // number once: the joins that verify pairs then shuffle the pairs, not the shingle sets
        return kept.join(numbered(sets).hint("shuffle_hash"), Tables.ARTICLE_ID)
                .select(col(Tables.ARTICLE_ID), col(NUM), when(col(SOURCE).isNotNull(), xxhash64(col(SOURCE))).as(SOURCE_KEY),
                        videoChannel(col(SOURCE)).as(CHANNEL), col(SHINGLES), col(TITLE))
                .where(size(col(SHINGLES)).gt(0))
                .repartition(col(NUM));
    }

    /** Rows of a shuffle that one task aggregates in memory at most (a 2 GB driver's share per core, with margin). */
    static final long ROWS_PER_TASK = 1_000_000L;

    /** Partitions for a shuffle of {@code rows} rows: ROWS_PER_TASK each at most, and at least two per core. */
    static int partitionsFor(SparkSession spark, long rows) {
        int cores = spark.sparkContext().defaultParallelism();
        return (int) Math.max(2L * cores, (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
    }

    /**
     * (article_id, article_num): each article's position in article_id order, 0, 1, 2, ... Only the ids are sorted
     * (a range-partitioned sort, then Spark's zipWithIndex), so the numbers are the same whatever the input's order
     * or partitioning. Numbered before the template filter: an article left out for an empty set only leaves a gap.
     */
    static Dataset<Row> numbered(Dataset<Row> sets) {
        JavaRDD<Row> numbers = sets.select(Tables.ARTICLE_ID).orderBy(Tables.ARTICLE_ID).javaRDD().zipWithIndex()
                .map(idAndRank -> RowFactory.create(idAndRank._1().getString(0), idAndRank._2()));
        return sets.sparkSession().createDataFrame(numbers, NUMBERS);
    }

    /** A shingle set as the UDFs receive it (a Seq of boxed ints), unboxed once for the primitive loops. */
    private static int[] ints(Seq<Integer> set) {
        int[] values = new int[set.size()];
        int i = 0;
        for (Integer v : CollectionConverters.asJava(set)) {
            values[i++] = v;
        }
        return values;
    }

    /** Distinct (a, b), a < b, of the numbers ({@link #NUM}) of articles that share a band of their MinHash signatures. */
    Dataset<Row> candidates(Dataset<Row> shingles) {
        MinHashBands minHash = new MinHashBands(BANDS, ROWS, SEED);
        // typed, not a UDF: the sets are read and the keys written as primitive arrays, without boxing (NumberedSet)
        MapFunction<NumberedSet.Shingles, NumberedSet.Keys> bandKeys = s -> new NumberedSet.Keys(s.getNum(), minHash.keys(s.getSet()));
        // Nearly every band key is one article's alone: the rows are hash-partitioned by key, at most ROWS_PER_TASK a
        // partition, and each partition finds its shared keys in primitive arrays (BandBuckets: a window over the key
        // sorted every row as a Spark row). Copies of one story share most of their bands, so one member list is found
        // in up to BANDS buckets: its pairs are made once, not once per band.
        long rows = shingles.count() * BANDS;
        Dataset<Row> buckets = shingles
                .select(col(NUM).as(NumberedSet.NUM), col(SHINGLES).as(NumberedSet.SET))
                .as(Encoders.bean(NumberedSet.Shingles.class))
                .map(bandKeys, Encoders.bean(NumberedSet.Keys.class))
                .select(col(NumberedSet.NUM).as(NUM), posexplode(col(NumberedSet.KEYS)).as(new String[] {"band", "key"}))
                .repartition(partitionsFor(shingles.sparkSession(), rows), col("key"), col("band"))
                .mapPartitions(new BandBuckets(), Encoders.row(BandBuckets.SCHEMA))
                .distinct();
        // one pass over the buckets (two branches, all pairs and stars, computed the buckets twice)
        return buckets.select(col("m"), posexplode(col("m")).as(new String[] {"i", "a"}))
                .select(col("a"), explode(expr("if(size(m) <= " + MAX_BUCKET + ", slice(m, i + 2, size(m)),"
                        + " if(i = 0, slice(m, 2, size(m)), array()))")).as("b"))
                .distinct();
    }

    /** (a, b, similarity) of candidate pairs (article numbers) whose similarity reaches the threshold. */
    Dataset<Row> verified(Dataset<Row> pairs, Dataset<Row> shingles) {
        return withSimilarity(pairs, shingles, options.threshold()).where(col("similarity").geq(options.threshold()));
    }

    /**
     * Adds similarity(a, b), a and b article numbers ({@link #NUM}), other columns kept, from the shingle sets (ints
     * are shuffled for the joins, not text), computed by {@link PairSimilarity}: 0 for two articles of one source
     * that their titles tell apart (the series rule below).
     *
     * <p>Two articles of one source that are items of a series rather than copies of one story: two videos of one
     * {@link #videoChannel video channel}; or, both titled, their titles share no shingle (the source's template
     * shingles left out), or their bodies are all template and their whole titles are less alike than the threshold.
     * A source's items that share a body under unrelated headlines are items of a series, not one story
     * republished: the songs of one live session under the session's description, a channel's videos under its
     * sponsor's advertisement, articles whose RSS body is one photo caption, chapters of a reading, a weekly answer
     * page. Of the 11 errors at the 0.7 threshold in the first pairs checked by hand on rss-2022 the title rule
     * removes 9 (docs/stories.md); a source's own update of a story keeps some of its headline's wording. Across
     * sources headlines are each outlet's own (a PAP story under two portals' titles), so the rules are for one
     * source only.
     */
    private static Dataset<Row> withSimilarity(Dataset<Row> pairs, Dataset<Row> shingles, double threshold) {
        Dataset<Row> sa = shingles.select(col(NUM).as("sa_id"), col(SOURCE_KEY).as("sa_source"),
                col(CHANNEL).as("sa_channel"), col(SHINGLES).as("sa"), col(TITLE).as("sa_title"));
        Dataset<Row> sb = shingles.select(col(NUM).as("sb_id"), col(SOURCE_KEY).as("sb_source"), col(SHINGLES).as("sb"),
                col(TITLE).as("sb_title"));
        UDF7<Seq<Integer>, Seq<Integer>, Seq<Integer>, Seq<Integer>, Long, Long, Boolean, Double> similarity =
                (a, b, titleA, titleB, sourceA, sourceB, channel) -> PairSimilarity.of(ints(a), ints(b), ints(titleA), ints(titleB),
                        sourceA != null && sourceA.equals(sourceB), channel != null && channel, threshold);
        return pairs.join(sa, col("a").equalTo(col("sa_id"))).join(sb, col("b").equalTo(col("sb_id")))
                .withColumn("similarity", udf(similarity, DataTypes.DoubleType).asNonNullable().apply(col("sa"), col("sb"),
                        col("sa_title"), col("sb_title"), col("sa_source"), col("sb_source"), col("sa_channel")))
                .drop("sa_id", "sa", "sb_id", "sb", "sa_source", "sb_source", "sa_channel", "sa_title", "sb_title");
    }

    /** near_duplicates from the verified pairs: components, representatives, members checked against them. */
    Dataset<Row> stories(Dataset<Row> pairs, Dataset<Row> shingles, Dataset<Row> articles) {
        // kept while counted and collected: computed once (the candidates are most of the stage's work)
        Dataset<Row> ids = pairs.select("a", "b").persist(StorageLevel.MEMORY_AND_DISK());
        Map<Long, Long> component;
        try {
            long n = ids.count();
            if (n > MAX_PAIRS) {
                throw new UserError(n + " near-duplicate pairs at --near-duplicate-threshold " + options.threshold()
                        + ": more than " + MAX_PAIRS + "; raise the threshold");
            }
            component = Components.of(ids.collectAsList());
        } finally {
            ids.unpersist();
        }
        List<Row> rows = new ArrayList<>(component.size());
        component.forEach((num, root) -> rows.add(RowFactory.create(num, root)));
        StructType schema = new StructType().add(NUM, DataTypes.LongType).add("component", DataTypes.LongType);
        // the representative by date, then id; numbers keep the ids' order, so the smaller number is the smaller id
        WindowSpec byDate = Window.partitionBy("component").orderBy(col(Tables.PUBLISHED_DATE).asc_nulls_last(), col(NUM).asc());
        Dataset<Row> members = articles.sparkSession().createDataFrame(rows, schema)
                .join(shingles.select(NUM, Tables.ARTICLE_ID), NUM)
                .join(articles.select(Tables.ARTICLE_ID, Tables.PUBLISHED_DATE), Tables.ARTICLE_ID)
                .withColumn("b", first(NUM).over(byDate))
                .withColumn(Tables.STORY_ID, first(Tables.ARTICLE_ID).over(byDate));
        Dataset<Row> representatives = members.select(col(NUM).as("a"), col("b"), col(Tables.ARTICLE_ID), col(Tables.STORY_ID));
        Dataset<Row> checked = withSimilarity(representatives, shingles, options.threshold())
                .withColumn("similarity", when(col("a").equalTo(col("b")), lit(1.0)).otherwise(col("similarity")))
                .where(col("similarity").geq(options.threshold()));
        return checked.withColumn("n_copies", count(lit(1)).over(Window.partitionBy("b")).cast("int"))
                .where(col("n_copies").geq(2))
                .select(Tables.NEAR_DUPLICATES.sparkColumns());
    }
}
