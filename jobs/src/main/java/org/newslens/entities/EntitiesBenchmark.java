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
 * Benchmark (not a test): on the articles and sentences of an existing run (default /tmp/nl-bench-out,
 * e.g. of ../shared/corpora/rss-2022), times the tokenize stage, mention extraction (entities stage) and
 * the co-occurrence stage in the same Spark session, and prints MB/s over the analysed documents
 * (UTF-8 bytes of title + text). Stage outputs go to Spark's "noop" sink, except mentions, which are
 * written as parquet under a scratch directory so the co-occurrence stage reads real input.
 * <pre>java $FLAGS -cp CLASSPATH org.newslens.entities.EntitiesBenchmark [RUN_DIR] [SCRATCH_DIR] [MASTER]</pre>
 */
public final class EntitiesBenchmark {
    private EntitiesBenchmark() {
    }

    public static void main(String[] args) {
        String runDir = args.length > 0 ? args[0] : "/tmp/nl-bench-out";
        String scratch = args.length > 1 ? args[1] : "/tmp/nl-entities-bench";
        String master = args.length > 2 ? args[2] : "local[2]";
        SparkSession spark = SparkSession.builder().master(master).appName("newslens-entities-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8") // as bin/newslens (SparkOptions)
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        TableStore store = new TableStore(spark, runDir);
        Dataset<Row> articles = store.read(Tables.ARTICLES);
        Dataset<Row> sentences = store.read(Tables.SENTENCES);
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

        // warm-up on a small sample so JIT and session start-up do not count against either stage
        Dataset<Row> sample = articles.limit(200);
        noop(new TokenizeStage(List.of(), false).apply(sample));
        noop(new EntitiesStage(gazetteer).mentions(sample, new TokenizeStage(List.of(), false).apply(sample)));

        t0 = System.nanoTime();
        noop(new TokenizeStage(List.of(), false).apply(articles));
        double tokenizeS = seconds(t0);

        t0 = System.nanoTime();
        Dataset<Row> mentions = new EntitiesStage(gazetteer).mentions(articles, sentences);
        mentions.write().mode(SaveMode.Overwrite).parquet(scratch + "/mentions");
        double mentionsS = seconds(t0);

        Dataset<Row> written = spark.read().parquet(scratch + "/mentions");
        t0 = System.nanoTime();
        CooccurStage.Result r = new CooccurStage(Period.MONTH, 1, false).apply(written, articles, sentences, null);
        noop(r.cooccurrence());
        noop(r.cooccurrenceTrends());
        noop(r.entityTrends());
        r.release();
        double cooccurS = seconds(t0);

        long nMentions = written.count();
        long nAmbiguous = written.where(col("ambiguous")).count();
        System.out.printf(Locale.ROOT, "mentions: %d (%d ambiguous)%n", nMentions, nAmbiguous);
        System.out.printf(Locale.ROOT, "| stage | seconds | MB/s |%n|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| tokenize (articles -> sentences) | %.1f | %.2f |%n", tokenizeS, mb / tokenizeS);
        System.out.printf(Locale.ROOT, "| entities (mention extraction, mentions written) | %.1f | %.2f |%n", mentionsS, mb / mentionsS);
        System.out.printf(Locale.ROOT, "| cooccur (3 tables) | %.1f | |%n", cooccurS);
        System.out.printf(Locale.ROOT, "| entities + cooccur | %.1f | |%n", mentionsS + cooccurS);
        System.out.printf(Locale.ROOT, "extraction speed / tokenize speed = %.2f (>= 1 required); "
                        + "entities + cooccur time / tokenize time = %.2f (< 1 required)%n",
                tokenizeS / mentionsS, (mentionsS + cooccurS) / tokenizeS);
        System.out.printf(Locale.ROOT, "targets: extraction >= tokenize MB/s: %s; entities + cooccur (%.1f s) < tokenize (%.1f s): %s; "
                        + "load average at the end %s%n", mentionsS <= tokenizeS ? "met" : "NOT met", mentionsS + cooccurS, tokenizeS,
                mentionsS + cooccurS < tokenizeS ? "met" : "NOT met", loadAverage());
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
