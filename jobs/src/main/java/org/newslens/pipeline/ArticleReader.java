package org.newslens.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.newslens.ingest.FieldMapping;
import org.newslens.ingest.FileParser;
import org.newslens.ingest.InputFormat;
import org.newslens.ingest.RawRecords;

/** Reads input files into raw records (the ingest stage's input): the file-reading shell around ingest. */
public final class ArticleReader {
    private final SparkSession spark;
    private final FieldMapping fields;
    private final long maxFileBytes;

    public ArticleReader(SparkSession spark, FieldMapping fields, long maxFileBytes) {
        this.spark = spark;
        this.fields = fields;
        this.maxFileBytes = maxFileBytes;
    }

    public Dataset<Row> read(InputFiles files) {
        List<String> textFiles = new ArrayList<>();
        List<String> parquetFiles = new ArrayList<>();
        long textBytes = 0;
        for (InputFiles.Entry e : files.readable()) {
            boolean parquet = InputFormat.of(e.path()).orElseThrow() == InputFormat.PARQUET;
            (parquet ? parquetFiles : textFiles).add(e.path());
            textBytes += parquet ? 0 : e.bytes();
        }
        Dataset<Row> raw = spark.createDataFrame(new ArrayList<Row>(), RawRecords.SCHEMA);
        if (!textFiles.isEmpty()) {
            raw = raw.unionByName(readTextFiles(textFiles, textBytes));
        }
        if (!parquetFiles.isEmpty()) {
            raw = raw.unionByName(readParquet(parquetFiles));
        }
        List<Row> unsupported = new ArrayList<>();
        for (InputFiles.Entry e : files.unsupported()) {
            unsupported.add(RawRecords.error(e.path(), null, null, "unsupported file type '"
                    + InputFormat.extension(e.path()) + "' (supported: " + InputFormat.SUPPORTED + ")"));
        }
        if (!unsupported.isEmpty()) {
            raw = raw.unionByName(spark.createDataFrame(unsupported, RawRecords.SCHEMA));
        }
        return raw;
    }

    /**
     * Bytes of (possibly compressed) input per partition. Ingest caches its cleaned records per partition, so
     * partitions must stay small enough for a 2 GB driver whatever the corpus size: rss-2022 replicated 4x
     * (210 MB of gzip JSON) ran out of memory with a fixed 8 partitions.
     */
    static final long BYTES_PER_PARTITION = 4L << 20;

    private Dataset<Row> readTextFiles(List<String> paths, long bytes) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long bySize = (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
        int slices = (int) Math.max(1, Math.min(paths.size(), Math.max(jsc.defaultParallelism() * 4L, bySize)));
        FileParser parser = new FileParser(fields, maxFileBytes, hadoopConf());
        JavaRDD<Row> rows = jsc.parallelize(paths, slices).flatMap(parser::parse);
        return spark.createDataFrame(rows, RawRecords.SCHEMA);
    }

    /**
     * Parquet inputs, read in groups of files with the same schema: Spark reads all the files it is given with one
     * schema, so the rows of a file with other column names came through empty. Footers are read here on the driver
     * (a small read per file), and a file without one (not Parquet, or truncated) is a reject instead of failing the
     * job when Spark meets it.
     */
    private Dataset<Row> readParquet(List<String> paths) {
        Map<String, List<String>> bySchema = new LinkedHashMap<>();
        List<Row> rejects = new ArrayList<>();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (String path : paths) {
            try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf))) {
                bySchema.computeIfAbsent(footer.getFileMetaData().getSchema().toString(), k -> new ArrayList<>()).add(path);
            } catch (IOException | RuntimeException e) {
                rejects.add(RawRecords.error(path, null, null, "not a Parquet file (no readable footer): "
                        + FileParser.oneLine(e.getMessage())));
            }
        }
        Dataset<Row> raw = spark.createDataFrame(rejects, RawRecords.SCHEMA);
        for (List<String> group : bySchema.values()) {
            raw = raw.unionByName(readParquetGroup(group));
        }
        return raw;
    }

    /** Parquet files of one schema: columns mapped like JSON fields; record_index is the row's position in its file. */
    private Dataset<Row> readParquetGroup(List<String> paths) {
        Dataset<Row> df = spark.read().parquet(paths.toArray(String[]::new))
                .withColumn("_file", input_file_name()).withColumn("_seq", monotonically_increasing_id());
        List<String> names = List.of(df.columns());
        Column index = row_number().over(Window.partitionBy("_file").orderBy("_seq")).minus(1).cast("long");
        List<Column> cols = new ArrayList<>();
        cols.add(col("_file").as("input_file"));
        cols.add(index.as("record_index"));
        List<List<String>> candidates = List.of(fields.id(), fields.title(), fields.text(), fields.date(), fields.url(),
                fields.source(), fields.language());
        String[] targets = {"id", "title", "text", "date", "url", "source", "language"};
        for (int i = 0; i < targets.length; i++) {
            String key = FieldMapping.find(candidates.get(i), names);
            cols.add((key == null ? lit(null) : col("`" + key + "`")).cast("string").as(targets[i]));
        }
        List<Column> original = new ArrayList<>();
        for (String n : names) {
            if (!n.startsWith("_")) {
                original.add(col("`" + n + "`"));
            }
        }
        cols.add(org.apache.spark.sql.functions.substring(to_json(struct(original.toArray(Column[]::new))), 1,
                RawRecords.MAX_RAW_CHARS).as("raw"));
        cols.add(lit(null).cast("string").as("error"));
        return df.select(cols.toArray(Column[]::new));
    }

    private Map<String, String> hadoopConf() {
        Map<String, String> map = new HashMap<>();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        conf.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
