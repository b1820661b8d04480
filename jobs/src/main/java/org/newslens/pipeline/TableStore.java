package org.newslens.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;

/**
 * Reads and writes the output tables under one output directory (a local path or any Hadoop URI).
 *
 * <p>Completeness does not rely on rename, which is not atomic on object stores: the marker
 * {@value #MARKER} is deleted before a table is (re)written and written last, after Spark's commit.
 * A reader refuses a table without it, so a half-written table never looks complete.
 */
public final class TableStore {
    public static final String MARKER = "_NEWSLENS_COMPLETE";
    /**
     * Parquet row groups of 16 MB rather than 128 MB: a reader's split holds whole row groups, so with big ones the
     * sentences table of 225k articles (3 files) was read by 3 tasks whatever the cores; small ones let the next stage
     * spread its reading over every core.
     */
    static final long ROW_GROUP_BYTES = 16L << 20;

    /**
     * Columns written without Parquet's dictionary encoding (paths as Parquet names them; a table without one is not
     * affected): prose, and the words of every sentence. The dictionary writer looks every value up in a hash map of the
     * row group's values; for `text` that is wasted (sentences do not repeat, so it fills and falls back to plain),
     * and for the 100 M tokens and terms of rss-2022 x4 it was 10 % of tokenize's CPU samples. zstd compresses the
     * repeated words nearly as well: `sentences` grew by about a tenth (README, "Performance").
     */
    static final List<String> PLAIN_COLUMNS = List.of("text", "tokens.list.element", "terms.list.element");

    private final SparkSession spark;
    private final String outputDir;

    public TableStore(SparkSession spark, String outputDir) {
        this.spark = spark;
        this.outputDir = outputDir;
    }

    public String outputDir() {
        return outputDir;
    }

    public Path tablePath(String table) {
        return new Path(outputDir, table);
    }

    private FileSystem fs() throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        return new Path(outputDir).getFileSystem(conf);
    }

    /** Writes a table (replacing any previous version) and returns its row count. */
    public long write(TableDef table, Dataset<Row> rows, String runId) {
        return write(table, rows, runId, SaveMode.Overwrite);
    }

    public long append(TableDef table, Dataset<Row> rows, String runId) {
        return write(table, rows, runId, SaveMode.Append);
    }

    private long write(TableDef table, Dataset<Row> rows, String runId, SaveMode mode) {
        Path dir = tablePath(table.name());
        try {
            FileSystem fs = fs();
            fs.delete(new Path(dir, MARKER), false);
            try {
                var writer = rows.write().mode(mode).option("compression", "zstd").option("parquet.block.size", ROW_GROUP_BYTES);
                for (String column : PLAIN_COLUMNS) {
                    writer = writer.option("parquet.enable.dictionary#" + column, "false");
                }
                writer.parquet(dir.toString());
            } catch (Exception e) { // SparkException is thrown undeclared
                WriteFailure.rethrowIfEnvironment(table.name(), dir.toString(), e);
                throw e;
            }
            long count = rowCount(fs, dir);
            String json = "{\"table\":\"" + table.name() + "\",\"rows\":" + count + ",\"run_id\":\"" + runId
                    + "\",\"written\":\"" + Instant.now() + "\"}\n";
            try (OutputStream out = fs.create(new Path(dir, MARKER), true)) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
            return count;
        } catch (IOException e) {
            WriteFailure.rethrowIfEnvironment(table.name(), dir.toString(), e);
            throw new java.io.UncheckedIOException("cannot write table " + table.name() + " under " + outputDir, e);
        }
    }

    /**
     * Rows of a written table, from the row counts in its Parquet footers, read here on the driver. Spark's count()
     * reads the same footers but in a query of two or three Spark jobs, which cost more than the footers (an
     * observed metric on the write would avoid both, but Spark 4.0's observation listener then logs a stack trace
     * for every later query that fails analysis, e.g. a mistyped query in `sql`).
     */
    private static long rowCount(FileSystem fs, Path dir) throws IOException {
        long rows = 0;
        for (FileStatus f : fs.listStatus(dir)) {
            String name = f.getPath().getName();
            if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, fs.getConf()))) {
                    rows += reader.getRecordCount();
                }
            }
        }
        return rows;
    }

    /** Rows of a complete table, from its Parquet footers (no Spark job). */
    public long rowCount(TableDef table) {
        requireComplete(table.name());
        try {
            return rowCount(fs(), tablePath(table.name()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read table " + table.name() + " under " + outputDir, e);
        }
    }

    public boolean isComplete(String table) {
        try {
            return fs().exists(new Path(tablePath(table), MARKER));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a complete table; a missing or incomplete table, or one without every contract column (written by an
     * older NewsLens), is a user-facing error.
     */
    public Dataset<Row> read(TableDef table) {
        Dataset<Row> rows = read(table.name());
        Set<String> present = new HashSet<>(List.of(rows.columns()));
        List<String> missing = Arrays.stream(table.columnNames()).filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("table '" + table.name() + "' in " + outputDir + " lacks column(s) " + String.join(", ", missing)
                    + " (written by an older NewsLens); run the " + table.stage() + " stage again");
        }
        return rows;
    }

    /**
     * Reads a complete table. Its footers are checked first ({@link TableVerifier}: a few ms per file, no data), so
     * a damaged table (a part file that is not Parquet, a stray file, another schema, fewer rows than the marker
     * counted) is refused with one line naming the file, instead of failing deep inside a Spark job or giving
     * partial rows.
     */
    public Dataset<Row> read(String table) {
        requireComplete(table);
        requireIntact(table);
        return spark.read().parquet(tablePath(table).toString());
    }

    private void requireIntact(String table) {
        TableDef def = Tables.byName(table).orElse(null);
        if (def == null) {
            return;
        }
        TableVerifier.Verdict v;
        try {
            v = new TableVerifier(fs(), new Path(outputDir)).verify(def);
        } catch (IOException e) {
            throw new UserError("table " + table + " in " + outputDir + " cannot be checked: " + e.getMessage(), e);
        }
        if (v.state() == TableVerifier.State.damaged) {
            throw new UserError("table " + table + ": " + String.join("; ", v.problems()) + "; rerun the " + def.stage() + " stage");
        }
    }

    private void requireComplete(String table) {
        if (!isComplete(table)) {
            boolean exists;
            try {
                exists = fs().exists(tablePath(table));
            } catch (IOException e) {
                exists = false;
            }
            throw new UserError(exists
                    ? "table '" + table + "' in " + outputDir + " is incomplete (an earlier run was interrupted); run the stage that writes it again"
                    : "table '" + table + "' not found in " + outputDir + "; run the stage that writes it first");
        }
    }

    /** Checks every table from its footers (see {@link TableVerifier}). */
    public List<TableVerifier.Verdict> verify() {
        try {
            return new TableVerifier(fs(), new Path(outputDir)).verifyAll();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot verify the tables under " + outputDir, e);
        }
    }

    /** Names of the known tables that are complete in this output directory, in pipeline order. */
    public List<String> completeTables() {
        List<String> names = new ArrayList<>();
        for (String name : Tables.all().keySet()) {
            if (isComplete(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Tables that are complete but could not be registered as views: name -> one-line reason naming the file. */
    private final Map<String, String> damaged = new LinkedHashMap<>();

    /**
     * Registers every complete table as a temporary view under its own name. A table that cannot be read (its
     * footers are damaged) is left out, so the other tables stay queryable; {@link #damaged()} says what is wrong
     * with it, from {@link TableVerifier}.
     */
    public List<String> registerViews() {
        List<String> names = new ArrayList<>();
        damaged.clear();
        for (String name : completeTables()) {
            try {
                read(name).createOrReplaceTempView(name);
                names.add(name);
            } catch (UserError e) {
                damaged.put(name, e.getMessage());
            } catch (Exception e) { // Spark's (Scala throws SparkException undeclared) when a footer is bad
                damaged.put(name, damageMessage(name, e));
            }
        }
        return names;
    }

    /** The tables {@link #registerViews()} left out, with why. */
    public Map<String, String> damaged() {
        return Map.copyOf(damaged);
    }

    private String damageMessage(String name, Exception e) {
        // read() has already checked the footers (requireIntact): what is left is Spark's own complaint
        String rerun = Tables.byName(name).map(def -> "; rerun the " + def.stage() + " stage").orElse("");
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return "table " + name + " cannot be read: " + first + rerun;
    }
}
