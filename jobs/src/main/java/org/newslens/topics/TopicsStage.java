package org.newslens.topics;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.DistributedLDAModel;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;
import org.newslens.text.Boilerplate;

/**
 * articles + sentences [+ mentions] -> topics, topic_summary, article_topics, topic_trends, topic_entities and
 * the fitted model. A document is an article's terms (title + text) from the sentences table; only articles
 * of one language (the dominant one unless set) are modelled.
 */
public final class TopicsStage {
    /** Top terms per topic used for coherence. */
    public static final int COHERENCE_TERMS = 10;
    /** Terms in a topic's label. */
    public static final int LABEL_TERMS = 4;
    /**
     * The fit sample is held in two partitions ({@link #forFit}): MLlib sums the per-partition statistics in task
     * completion order, and with two partitions that sum is commutative, so a fixed seed gives bit-identical models.
     */
    static final int PARTITIONS = 2;
    /** Fewest documents per topic before k is capped. */
    static final int DOCS_PER_TOPIC = 5;

    /** Iterations for corpora under 2 * DOCS_PER_TOPIC documents (the seed article alone, say). */
    static final int TINY_CORPUS_ITERATIONS = 10;
    /** Online LDA: a mini-batch holds at least this many documents (or all of them). */
    static final int MIN_BATCH_DOCS = 100;

    /** corpus: the modelled documents as (article_id, features), count vectors over the model's vocabulary. */
    public record Result(Dataset<Row> topics, Dataset<Row> topicSummary, Dataset<Row> articleTopics,
                         Dataset<Row> topicTrends, Dataset<Row> topicEntities, TopicModel model,
                         List<List<String>> topTerms, Dataset<Row> corpus, List<String> warnings,
                         Map<String, Double> seconds, String fitInfo) {
    }

    private final TopicOptions options;
    private final Period period;

    public TopicsStage(TopicOptions options, Period period) {
        this.options = options.validated();
        this.period = period;
    }

    /** mentions may be null (no topic_entities then; topicEntities() is null). */
    public Result apply(Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> mentions) {
        return apply(articles, sentences, mentions, null);
    }

    /**
     * copies: the article_ids that are later copies of a story (near_duplicates rows whose article is not the
     * story's representative), or null. They are left out of the vocabulary and the fit, so a story syndicated fifty
     * times weighs as one document in what the topics are; every copy still gets its topics (article_topics).
     */
    public Result apply(Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> mentions, Dataset<Row> copies) {
        SparkSession spark = articles.sparkSession();
        List<String> warnings = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();

        String language = options.language() != null ? options.language() : dominantLanguage(articles);
        Dataset<Row> runs = language == null ? null : runs(sentences, language).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> docs = runs == null ? null : merged(runs);
        long nAll = docs == null ? 0 : docs.count();
        t = lap(seconds, "documents", t);

        // the copies are ids only: broadcast, so the documents stay where they were read (as in the terms stage)
        Dataset<Row> copyIds = copies == null ? null : broadcast(copies.select(Tables.ARTICLE_ID));
        Dataset<Row> originals = copies == null || docs == null ? docs
                : docs.join(copyIds, new String[] {Tables.ARTICLE_ID}, "left_anti");
        long nOriginals = copies == null || docs == null ? nAll : originals.count();
        String[] vocab = nOriginals == 0 ? new String[0] : vocabulary(originals, nOriginals);
        t = lap(seconds, "vocabulary", t);
        if (vocab.length == 0) {
            warnings.add("no terms to model" + (language == null ? "" : " in language '" + language + "'")
                    + ": topic tables are empty");
            if (runs != null) {
                runs.unpersist();
            }
            return empty(spark, mentions != null, warnings, seconds);
        }
        CountVectorizerModel cv = new CountVectorizerModel(vocab).setInputCol("terms").setOutputCol("features");
        // only (article_id, published_date, features) is kept: the terms as strings would hold the corpus in memory a
        // second time
        Dataset<Row> vectors = nonEmpty(cv.transform(docs)).select(Tables.ARTICLE_ID, Tables.PUBLISHED_DATE, "features")
                .persist(StorageLevel.MEMORY_AND_DISK());
        long n = vectors.count();
        runs.unpersist();
        t = lap(seconds, "vectorize", t);

        int k = (int) Math.max(2, Math.min(options.k(), n / DOCS_PER_TOPIC));
        if (k < options.k()) {
            warnings.add("only " + n + " documents: fitting " + k + " topics instead of " + options.k()
                    + " (at most one topic per " + DOCS_PER_TOPIC + " documents)");
        }
        int iterations = options.iterations();
        if (n < 2 * DOCS_PER_TOPIC && iterations > TINY_CORPUS_ITERATIONS) {
            // a handful of documents has no topic structure to learn; each iteration is a Spark job
            iterations = TINY_CORPUS_ITERATIONS;
            warnings.add("only " + n + " documents: " + iterations + " iterations instead of " + options.iterations());
        }
        // the sample the model is fitted on: the same documents whatever the partitioning (a hash of the id)
        Dataset<Row> fitted = vectors;
        String sampleInfo = "";
        if (copies != null) {
            fitted = vectors.join(copyIds, new String[] {Tables.ARTICLE_ID}, "left_anti");
            sampleInfo = String.format(Locale.ROOT, "one copy per story: %d later copies left out of vocabulary and fit; ",
                    nAll - nOriginals);
        }
        if (options.fitDocs() > 0 && n > options.fitDocs()) {
            long perMillion = (long) Math.ceil(1_000_000.0 * options.fitDocs() / n);
            fitted = fitted.where(pmod(xxhash64(col(Tables.ARTICLE_ID)), lit(1_000_000L)).lt(perMillion));
            sampleInfo += String.format(Locale.ROOT, "fitted on %d of %d documents (--topic-fit-docs %d); ",
                    fitted.count(), n, options.fitDocs());
        }
        fitted = forFit(fitted);
        LocalLDAModel local;
        String fitInfo;
        if (options.optimizer().equals(TopicOptions.GIBBS)) {
            double alpha = options.alpha() > 0 ? options.alpha() : TopicOptions.GIBBS_ALPHA_SUM / k;
            double eta = options.eta() > 0 ? options.eta() : TopicOptions.GIBBS_BETA;
            GibbsLda.Fit fit = GibbsLda.fit(fitted, "features", vocab.length, k, alpha, eta, iterations, options.seed());
            local = new LocalLDAModel(Identifiable$.MODULE$.randomUID("lda"), vocab.length, fit.model(), spark);
            local.setSeed(options.seed());
            double[] its = fit.iterationSeconds();
            double total = Arrays.stream(its).sum();
            fitInfo = sampleInfo + String.format(Locale.ROOT, "gibbs: %d tokens, %d iterations %s, %.2f s/iteration (first %.2f, last %.2f), alpha %.4g, beta %.4g",
                    fit.tokens(), its.length, fit.where(), total / Math.max(1, its.length), its.length == 0 ? 0 : its[0],
                    its.length == 0 ? 0 : its[its.length - 1], alpha, eta);
        } else {
            local = fitMllib(fitted, k, n, iterations);
            fitInfo = sampleInfo + options.optimizer() + ": " + iterations + " iterations";
        }
        t = lap(seconds, "fit", t);

        // topics: describeTopics gives term indices; map them to words
        List<Row> topicRows = new ArrayList<>();
        List<List<String>> topTerms = new ArrayList<>();
        List<Row> described = local.describeTopics(Math.max(options.topTerms(), COHERENCE_TERMS)).orderBy("topic").collectAsList();
        for (Row r : described) {
            int topic = r.getInt(0);
            List<Integer> indices = r.getList(1);
            List<Double> weights = r.getList(2);
            List<String> words = new ArrayList<>();
            for (int i = 0; i < indices.size(); i++) {
                String w = vocab[indices.get(i)];
                words.add(w);
                if (i < options.topTerms()) {
                    topicRows.add(RowFactory.create(topic, i + 1, w, weights.get(i)));
                }
            }
            topTerms.add(words.subList(0, Math.min(COHERENCE_TERMS, words.size())));
        }
        Dataset<Row> topics = spark.createDataFrame(topicRows, core(Tables.TOPICS));

        Dataset<Row> theta = distributions(local, vectors).persist(StorageLevel.MEMORY_AND_DISK());
        theta.count();
        t = lap(seconds, "transform", t);

        Dataset<Row> weights = theta.select(col(Tables.ARTICLE_ID), col(Tables.PUBLISHED_DATE),
                posexplode(col("theta")).as(new String[] {Tables.TOPIC_ID, "weight"}));
        Map<Integer, Double> prevalence = new HashMap<>();
        for (Row r : weights.groupBy(Tables.TOPIC_ID).agg(sum("weight").as("w")).collectAsList()) {
            prevalence.put(r.getInt(0), r.getDouble(1) / n);
        }
        Coherence.Counts counts = cooccurrence(vectors, vocab, topTerms, n);
        List<Row> summaryRows = new ArrayList<>();
        for (int topic = 0; topic < topTerms.size(); topic++) {
            List<String> top = topTerms.get(topic);
            summaryRows.add(RowFactory.create(topic, String.join(", ", top.subList(0, Math.min(LABEL_TERMS, top.size()))),
                    prevalence.getOrDefault(topic, 0.0), Coherence.npmi(top, counts), Coherence.umass(top, counts)));
        }
        Dataset<Row> summary = spark.createDataFrame(summaryRows, core(Tables.TOPIC_SUMMARY));
        t = lap(seconds, "coherence", t);

        Dataset<Row> articleTopics = articleTopics(theta, options.threshold());

        // the sentences carry each article's date, so no join with the articles (which shuffled every weight)
        Dataset<Row> trends = weights.where(col(Tables.PUBLISHED_DATE).isNotNull())
                .groupBy(period.of(col(Tables.PUBLISHED_DATE)).as(Tables.PERIOD), col(Tables.TOPIC_ID)).agg(sum("weight").as("weight_sum"))
                .withColumn("share", col("weight_sum").divide(sum("weight_sum").over(Window.partitionBy(Tables.PERIOD))))
                .select(coreColumns(Tables.TOPIC_TRENDS));

        Dataset<Row> entities = mentions == null ? null : topicEntities(articleTopics, mentions, vectors.select(Tables.ARTICLE_ID), n);

        TopicModel model = new TopicModel(language, cv, local, k, options.threshold(), false, List.of(), null);
        return new Result(labelled(topics, Tables.TOPICS, language), labelled(summary, Tables.TOPIC_SUMMARY, language),
                labelled(articleTopics, Tables.ARTICLE_TOPICS, language), labelled(trends, Tables.TOPIC_TRENDS, language),
                entities == null ? null : labelled(entities, Tables.TOPIC_ENTITIES, language), model, topTerms,
                vectors.select(Tables.ARTICLE_ID, "features"), warnings, seconds, fitInfo);
    }

    /** MLlib LDA: online variational Bayes or EM. */
    private LocalLDAModel fitMllib(Dataset<Row> vectors, int k, long n, int iterations) {
        LDA lda = new LDA().setK(k).setSeed(options.seed()).setMaxIter(iterations)
                .setOptimizer(options.optimizer()).setFeaturesCol("features").setTopicDistributionCol("topic_distribution");
        if (options.optimizer().equals(TopicOptions.ONLINE)) {
            lda.setSubsamplingRate(Math.min(1.0, Math.max(options.subsampling(), (double) MIN_BATCH_DOCS / n)))
                    .setLearningOffset(options.learningOffset());
        }
        if (options.alpha() > 0) {
            lda.setDocConcentration(options.alpha());
        }
        if (options.eta() > 0) {
            lda.setTopicConcentration(options.eta());
        }
        // a projection of the cached vectors is not itself cached, so MLlib caches its own RDD of (id, vector):
        // without that, online LDA re-reads and re-converts the whole corpus for every mini-batch
        LDAModel fitted = lda.fit(vectors.select("features"));
        return fitted instanceof DistributedLDAModel d ? d.toLocal() : (LocalLDAModel) fitted;
    }

    /** article_topics of new articles with a saved model (articles of other languages get no rows). */
    public static Dataset<Row> infer(TopicModel model, Dataset<Row> sentences) {
        // persisted: merged reads the runs twice, and the caller writes the result once (a batch command)
        Dataset<Row> runs = runs(sentences, model.language()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> vectors = nonEmpty(model.vocabulary().setInputCol("terms").setOutputCol("features")
                .transform(merged(runs)));
        return shifted(labelled(articleTopics(distributions(model.lda(), vectors), model.threshold()), Tables.ARTICLE_TOPICS,
                model.language()), Tables.ARTICLE_TOPICS, model.topicIdOffset());
    }

    /** The language with the most articles (ties: alphabetical); null without articles. */
    static String dominantLanguage(Dataset<Row> articles) {
        List<Row> top = articles.where(col(Tables.LANGUAGE).isNotNull()).groupBy(Tables.LANGUAGE).agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col(Tables.LANGUAGE).asc()).limit(1).collectAsList();
        return top.isEmpty() ? null : top.get(0).getString(0);
    }

    /** The sentence columns {@link #runs} reads (a caller stripping boilerplate first keeps these). */
    public static final List<String> SENTENCE_COLUMNS = List.of(Tables.ARTICLE_ID, Tables.LANGUAGE, "terms", "n_sentences",
            Tables.PUBLISHED_DATE);

    /**
     * One row per run of consecutive sentences of an article of the language: (article_id, terms, complete,
     * published_date), folded where the sentences are read ({@link ArticleDocuments}). Sentences carrying the
     * {@link Boilerplate#FLAG} column ({@link Boilerplate#strip}) count as rows of their article without their terms;
     * without n_sentences every run is incomplete and {@link #merged} unites them all.
     */
    static Dataset<Row> runs(Dataset<Row> sentences, String language) {
        List<String> columns = Arrays.asList(sentences.columns());
        Column total = columns.contains("n_sentences") ? col("n_sentences") : lit(null).cast("int");
        Column boilerplate = columns.contains(Boilerplate.FLAG) ? col(Boilerplate.FLAG) : lit(false);
        return sentences.where(col(Tables.LANGUAGE).equalTo(language))
                .select(col(Tables.ARTICLE_ID), col("terms"), total, boilerplate, col(Tables.PUBLISHED_DATE))
                .mapPartitions(new ArticleDocuments(), Encoders.row(ArticleDocuments.SCHEMA));
    }

    /**
     * One row per article: (article_id, terms, published_date). Whole runs as they are; the runs of an article that
     * a split cut are united, which shuffles those rows only (usually none). Reads {@code runs} twice: persist it first.
     */
    static Dataset<Row> merged(Dataset<Row> runs) {
        Dataset<Row> whole = runs.where(col(ArticleDocuments.COMPLETE)).select(Tables.ARTICLE_ID, "terms", Tables.PUBLISHED_DATE);
        // an article's sentences all carry its date: max is that date
        Dataset<Row> cut = runs.where(not(col(ArticleDocuments.COMPLETE))).groupBy(Tables.ARTICLE_ID)
                .agg(flatten(collect_list(col("terms"))).as("terms"), max(col(Tables.PUBLISHED_DATE)).as(Tables.PUBLISHED_DATE));
        return whole.unionByName(cut);
    }

    /**
     * The sample the model is fitted on, in the partitioning and order the fit's determinism rests on: two
     * partitions by a hash of article_id, each in article_id order (a Gibbs shard per partition; MLlib's sums over
     * two partitions commute). Only the sample moves: the documents themselves stay where they were read.
     */
    static Dataset<Row> forFit(Dataset<Row> vectors) {
        return vectors.repartition(PARTITIONS, col(Tables.ARTICLE_ID)).sortWithinPartitions(Tables.ARTICLE_ID);
    }

    /**
     * Terms with df >= min df (lowered to max(1, N / 1000) for small corpora) and df <= max(1, floor(max df * N)),
     * the vocabSize most frequent ones (corpus frequency, then df, then alphabetical).
     */
    String[] vocabulary(Dataset<Row> docs, long n) {
        long minDf = Math.min(options.minDf(), Math.max(1, n / 1000));
        long maxDf = Math.max(1, (long) Math.floor(options.maxDf() * n));
        // df from each document's distinct terms, cf from all of them: two aggregations by term, whose map-side
        // partial counts shrink the shuffle, instead of one by (article, term), which has millions of keys
        Dataset<Row> df = docs.select(explode(array_distinct(col("terms"))).as(Tables.TERM)).groupBy(Tables.TERM)
                .agg(count(lit(1)).as("df")).where(col("df").geq(minDf).and(col("df").leq(maxDf)));
        Dataset<Row> cf = docs.select(explode(col("terms")).as(Tables.TERM)).groupBy(Tables.TERM).agg(count(lit(1)).as("cf"));
        List<Row> rows = df.join(cf, Tables.TERM)
                .orderBy(col("cf").desc(), col("df").desc(), col(Tables.TERM).asc())
                .limit(options.vocabSize()).select(Tables.TERM).collectAsList();
        return rows.stream().map(r -> r.getString(0)).toArray(String[]::new);
    }

    private static Dataset<Row> nonEmpty(Dataset<Row> vectors) {
        UDF1<Vector, Boolean> some = v -> v.numNonzeros() > 0;
        return vectors.where(udf(some, DataTypes.BooleanType).apply(col("features")));
    }

    /** (article_id, published_date, theta = P(topic | article)) by {@link Inference} (the fitting run and --infer alike). */
    private static Dataset<Row> distributions(LocalLDAModel lda, Dataset<Row> vectors) {
        Broadcast<Inference> model = JavaSparkContext.fromSparkContext(vectors.sparkSession().sparkContext())
                .broadcast(Inference.of(lda));
        UDF1<Vector, double[]> theta = v -> model.value().theta(v);
        return vectors.select(col(Tables.ARTICLE_ID), col(Tables.PUBLISHED_DATE),
                udf(theta, DataTypes.createArrayType(DataTypes.DoubleType, false)).apply(col("features")).as("theta"));
    }

    /** Rows with weight >= threshold, plus each article's top topic (lowest id on ties), marked dominant. */
    static Dataset<Row> articleTopics(Dataset<Row> theta, double threshold) {
        return theta.withColumn("top", expr("cast(array_position(theta, array_max(theta)) - 1 as int)"))
                .select(col(Tables.ARTICLE_ID), col("top"), posexplode(col("theta")).as(new String[] {Tables.TOPIC_ID, "weight"}))
                .withColumn("dominant", col(Tables.TOPIC_ID).equalTo(col("top")))
                .where(col("weight").geq(threshold).or(col("dominant")))
                .select(coreColumns(Tables.ARTICLE_TOPICS));
    }

    /**
     * D(w) and D(w, v) of the top terms over the documents (count vectors over vocab), counted in Spark. Top terms
     * are in the vocabulary, so a document contains one exactly when its vector has that term's index.
     */
    static Coherence.Counts cooccurrence(Dataset<Row> vectors, String[] vocab, List<List<String>> topTerms, long n) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocab.length; i++) {
            index.put(vocab[i], i);
        }
        int[] wanted = topTerms.stream().flatMap(List::stream).distinct().mapToInt(index::get).sorted().toArray();
        long size = vocab.length;
        // each document's top terms, w alone as the key w * V + w and each pair w < v as w * V + v: one pass and one
        // aggregation give D(w) and D(w, v), with no join of the documents with themselves
        UDF1<Vector, long[]> keys = v -> {
            int[] present = Arrays.stream(v.toSparse().indices()).filter(i -> Arrays.binarySearch(wanted, i) >= 0).toArray();
            long[] out = new long[present.length * (present.length + 1) / 2];
            int k = 0;
            for (int i = 0; i < present.length; i++) {
                for (int j = i; j < present.length; j++) {
                    out[k++] = present[i] * size + present[j];
                }
            }
            return out;
        };
        Map<String, Long> df = new HashMap<>();
        Map<String, Long> codf = new HashMap<>();
        for (Row r : vectors.select(explode(udf(keys, DataTypes.createArrayType(DataTypes.LongType, false)).apply(col("features"))).as("key"))
                .groupBy("key").agg(count(lit(1))).collectAsList()) {
            int w = (int) (r.getLong(0) / size);
            int v = (int) (r.getLong(0) % size);
            if (w == v) {
                df.put(vocab[w], r.getLong(1));
            } else {
                codf.put(Coherence.pair(vocab[w], vocab[v]), r.getLong(1));
            }
        }
        return Coherence.counts(df, codf, n);
    }

    /**
     * Topic x entity over the modelled articles: articles with the topic (article_topics rows) mentioning the
     * entity (non-ambiguous mentions), their topic weight, and lift = P(entity | topic) / P(entity).
     */
    static Dataset<Row> topicEntities(Dataset<Row> articleTopics, Dataset<Row> mentions, Dataset<Row> modelled, long n) {
        Dataset<Row> m = mentions.where(expr("coalesce(ambiguous, false) = false"))
                .select(Tables.ARTICLE_ID, Tables.ENTITY_ID).distinct()
                .join(modelled, Tables.ARTICLE_ID);
        Dataset<Row> perEntity = m.groupBy(Tables.ENTITY_ID).agg(count(lit(1)).as("n_entity"));
        Dataset<Row> perTopic = articleTopics.groupBy(Tables.TOPIC_ID).agg(count(lit(1)).as("n_topic"));
        return articleTopics.join(m, Tables.ARTICLE_ID)
                .groupBy(Tables.TOPIC_ID, Tables.ENTITY_ID).agg(count(lit(1)).as("articles"), sum("weight").as("weight_sum"))
                .join(perTopic, Tables.TOPIC_ID).join(perEntity, Tables.ENTITY_ID)
                .withColumn("lift", col("articles").divide(col("n_topic")).divide(col("n_entity").divide(lit((double) n))))
                .select(coreColumns(Tables.TOPIC_ENTITIES));
    }

    /** The table's schema without the language column, which {@link #labelled} adds once a model's tables are made. */
    private static StructType core(TableDef def) {
        return new StructType(Arrays.stream(def.schema().fields()).filter(f -> !f.name().equals(Tables.LANGUAGE))
                .toArray(StructField[]::new));
    }

    private static Column[] coreColumns(TableDef def) {
        return Arrays.stream(core(def).fieldNames()).map(functions::col).toArray(Column[]::new);
    }

    /** A model's table with its language, in the table's column order. */
    static Dataset<Row> labelled(Dataset<Row> d, TableDef def, String language) {
        return d.withColumn(Tables.LANGUAGE, lit(language)).select(def.sparkColumns());
    }

    /** Topic ids moved past the models before this one (one model per language, ids unique across them). */
    static Dataset<Row> shifted(Dataset<Row> d, TableDef def, int offset) {
        return offset == 0 ? d : d.withColumn(Tables.TOPIC_ID, col(Tables.TOPIC_ID).plus(lit(offset))).select(def.sparkColumns());
    }

    /** The tables of one model per language (see {@link #applyLanguages}); results are each language's own. */
    public record Languages(List<String> languages, List<Result> results, List<Integer> offsets, Dataset<Row> topics,
                            Dataset<Row> topicSummary, Dataset<Row> articleTopics, Dataset<Row> topicTrends,
                            Dataset<Row> topicEntities, List<String> warnings) {
    }

    /**
     * One model per language of {@link TopicOptions#languages()} (the dominant language when none is set; "all": every
     * language with at least {@link TopicOptions#MIN_ARTICLES_PER_LANGUAGE} articles, the largest first). Each model is
     * the single-language stage on that language's articles; the tables are their union, topic ids numbered on across
     * the models in order (the first language keeps 0..k-1, so the default run's ids do not change), and topic_trends'
     * share is within the model's own language.
     */
    public Languages applyLanguages(Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> mentions, Dataset<Row> copies) {
        List<String> warnings = new ArrayList<>();
        List<String> languages = languagesToModel(articles, options.languages(), warnings);
        List<Result> results = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        Dataset<Row> topics = null;
        Dataset<Row> summary = null;
        Dataset<Row> articleTopics = null;
        Dataset<Row> trends = null;
        Dataset<Row> entities = null;
        int offset = 0;
        for (String language : languages.isEmpty() ? Collections.<String>singletonList(null) : languages) {
            Result r = new TopicsStage(options.withLanguage(language), period).apply(articles, sentences, mentions, copies);
            results.add(r);
            offsets.add(offset);
            for (String w : r.warnings()) {
                warnings.add(languages.size() > 1 ? language + ": " + w : w);
            }
            topics = union(topics, shifted(r.topics(), Tables.TOPICS, offset));
            summary = union(summary, shifted(r.topicSummary(), Tables.TOPIC_SUMMARY, offset));
            articleTopics = union(articleTopics, shifted(r.articleTopics(), Tables.ARTICLE_TOPICS, offset));
            trends = union(trends, shifted(r.topicTrends(), Tables.TOPIC_TRENDS, offset));
            entities = r.topicEntities() == null ? null : union(entities, shifted(r.topicEntities(), Tables.TOPIC_ENTITIES, offset));
            offset += r.model() == null ? 0 : r.model().k();
        }
        return new Languages(languages, results, offsets, topics, summary, articleTopics, trends, entities, warnings);
    }

    private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
        return a == null ? b : a.unionByName(b);
    }

    /** The languages to fit: as asked; "all" = those with enough articles, largest first; none asked = the dominant one. */
    static List<String> languagesToModel(Dataset<Row> articles, List<String> asked, List<String> warnings) {
        if (asked != null && !asked.equals(List.of(TopicOptions.ALL_LANGUAGES))) {
            return asked;
        }
        if (asked == null) {
            String dominant = dominantLanguage(articles);
            return dominant == null ? List.of() : List.of(dominant);
        }
        List<String> out = new ArrayList<>();
        for (Row r : articles.where(col(Tables.LANGUAGE).isNotNull()).groupBy(Tables.LANGUAGE).count()
                .where(col("count").geq(TopicOptions.MIN_ARTICLES_PER_LANGUAGE))
                .orderBy(col("count").desc(), col(Tables.LANGUAGE)).collectAsList()) {
            out.add(r.getString(0));
        }
        if (out.isEmpty()) {
            String dominant = dominantLanguage(articles);
            warnings.add("--topic-languages all: no language has " + TopicOptions.MIN_ARTICLES_PER_LANGUAGE
                    + " articles; modelling the dominant one" + (dominant == null ? "" : " (" + dominant + ")"));
            return dominant == null ? List.of() : List.of(dominant);
        }
        return out;
    }

    private Result empty(SparkSession spark, boolean withEntities, List<String> warnings, Map<String, Double> seconds) {
        return new Result(emptyTable(spark, Tables.TOPICS), emptyTable(spark, Tables.TOPIC_SUMMARY),
                emptyTable(spark, Tables.ARTICLE_TOPICS), emptyTable(spark, Tables.TOPIC_TRENDS),
                withEntities ? emptyTable(spark, Tables.TOPIC_ENTITIES) : null, null, List.of(), null, warnings, seconds, "");
    }

    private static Dataset<Row> emptyTable(SparkSession spark, TableDef def) {
        return spark.createDataFrame(List.of(), def.schema());
    }

    private static long lap(Map<String, Double> seconds, String step, long t0) {
        long now = System.nanoTime();
        seconds.put(step, (now - t0) / 1e9);
        return now;
    }

    static String format(Map<String, Double> seconds) {
        StringBuilder sb = new StringBuilder();
        seconds.forEach((s, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(s).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", v)).append(" s"));
        return sb.toString();
    }
}
