package org.newslens.query;

import static org.apache.spark.sql.functions.to_json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.VariantType;
import org.newslens.pipeline.UserError;

/**
 * Writes a whole result to a file: CSV for spreadsheets (one UTF-8 file, commons-csv), JSON Lines
 * (one UTF-8 file, Spark's JSON encoding) or Parquet (a directory, Spark's writer). Paths may be any
 * Hadoop URI; a plain path is local.
 */
public final class ResultExport {
    private ResultExport() {
    }

    public enum Format {
        csv, json, parquet;

        public static Format parse(String s) {
            try {
                return valueOf(s.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown format '" + s + "'; use csv, json or parquet");
            }
        }
    }

    /** Writes result to path in the format; returns the number of rows written. */
    public static long write(SparkSession spark, Dataset<Row> result, Format format, String path, boolean force) {
        switch (format) {
            case csv:
                return writeCsv(spark, result, path);
            case json:
                return writeJson(spark, result, path);
            case parquet:
                return writeParquet(spark, result, path, force);
            default:
                throw new IllegalStateException(format.name());
        }
    }

    /** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading single quote. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    static boolean isNested(DataType t) {
        return t instanceof ArrayType || t instanceof MapType || t instanceof StructType || t instanceof VariantType;
    }

    /**
     * CSV: a header row, then every row. Arrays, maps and structs are JSON text; other values are
     * Spark's text form (dates ISO, timestamps in the session time zone). Text cells that look like a
     * formula are neutralised; numbers are left alone (a negative PMI stays a number).
     */
    public static long writeCsv(SparkSession spark, Dataset<Row> result, String path) {
        StructField[] fields = result.schema().fields();
        String[] header = new String[fields.length];
        String[] positional = new String[fields.length];
        boolean[] text = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            header[i] = fields[i].name();
            positional[i] = "_c" + i;
            DataType t = fields[i].dataType();
            text[i] = t instanceof StringType || isNested(t);
        }
        Dataset<Row> renamed = result.toDF(positional);
        Column[] cols = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Column c = renamed.col(positional[i]);
            cols[i] = (isNested(fields[i].dataType()) ? to_json(c) : c.cast("string")).as(positional[i]);
        }
        long n = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator("\r\n").get();
        try (Writer w = open(spark, path); CSVPrinter csv = new CSVPrinter(w, format)) {
            Iterator<Row> it = renamed.select(cols).toLocalIterator();
            Object[] record = new Object[fields.length];
            while (it.hasNext()) {
                Row r = it.next();
                for (int i = 0; i < fields.length; i++) {
                    String v = r.isNullAt(i) ? null : r.getString(i);
                    record[i] = text[i] ? neutralise(v) : v;
                }
                csv.printRecord(record);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return n;
    }

    /** JSON Lines: one object per row, as Spark's to_json writes it (nulls left out). */
    public static long writeJson(SparkSession spark, Dataset<Row> result, String path) {
        long n = 0;
        try (Writer w = open(spark, path)) {
            Iterator<String> it = result.toJSON().toLocalIterator();
            while (it.hasNext()) {
                w.write(it.next());
                w.write('\n');
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return n;
    }

    public static long writeParquet(SparkSession spark, Dataset<Row> result, String path, boolean force) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p) && !force) {
                throw new UserError(path + " already exists; choose another path or add --force to replace it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
        result.write().mode(force ? "overwrite" : "errorifexists").parquet(path);
        return spark.read().parquet(path).count();
    }

    /** A UTF-8 writer on a new file (replacing a file, never a directory), parents created. */
    public static Writer open(SparkSession spark, String path) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(create(spark, path), StandardCharsets.UTF_8));
    }

    /** A new file (replacing a file, never a directory), parents created; no .crc side file on local disks. */
    public static java.io.OutputStream create(SparkSession spark, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs instanceof org.apache.hadoop.fs.ChecksumFileSystem checksummed) {
            fs = checksummed.getRawFileSystem();
        }
        if (fs.exists(p) && fs.getFileStatus(p).isDirectory()) {
            throw new UserError(path + " is a directory; give a file name");
        }
        if (p.getParent() != null) {
            fs.mkdirs(p.getParent());
        }
        return fs.create(p, true);
    }
}
