package org.newslens.entities;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;
import org.newslens.text.TokenizeStage;

/**
 * Benchmark (not a test): on the articles of an existing run (default /tmp/newslens-bench-out, e.g. of
 * ../shared/corpora/rss-2022), times the tokenize, entities and cooccur stages as the pipeline runs them, each
 * reading its input tables from Parquet and writing its output tables to Parquet (under a scratch directory),
 * in one Spark session, and prints MB/s over the analysed documents (UTF-8 bytes of title + text). It runs the
 * three stages PASSES times (default 2): the first pass shows them as a fresh pipeline meets them (the JIT
 * compiles each stage's code during its first run, which on 2 cores costs about as much CPU as the work itself),
 * the later ones warm. For reference it also times tokenize with its output discarded (Spark's "noop" sink).
 * <pre>java $FLAGS -cp CLASSPATH org.newslens.entities.EntitiesBenchmark [RUN_DIR] [SCRATCH_DIR] [MASTER] [PASSES]</pre>
 */
public final class EntitiesBenchmark {
    private EntitiesBenchmark() {
    }

    public static void main(String[] args) {
        String runDir = args.length > 0 ? args[0] : "/tmp/newslens-bench-out";
        String scratch = args.length > 1 ? args[1] : "/tmp/nl-entities-bench";
        String master = args.length > 2 ? args[2] : "local[2]";
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        SparkSession spark = SparkSession.builder().master(master).appName("newslens-entities-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8") // as bin/newslens (SparkOptions)
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> articles = new TableStore(spark, runDir).read(Tables.ARTICLES);
        TableStore store = new TableStore(spark, scratch);
        String runId = "entities-bench";
        Row size = articles.agg(org.apache.spark.sql.functions.count(lit(1)),
                sum(coalesce(octet_length(col("title")), lit(0)).plus(coalesce(octet_length(col("text")), lit(0))))).first();
        long nArticles = size.getLong(0);
        double mb = size.getLong(1) / 1e6;
        System.out.printf(Locale.ROOT, "bench: %s: %d articles, %.1f MB of title+text, master %s, %d cores, load average %s%n",
                runDir, nArticles, mb, master, Runtime.getRuntime().availableProcessors(), loadAverage());

        long t0 = System.nanoTime();
        Gazetteer gazetteer = Gazetteer.load(List.of());
        double loadS = seconds(t0);
        System.out.printf(Locale.ROOT, "gazetteer load: %.2f s (%s)%n", loadS, gazetteer);
        TokenizeStage tokenize = new TokenizeStage(List.of(), false);
        EntitiesStage entities = new EntitiesStage(gazetteer);

        // a small sample first, so session start-up does not count against any stage
        Dataset<Row> sample = articles.limit(200);
        noop(tokenize.apply(sample));
        noop(entities.mentions(tokenize.apply(sample)).rows());

        // every pass times the three stages in pipeline order; pass 1 finds them about equally cold (only the
        // sample above ran), later passes equally warm, so neither side of the comparison gets the other's warm-up
        for (int pass = 1; pass <= passes; pass++) {
            t0 = System.nanoTime();
            long nSentences = store.write(Tables.SENTENCES, tokenize.apply(articles), runId);
            double tokenizeS = seconds(t0);

            t0 = System.nanoTime();
            EntitiesStage.Result e = entities.apply(store.read(Tables.SENTENCES));
            store.write(Tables.ENTITIES, e.entities(), runId);
            store.write(Tables.LEADER_TERMS, e.leaderTerms(), runId);
            long nMentions = EntitiesStep.writeMentions(store, e.mentions(), runId);
            double entitiesS = seconds(t0);

            t0 = System.nanoTime();
            CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, false)
                    .apply(store.read(Tables.MENTIONS), nArticles, store.rowCount(Tables.SENTENCES), null);
            store.write(Tables.COOCCURRENCE, r.cooccurrence(), runId);
            store.write(Tables.COOCCURRENCE_TRENDS, r.cooccurrenceTrends(), runId);
            store.write(Tables.ENTITY_TRENDS, r.entityTrends(), runId);
            r.release();
            double cooccurS = seconds(t0);

            long nAmbiguous = store.read(Tables.MENTIONS).where(col("ambiguous")).count();
            System.out.printf(Locale.ROOT, "%npass %d of %d (%s): sentences: %d; mentions: %d (%d ambiguous)%n", pass, passes,
                    pass == 1 ? "first full run of every stage" : "every stage warm", nSentences, nMentions, nAmbiguous);
            System.out.printf(Locale.ROOT, "| stage (reads and writes Parquet, as in the pipeline) | seconds | MB/s |%n|---|---|---|%n");
            System.out.printf(Locale.ROOT, "| tokenize (articles -> sentences) | %.1f | %.2f |%n", tokenizeS, mb / tokenizeS);
            System.out.printf(Locale.ROOT, "| entities (sentences -> entities, leader_terms, mentions) | %.1f | %.2f |%n", entitiesS, mb / entitiesS);
            System.out.printf(Locale.ROOT, "| cooccur (mentions -> 3 tables) | %.1f | |%n", cooccurS);
            System.out.printf(Locale.ROOT, "| entities + cooccur | %.1f | |%n", entitiesS + cooccurS);
            System.out.printf(Locale.ROOT, "extraction speed / tokenize speed = %.2f (>= 1 required); "
                    + "entities + cooccur time / tokenize time = %.2f (< 1 required)%n", tokenizeS / entitiesS, (entitiesS + cooccurS) / tokenizeS);
            System.out.printf(Locale.ROOT, "targets, pass %d: extraction >= tokenize MB/s: %s; entities + cooccur (%.1f s) < tokenize (%.1f s): %s; "
                            + "load average %s%n", pass, entitiesS <= tokenizeS ? "met" : "NOT met", entitiesS + cooccurS, tokenizeS,
                    entitiesS + cooccurS < tokenizeS ? "met" : "NOT met", loadAverage());
        }
        t0 = System.nanoTime();
        noop(tokenize.apply(articles));
        double tokenizeNoopS = seconds(t0);
        System.out.printf(Locale.ROOT, "%nreference: tokenize with its output discarded (noop sink), warm: %.1f s, %.2f MB/s%n",
                tokenizeNoopS, mb / tokenizeNoopS);
        spark.stop();
    }

    /** 1, 5 and 15 minute load averages (Linux), or "?". */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void noop(Dataset<Row> rows) {
        rows.write().format("noop").mode(SaveMode.Overwrite).save();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
