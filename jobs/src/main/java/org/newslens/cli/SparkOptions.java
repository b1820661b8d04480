package org.newslens.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.UserError;
import picocli.CommandLine.Option;

/** Options every command shares: where Spark runs and how loud it is. */
public final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit gives, else local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration, repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    /** Spark's loggers that report every failed task with its stack trace (off unless --verbose: log4j2.properties) */
    static final List<String> TASK_LOGGERS = List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager");

    @Option(names = "--verbose", description = "Stack traces on errors and Spark INFO logs.")
    boolean verbose;

    /** The master URL forms Spark 4 accepts; anything else would fail deep inside Spark with a stack trace. */
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|[1-9]\\d*)(,\\d+)?\\])?|local-cluster\\[\\d+,\\d+,\\d+\\]|(spark|k8s)://\\S+|yarn");

    /** The configuration {@link #session} starts Spark with: --master and --conf over NewsLens's defaults. */
    SparkConf sparkConf() {
        SparkConf sparkConf = new SparkConf();
        if (master != null && !MASTER.matcher(master).matches()) {
            throw new UserError("bad --master '" + master
                    + "' (expected local[*], local[N], spark://HOST:PORT, k8s://URL or yarn)");
        }
        if (master != null) {
            sparkConf.setMaster(master);
        } else if (!sparkConf.contains("spark.master")) {
            sparkConf.setMaster("local[*]");
        }
        sparkConf.setIfMissing("spark.app.name", "NewsLens");
        if (sparkConf.get("spark.master").startsWith("local")) {
            sparkConf.setIfMissing("spark.ui.enabled", "false");
            sparkConf.setIfMissing("spark.sql.shuffle.partitions", "8");
            // Spark keeps half of its memory for cached tables by default, out of reach of sorts and aggregations;
            // with a 2 GB driver at rss-2022 x4 the stories stage's sort then failed to get memory (UNABLE_TO_ACQUIRE_MEMORY)
            // beside its own cache. Cached blocks beyond this share go to disk when a task needs the memory.
            sparkConf.setIfMissing("spark.memory.storageFraction", "0.2");
        }
        // Spark's aggregations first try a small "fast" hash map of 65,536 keys, then the regular one. NewsLens's large
        // aggregations (terms and n-grams per language and period, shingles, candidate hashes) have millions of keys:
        // the small map fills at once and every later row probes both. Without it, at 4x rss-2022, terms' n-gram
        // count took 11 core-seconds instead of 18-23, and tokenize, terms, topics and ingest each 5-8 % less time
        // (README, "Performance", after the fifth sitting); the tables are the same.
        sparkConf.setIfMissing("spark.sql.codegen.aggregate.map.twolevel.enabled", "false");
        sparkConf.setIfMissing("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
        conf.forEach(sparkConf::set);
        return sparkConf;
    }

    SparkSession session() {
        SparkConf sparkConf = sparkConf();
        SparkSession spark = SparkSession.builder().config(sparkConf).getOrCreate();
        if (!sparkConf.contains("spark.sql.files.minPartitionNum")) {
            // Stages read the previous stage's tables: by default Spark cuts them into about one split per core, and a
            // third split on 2 cores (or one slow split) left a core idle for a third of tokenize. Four per core keep
            // both busy to the end (Parquet row groups are written small enough for that: TableStore).
            spark.conf().set("spark.sql.files.minPartitionNum", String.valueOf(4 * spark.sparkContext().defaultParallelism()));
        }
        spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
        // set both ways: a JVM may run several commands (the notebooks' kernel), and spark-submit brings its own log config
        TASK_LOGGERS.forEach(name -> Configurator.setLevel(name, verbose ? Level.INFO : Level.OFF));
        return spark;
    }
}
