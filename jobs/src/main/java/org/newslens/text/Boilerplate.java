package org.newslens.text;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newslens.tables.Tables;

/**
 * Feed boilerplate: lines a feed repeats under its items ("Continue reading...", "Comments URL: ...", "The post
 * &lt;title&gt; appeared first on CNET", "(Carl Court/Getty Images)") are templates, not news. On rss-2022 such
 * lines made "comments", "url", "continue" and "reading" English terms ranked 2nd to 9th by count, and "continue
 * reading", "comments url", "article url" the top three collocations.
 *
 * <p>sentences + articles -> boilerplate. Sentences are compared by their terms, not their text, so numbers, URLs
 * and case do not matter ("Points: 12", "Points: 3"), with the article's title masked ({@link TemplateRuns}).
 * A template is one of:
 * <ul>
 *   <li>kind {@code sentence}: a whole non-title sentence (as written, or with the title masked) found in at least
 *       {@code minArticles} articles of one source, or of one publisher ({@link Publisher}: the feeds of one site);</li>
 *   <li>kind {@code span}: a run of 2-4 terms ending a sentence, or of 3-4 terms starting one, found there in at least
 *       {@code minArticles} articles and at least {@link #MIN_SPAN_SHARE} of the articles of the source (publisher)
 *       in that language: a credit or a link glued to a real sentence.</li>
 * </ul>
 * Titles are never boilerplate (a title names its article), nor are articles without a source: they may come from
 * anywhere, and a line repeated across publishers is news. {@link #strip} takes templates out of the terms the term
 * tables and topics count: a whole sentence is flagged, a span's terms are removed (at the sentence's edge, so no
 * n-gram joins across it); the sentences table keeps the text as written and the entities stage reads all of it.
 */
public final class Boilerplate {
    public static final String FLAG = "boilerplate";
    /** A span must be found in this share of its source's (publisher's) articles of the language, besides minArticles. */
    public static final double MIN_SPAN_SHARE = 0.05;
    private static final String SOURCE = "source";
    private static final String PUBLISHER = "publisher";
    private static final String KIND = "kind";
    private static final String EDGE = "edge";

    /** first pass: a candidate's hash and the fewest sentences it needs */
    private static final StructType COUNTED = new StructType().add("h", DataTypes.LongType, false).add("floor", DataTypes.IntegerType, false);

    /**
     * second pass: a candidate of the frequent ones, with 64-bit hashes of its exact key ({@code k}: scope, language,
     * kind, edge, terms) and of its key at publisher scope ({@code t}), by which it is grouped: grouping by the
     * columns themselves sorted on arrays of strings (min(text) needs a sort-based aggregation), a third of the cost
     */
    private static final StructType FOUND = new StructType()
            .add("k", DataTypes.LongType, false).add("t", DataTypes.LongType, true)
            .add(SOURCE, DataTypes.StringType).add(PUBLISHER, DataTypes.StringType).add(Tables.LANGUAGE, DataTypes.StringType)
            .add(KIND, DataTypes.StringType).add(EDGE, DataTypes.StringType)
            .add("terms", DataTypes.createArrayType(DataTypes.StringType)).add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add("text", DataTypes.StringType);

    /** the templates found, before the share rule and the choice between source and publisher */
    private static final StructType FOUND_TEMPLATES = new StructType()
            .add("k", DataTypes.LongType, false).add("t", DataTypes.LongType, true)
            .add(SOURCE, DataTypes.StringType).add(PUBLISHER, DataTypes.StringType).add(Tables.LANGUAGE, DataTypes.StringType)
            .add(KIND, DataTypes.StringType).add(EDGE, DataTypes.StringType)
            .add("terms", DataTypes.createArrayType(DataTypes.StringType)).add("articles", DataTypes.IntegerType, false)
            .add("sentences", DataTypes.LongType, false).add("text", DataTypes.StringType);

    private Boilerplate() {
    }

    public static Dataset<Row> find(Dataset<Row> sentences, Dataset<Row> articles, int minArticles) {
        SparkSession spark = sentences.sparkSession();
        if (minArticles <= 0) {
            return spark.createDataFrame(List.of(), Tables.BOILERPLATE.schema());
        }
        // A first pass counts sentences per 8-byte hash of each publisher-wide candidate: a line in N articles of a
        // source or of a publisher is in at least N sentences of the publisher, so none is missed. Only the frequent
        // candidates are then grouped exactly, with their text, rather than every sentence's text being shuffled.
        // A span must also be in MIN_SPAN_SHARE of its scope's articles, so the first pass needs more of it: in a
        // large feed a common sentence ending is not counted further.
        Totals totals = new Totals(articles, minArticles);
        Dataset<Row> keys = sentences.select(Tables.ARTICLE_ID, Tables.SENTENCE_ID, "terms", SOURCE, Tables.LANGUAGE);
        long[] frequent = keys.mapPartitions(new Candidates<Row>(null, totals), Encoders.row(COUNTED))
                .groupBy("h", "floor").agg(count(lit(1)).as("n"))
                .where(col("n").geq(col("floor")).and(col("n").geq(minArticles))).select("h").distinct()
                .collectAsList().stream().mapToLong(r -> r.getLong(0)).sorted().toArray();
        Dataset<Row> candidates = sentences.select(Tables.ARTICLE_ID, Tables.SENTENCE_ID, "terms", SOURCE, Tables.LANGUAGE, "text")
                .mapPartitions(new Candidates<Row>(frequent, totals), Encoders.row(FOUND))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> templates;
        try {
            // Counted apart from the examples: with first() and min() of strings in the same aggregation Spark sorts
            // every candidate row on both sides of the shuffle; the counts alone are a hash aggregation, and the
            // examples (one row per template and partition) are grouped only for the templates found.
            Dataset<Row> counted = candidates.where(col(Tables.ARTICLE_ID).isNotNull()).groupBy(col("k"))
                    .agg(count_distinct(col(Tables.ARTICLE_ID)).cast("int").as("articles"), count(col(Tables.ARTICLE_ID)).as("sentences"))
                    .where(col("articles").geq(minArticles));
            // the same k has the same scope, kind, edge and terms: first() of its example rows is the value
            templates = candidates.where(col(Tables.ARTICLE_ID).isNull()).join(counted, "k")
                    .groupBy(col("k"))
                    .agg(first(col("t"), true).as("t"), first(col(SOURCE), true).as(SOURCE), first(col(PUBLISHER), true).as(PUBLISHER),
                            first(col(Tables.LANGUAGE), true).as(Tables.LANGUAGE), first(col(KIND), true).as(KIND),
                            first(col(EDGE), true).as(EDGE), first(col("terms"), true).as("terms"),
                            first(col("articles")).as("articles"), first(col("sentences")).as("sentences"), min(col("text")).as("text"))
                    .collectAsList();
        } finally {
            candidates.unpersist();
        }
        // thousands of templates: decided on the driver's copy, so the candidates need not be kept for the write
        Dataset<Row> found = spark.createDataFrame(templates, FOUND_TEMPLATES);

        Column scope = col(SOURCE).eqNullSafe(col("t_source")).and(col(PUBLISHER).equalTo(col("t_publisher")))
                .and(col(Tables.LANGUAGE).eqNullSafe(col("t_language")));
        Dataset<Row> kept = found.join(broadcast(totals.table(spark)), scope, "left")
                .where(col(KIND).equalTo(TemplateRuns.SENTENCE).or(col("articles").geq(col("t_articles").multiply(MIN_SPAN_SHARE))));
        // A template of one source is listed for that source, and for its publisher only when no single source has
        // it: a window over the template, not a join, so that the candidates are computed once.
        WindowSpec template = Window.partitionBy(col("t"));
        return kept.withColumn("by_source", max(col(SOURCE).isNotNull()).over(template))
                .where(col(SOURCE).isNotNull().or(not(col("by_source"))))
                .select(Tables.BOILERPLATE.sparkColumns());
    }

    /** Articles per source and per publisher, in each language (thousands of rows at most: counted on the driver). */
    private static final class Totals {
        private final Map<List<String>, Long> articles = new HashMap<>();
        /**
         * per "publisher \u0001 language": the fewest sentences a span needs there, max(minArticles, MIN_SPAN_SHARE of
         * the publisher's smallest source in the language), as any scope of the publisher needs at least that many
         */
        final Map<String, Integer> spanFloors = new HashMap<>();
        /** "publisher \u0001 language" keys of publishers with more than one source in the language */
        final Set<String> severalSources = new HashSet<>();

        Totals(Dataset<Row> table, int minArticles) {
            for (Row r : table.where(col(SOURCE).isNotNull()).groupBy(SOURCE, Tables.LANGUAGE).agg(count(lit(1))).collectAsList()) {
                String source = r.getString(0);
                String publisher = Publisher.of(source);
                long n = r.getLong(2);
                articles.merge(Arrays.asList(source, publisher, r.getString(1)), n, Long::sum);
                articles.merge(Arrays.asList(null, publisher, r.getString(1)), n, Long::sum);
                int floor = (int) Math.max(minArticles, Math.ceil(n * MIN_SPAN_SHARE));
                if (spanFloors.containsKey(floorKey(publisher, r.getString(1)))) {
                    severalSources.add(floorKey(publisher, r.getString(1)));
                }
                spanFloors.merge(floorKey(publisher, r.getString(1)), floor, Math::min);
            }
        }

        static String floorKey(String publisher, String language) {
            return publisher + '\u0001' + language;
        }

        /** (t_source, t_publisher, t_language, t_articles), t_source null for the publisher's total */
        Dataset<Row> table(SparkSession spark) {
            List<Row> rows = new ArrayList<>();
            articles.forEach((k, n) -> rows.add(RowFactory.create(k.get(0), k.get(1), k.get(2), n)));
            StructType schema = new StructType().add("t_source", DataTypes.StringType).add("t_publisher", DataTypes.StringType)
                    .add("t_language", DataTypes.StringType).add("t_articles", DataTypes.LongType);
            return spark.createDataFrame(rows, schema);
        }
    }

    /**
     * Over sentences in table order (an article's sentences together, its title first): with no frequent set, the
     * hash of every publisher-wide candidate; with one, a {@link #FOUND} row for each candidate, of both scopes,
     * whose publisher-wide hash is frequent. Input: article_id, sentence_id, terms, source, language[, text].
     */
    private static final class Candidates<U> implements MapPartitionsFunction<Row, U> {
        private final long[] frequent;
        private final Map<String, Integer> spanFloors;
        private final Set<String> severalSources;

        Candidates(long[] frequent, Totals totals) {
            this.frequent = frequent;
            this.spanFloors = new HashMap<>(totals.spanFloors);
            this.severalSources = new HashSet<>(totals.severalSources);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Iterator<U> call(Iterator<Row> rows) {
            TitleTracker titles = new TitleTracker();
            Publishers publishers = new Publishers();
            Map<Long, Object[]> examples = new HashMap<>();
            List<U> out = new ArrayList<>();
            return new Iterator<>() {
                private int next;
                private boolean flushed;

                @Override
                public boolean hasNext() {
                    while (next >= out.size() && rows.hasNext()) {
                        out.clear();
                        next = 0;
                        add(rows.next(), titles, publishers, examples, out);
                    }
                    if (next >= out.size() && !flushed && frequent != null) {
                        flushed = true;
                        out.clear();
                        next = 0;
                        examples.values().forEach(v -> out.add((U) RowFactory.create(v)));
                    }
                    return next < out.size();
                }

                @Override
                public U next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return out.get(next++);
                }
            };
        }

        @SuppressWarnings("unchecked")
        private void add(Row s, TitleTracker titles, Publishers publishers, Map<Long, Object[]> examples, List<U> out) {
            List<String> title = titles.titleOf(s.getString(0), s.getInt(1), s.isNullAt(2) ? null : s.getList(2));
            if (s.getInt(1) == 0 || s.isNullAt(2) || s.isNullAt(3) || s.getList(2).isEmpty()) {
                return;
            }
            List<String> terms = s.getList(2);
            String source = s.getString(3);
            String publisher = publishers.of(source);
            String language = s.getString(4);
            long seed = TemplateRuns.seed(true, publisher, language);
            int spanFloor = frequent == null ? spanFloors.getOrDefault(Totals.floorKey(publisher, language), 0) : 0;
            // a publisher of one source has the same templates as its source, which are listed for the source
            boolean publisherScope = severalSources.contains(Totals.floorKey(publisher, language));
            for (TemplateRuns.Candidate c : TemplateRuns.of(terms, TemplateRuns.mask(terms, title))) {
                if (frequent == null) {
                    if (c.publisherScope()) {
                        // a sentence's floor is minArticles, applied to every hash in find; a span's may be higher
                        out.add((U) RowFactory.create(TemplateRuns.hash(seed, c.kindOrEdge(), c.terms()), c.edge() == null ? 0 : spanFloor));
                    }
                } else if ((publisherScope || !c.publisherScope())
                        && Arrays.binarySearch(frequent, TemplateRuns.hash(seed, c.kindOrEdge(), c.terms())) >= 0) {
                    String scope = c.publisherScope() ? publisher : source;
                    long k = TemplateRuns.hash(TemplateRuns.key(c.publisherScope(), scope, language, c.kindOrEdge(), c.terms()));
                    // a sentence's row holds the key and the article only; the template's columns and an example
                    // text travel once per template and partition, in a row of its own (article_id null): min() of
                    // the partitions' minima is the same text, and the rows of the shuffle stay small
                    out.add((U) RowFactory.create(k, null, null, null, null, null, null, null, s.getString(0), null));
                    String text = s.getString(5);
                    Object[] example = examples.get(k);
                    if (example == null) {
                        long t = TemplateRuns.hash(TemplateRuns.key(true, publisher, language, c.kindOrEdge(), c.terms()));
                        examples.put(k, new Object[] {k, t, c.publisherScope() ? null : source, publisher, language, c.kind(),
                            c.edge(), scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(c.terms())), null, text});
                    } else if (text != null && (example[9] == null || text.compareTo((String) example[9]) < 0)) {
                        example[9] = text;
                    }
                }
            }
        }
    }

    /** {@link Publisher#of}, memoised: a partition holds few sources and parsing an address per sentence is not free. */
    private static final class Publishers {
        private final Map<String, String> bySource = new HashMap<>();

        String of(String source) {
            return bySource.computeIfAbsent(source, Publisher::of);
        }
    }

    /** The title terms of the article whose sentences are being read: sentence 0 comes first in table order. */
    private static final class TitleTracker {
        private String article;
        private List<String> title;

        List<String> titleOf(String articleId, int sentenceId, List<String> terms) {
            if (!articleId.equals(article)) {
                article = articleId;
                title = null;
            }
            if (sentenceId == 0) {
                title = terms;
            }
            return title;
        }
    }

    /**
     * The sentences with templates taken out of what is counted: a boilerplate sentence gets {@link #FLAG} true
     * (titles never); a span's terms (and their positions) are removed from {@code terms} and {@code term_positions}.
     * Every other column is as read; rows keep their order.
     */
    public static Dataset<Row> strip(Dataset<Row> sentences, Dataset<Row> boilerplate) {
        Templates templates = new Templates(boilerplate);
        StructType schema = sentences.schema().add(FLAG, DataTypes.BooleanType, false);
        if (templates.isEmpty()) {
            return sentences.withColumn(FLAG, lit(false));
        }
        List<String> names = Arrays.asList(sentences.columns());
        int[] at = {names.indexOf(Tables.ARTICLE_ID), names.indexOf(Tables.SENTENCE_ID), names.indexOf("terms"),
            names.indexOf("term_positions"), names.indexOf(SOURCE), names.indexOf(Tables.LANGUAGE)};
        return sentences.mapPartitions(new Strip(templates, at), Encoders.row(schema));
    }

    /**
     * {@link #strip} of the columns a caller reads, and of those strip itself needs. Strip passes each row through a
     * Java Row, which Spark cannot see into: a column passed in is decoded and encoded again whether or not anyone
     * reads it after, and the sentences' text and tokens are most of their bytes.
     */
    public static Dataset<Row> strip(Dataset<Row> sentences, Dataset<Row> boilerplate, List<String> columns) {
        Set<String> kept = new LinkedHashSet<>(STRIP_READS);
        kept.addAll(columns);
        return strip(sentences.select(kept.stream().map(functions::col).toArray(Column[]::new)), boilerplate);
    }

    /** The columns {@link #strip} reads. */
    private static final List<String> STRIP_READS = List.of(Tables.ARTICLE_ID, Tables.SENTENCE_ID, "terms", "term_positions",
            SOURCE, Tables.LANGUAGE);

    /** The sentences that are not boilerplate, spans taken out of the rest ({@link #strip}). */
    public static Dataset<Row> without(Dataset<Row> sentences, Dataset<Row> boilerplate) {
        return strip(sentences, boilerplate).where(not(col(FLAG))).drop(FLAG);
    }

    /** {@link #without} of the columns a caller reads ({@link #strip(Dataset, Dataset, List)}). */
    public static Dataset<Row> without(Dataset<Row> sentences, Dataset<Row> boilerplate, List<String> columns) {
        return strip(sentences, boilerplate, columns).where(not(col(FLAG))).drop(FLAG);
    }

    /**
     * The sentences with a boolean {@link #FLAG} column, true for a sentence that is boilerplate of its source as
     * written (titles never), spans and publisher-wide lines aside: the stories stage compares tokens, not terms.
     */
    public static Dataset<Row> flag(Dataset<Row> sentences, Dataset<Row> boilerplate) {
        Dataset<Row> lines = boilerplate.where(col(SOURCE).isNotNull());
        if (Arrays.asList(boilerplate.columns()).contains(KIND)) {
            lines = lines.where(col(KIND).equalTo(TemplateRuns.SENTENCE));
        }
        Dataset<Row> keys = lines.select(col(SOURCE).as("bp_source"), col(Tables.LANGUAGE).as("bp_language"),
                col("terms").as("bp_terms"), lit(true).as("bp_flag")).dropDuplicates(); // a key twice would double a sentence
        Dataset<Row> joined = sentences.join(broadcast(keys), col(SOURCE).eqNullSafe(col("bp_source"))
                .and(col(Tables.LANGUAGE).eqNullSafe(col("bp_language"))).and(col("terms").equalTo(col("bp_terms")))
                .and(col(Tables.SENTENCE_ID).gt(0)), "left");
        return joined.withColumn(FLAG, col("bp_flag").isNotNull()).drop("bp_source", "bp_language", "bp_terms", "bp_flag");
    }

    /** The boilerplate table's keys, held by every task (thousands of rows). */
    private static final class Templates implements Serializable {
        private final Set<String> keys = new HashSet<>();
        /** their hashes, to test a candidate without building its key string */
        private final Set<Long> hashes = new HashSet<>();
        /** seeds of the scopes that have any template: other sentences are passed through */
        private final Set<Long> scopes = new HashSet<>();

        Templates(Dataset<Row> boilerplate) {
            boolean kinds = Arrays.asList(boilerplate.columns()).contains(KIND); // a model saved before spans has none
            Column kind = kinds ? col(KIND) : lit(TemplateRuns.SENTENCE);
            Column edge = kinds ? col(EDGE) : lit(null).cast("string");
            Column publisher = kinds ? col(PUBLISHER) : lit(null).cast("string");
            for (Row r : boilerplate.select(col(SOURCE), publisher, col(Tables.LANGUAGE), kind, edge, col("terms")).collectAsList()) {
                boolean publisherScope = r.isNullAt(0);
                String scope = publisherScope ? r.getString(1) : r.getString(0);
                if (scope == null) {
                    continue;
                }
                String kindOrEdge = r.isNullAt(4) ? r.getString(3) : r.getString(4);
                List<String> terms = r.getList(5);
                long seed = TemplateRuns.seed(publisherScope, scope, r.getString(2));
                keys.add(TemplateRuns.key(publisherScope, scope, r.getString(2), kindOrEdge, terms));
                hashes.add(TemplateRuns.hash(seed, kindOrEdge, terms));
                scopes.add(seed);
            }
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }

        boolean hasScope(long seed) {
            return scopes.contains(seed);
        }

        boolean has(TemplateRuns.Candidate c, long seed, String source, String publisher, String language) {
            return hashes.contains(TemplateRuns.hash(seed, c.kindOrEdge(), c.terms()))
                    && keys.contains(TemplateRuns.key(c.publisherScope(), c.publisherScope() ? publisher : source, language,
                    c.kindOrEdge(), c.terms()));
        }
    }

    private static final class Strip implements MapPartitionsFunction<Row, Row> {
        private final Templates templates;
        private final int[] at;

        Strip(Templates templates, int[] at) {
            this.templates = templates;
            this.at = at;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            TitleTracker titles = new TitleTracker();
            Publishers publishers = new Publishers();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    return strip(rows.next(), titles, publishers);
                }
            };
        }

        private Row strip(Row s, TitleTracker titles, Publishers publishers) {
            int sentenceId = s.getInt(at[1]);
            List<String> terms = s.isNullAt(at[2]) ? null : s.getList(at[2]);
            List<String> title = titles.titleOf(s.getString(at[0]), sentenceId, terms);
            String source = s.isNullAt(at[4]) ? null : s.getString(at[4]);
            if (sentenceId == 0 || terms == null || terms.isEmpty() || source == null) {
                return with(s, null, null, false);
            }
            String publisher = publishers.of(source);
            String language = s.isNullAt(at[5]) ? null : s.getString(at[5]);
            long sourceSeed = TemplateRuns.seed(false, source, language);
            long publisherSeed = TemplateRuns.seed(true, publisher, language);
            if (!templates.hasScope(sourceSeed) && !templates.hasScope(publisherSeed)) {
                return with(s, null, null, false);
            }
            TemplateRuns.Masked masked = TemplateRuns.mask(terms, title);
            int cutStart = 0;
            int cutEnd = masked.size();
            boolean ended = false;
            boolean started = false;
            for (TemplateRuns.Candidate c : TemplateRuns.of(terms, masked)) {
                if (!templates.has(c, c.publisherScope() ? publisherSeed : sourceSeed, source, publisher, language)) {
                    continue;
                }
                if (c.edge() == null) {
                    return with(s, null, null, true);
                } else if (TemplateRuns.END.equals(c.edge()) && !ended) {
                    cutEnd = Math.min(cutEnd, c.from()); // candidates come longest first
                    ended = true;
                } else if (TemplateRuns.START.equals(c.edge()) && !started) {
                    cutStart = Math.max(cutStart, c.to());
                    started = true;
                }
            }
            if (!ended && !started) {
                return with(s, null, null, false);
            }
            int from = cutStart >= masked.size() ? terms.size() : masked.from()[cutStart];
            int to = cutEnd <= cutStart ? from : masked.to()[cutEnd - 1];
            List<Integer> positions = s.isNullAt(at[3]) ? null : s.getList(at[3]);
            return with(s, terms.subList(from, to), positions == null ? null : positions.subList(from, to), false);
        }

        /** The row with its terms and positions replaced (when not null) and the flag appended. */
        private Row with(Row s, List<String> terms, List<Integer> positions, boolean flag) {
            Object[] values = new Object[s.size() + 1];
            for (int i = 0; i < s.size(); i++) {
                values[i] = s.get(i);
            }
            if (terms != null) {
                values[at[2]] = scala.jdk.javaapi.CollectionConverters.asScala(terms);
                values[at[3]] = positions == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(positions);
            }
            values[s.size()] = flag;
            return RowFactory.create(values);
        }
    }
}
