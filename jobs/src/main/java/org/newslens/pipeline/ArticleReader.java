package org.newslens.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

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

    /** Bytes per split of a large JSON Lines file; 0: chosen from the input size (see {@link #splitBytes}). */
    private final long splitBytes;

    public ArticleReader(SparkSession spark, FieldMapping fields, long maxFileBytes) {
        this(spark, fields, maxFileBytes, 0);
    }

    /** With a fixed split size (tests: a few hundred bytes to cut small files into many splits). */
    ArticleReader(SparkSession spark, FieldMapping fields, long maxFileBytes, long splitBytes) {
        this.spark = spark;
        this.fields = fields;
        this.maxFileBytes = maxFileBytes;
        this.splitBytes = splitBytes;
    }

    public Dataset<Row> read(InputFiles files) {
        List<InputFiles.Entry> textFiles = new ArrayList<>();
        List<String> parquetFiles = new ArrayList<>();
        for (InputFiles.Entry e : files.readable()) {
            if (InputFormat.of(e.path()).orElseThrow() == InputFormat.PARQUET) {
                parquetFiles.add(e.path());
            } else {
                textFiles.add(e);
            }
        }
        Dataset<Row> raw = spark.createDataFrame(new ArrayList<Row>(), RawRecords.SCHEMA);
        if (!textFiles.isEmpty()) {
            raw = raw.unionByName(readTextFiles(textFiles));
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

    /**
     * The largest split of a large uncompressed JSON Lines file. A split is one task, and ingest caches a partition's
     * cleaned records, so splits stay well below what a 1 GB executor core holds; 32 MB of JSON takes a few seconds
     * to parse, so the count pre-pass and task start-up are small beside it.
     */
    static final long MAX_SPLIT_BYTES = 32L << 20;
    /** The smallest split: below this, task overhead and the second (counting) read of the file are not worth it. */
    static final long MIN_SPLIT_BYTES = 4L << 20;

    /**
     * The split size for an input of this many bytes: enough splits for about 4 tasks per core (so the cores stay
     * busy while tasks of uneven speed finish), between {@link #MIN_SPLIT_BYTES} and {@link #MAX_SPLIT_BYTES}. An
     * 878 MB file on 2 cores gives 28 splits of 32 MB; 100 MB on 2 cores gives 8 of 12.5 MB.
     */
    static long splitBytes(long inputBytes, int cores) {
        long bytes = inputBytes / (4L * Math.max(1, cores));
        return Math.max(MIN_SPLIT_BYTES, Math.min(MAX_SPLIT_BYTES, bytes));
    }

    /**
     * Text files: small files (and compressed ones, which cannot be split) are parsed whole, several per partition;
     * an uncompressed JSON Lines file larger than the split size is cut into byte ranges, one task each. A first
     * Spark job counts the records of each split (bytes scanned, no JSON parsed) so that each split numbers its
     * records from the right record_index; a file whose count fails is read whole (which rejects it with the reason).
     */
    private Dataset<Row> readTextFiles(List<InputFiles.Entry> entries) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        FileParser parser = new FileParser(fields, maxFileBytes, hadoopConf());
        long textBytes = entries.stream().mapToLong(InputFiles.Entry::bytes).sum();
        long split = splitBytes > 0 ? splitBytes : splitBytes(textBytes, jsc.defaultParallelism());
        Map<String, List<FileParser.Split>> byFile = new LinkedHashMap<>();
        for (InputFiles.Entry e : entries) {
            try {
                // A .json file of JSON Lines read by lines rejects a malformed line and goes on; read whole, it stops
                // there. So that a file gives the same rows on any machine, whether a .json file is split depends on
                // its size alone, not on the split size (which follows the cores and the input's size).
                boolean smallJson = InputFormat.of(e.path()).orElse(null) == InputFormat.JSON && e.bytes() <= MAX_SPLIT_BYTES;
                List<FileParser.Split> splits = smallJson ? List.of() : parser.plan(e.path(), e.bytes(), split);
                if (!splits.isEmpty()) {
                    byFile.put(e.path(), splits);
                }
            } catch (IOException | RuntimeException ex) {
                // read whole: the reader says why the file cannot be read
            }
        }
        List<FileParser.Split> splits = numbered(jsc, parser, byFile);
        List<InputFiles.Entry> whole = new ArrayList<>();
        long wholeBytes = 0;
        for (InputFiles.Entry e : entries) {
            if (!byFile.containsKey(e.path())) {
                whole.add(e);
                wholeBytes += e.bytes();
            }
        }
        JavaRDD<Row> rows = null;
        if (!whole.isEmpty()) {
            long bySize = (wholeBytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
            int slices = (int) Math.max(1, Math.min(whole.size(), Math.max(jsc.defaultParallelism() * 4L, bySize)));
            List<List<String>> bins = FileBins.pack(whole, slices);
            rows = jsc.parallelize(bins, bins.size()).flatMap(bin -> FileBins.concat(bin, parser::parse));
        }
        if (!splits.isEmpty()) {
            JavaRDD<Row> splitRows = jsc.parallelize(splits, splits.size()).flatMap(parser::parse);
            rows = rows == null ? splitRows : rows.union(splitRows);
        }
        return spark.createDataFrame(rows, RawRecords.SCHEMA);
    }

    /**
     * The splits with their first record_index: the records of each split are counted in a Spark job (one task per
     * split), and each split starts where the splits before it in its file end. A file with a split that could not be
     * counted is dropped from byFile (and read whole).
     */
    private static List<FileParser.Split> numbered(JavaSparkContext jsc, FileParser parser,
                                                   Map<String, List<FileParser.Split>> byFile) {
        List<FileParser.Split> all = byFile.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return all;
        }
        jsc.setJobDescription("ingest: count the records of " + all.size() + " splits of " + byFile.size()
                + " large JSON Lines files");
        List<Long> counts;
        try {
            counts = jsc.parallelize(all, all.size()).map(parser::count).collect();
        } finally {
            jsc.setJobDescription(null);
        }
        List<FileParser.Split> numbered = new ArrayList<>();
        int i = 0;
        for (var it = byFile.entrySet().iterator(); it.hasNext(); ) {
            List<FileParser.Split> file = it.next().getValue();
            List<FileParser.Split> out = new ArrayList<>();
            long index = 0;
            boolean ok = true;
            for (FileParser.Split s : file) {
                long n = counts.get(i++);
                ok &= n >= 0;
                out.add(s.withFirstIndex(index));
                index += Math.max(0, n);
            }
            if (ok) {
                numbered.addAll(out);
            } else {
                it.remove();
            }
        }
        return numbered;
    }

    /**
     * A note for the ingest summary when one gzip file holds most (more than half) of the input bytes and is large
     * enough to matter ({@link #MIN_SPLIT_BYTES}): gzip cannot be split, so one task reads it; else "".
     */
    public static String unsplittableNote(InputFiles files) {
        long total = files.totalBytes();
        for (InputFiles.Entry e : files.readable()) {
            if (InputFormat.isGzip(e.path()) && e.bytes() > MIN_SPLIT_BYTES && e.bytes() * 2 > total) {
                String name = e.path().substring(e.path().lastIndexOf('/') + 1);
                return "; note: " + name + " holds " + Math.round(100.0 * e.bytes() / total) + " % of the input and"
                        + " gzip cannot be split: one task reads it (decompress it or split it into several files to use"
                        + " more cores)";
            }
        }
        return "";
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
        cols.add(substring(to_json(struct(original.toArray(Column[]::new))), 1,
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
