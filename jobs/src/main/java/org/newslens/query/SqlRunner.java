package org.newslens.query;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.TableStore;
import org.newslens.pipeline.UserError;
import org.newslens.tables.Tables;

/**
 * Runs SQL over a run's tables: every complete table is a temporary view under its own name. A
 * query's result is printed as a text table or written whole to a file.
 */
public final class SqlRunner {
    private final SparkSession spark;
    private final List<String> views;
    private final Map<String, String> damaged;
    private final String outputDir;
    private int limit = 50;
    private int truncate = 40;

    public SqlRunner(SparkSession spark, String outputDir) {
        this.spark = spark;
        this.outputDir = outputDir;
        new Catalog(spark, outputDir); // fails clearly when the directory does not exist
        TableStore store = new TableStore(spark, outputDir);
        this.views = store.registerViews();
        this.damaged = store.damaged();
        // a session may have queried another run before (the notebook kernel, tests): forget its tables
        for (String name : Tables.all().keySet()) {
            if (!views.contains(name)) {
                spark.catalog().dropTempView(name);
            }
        }
    }

    public SqlRunner limit(int limit) {
        if (limit < 1) {
            throw new UserError("--limit must be at least 1");
        }
        this.limit = limit;
        return this;
    }

    public SqlRunner truncate(int truncate) {
        this.truncate = truncate;
        return this;
    }

    /** Complete tables that could not be registered (damaged files), with a one-line reason naming the file. */
    public Map<String, String> damaged() {
        return damaged;
    }

    /** The tables registered as views, in pipeline order. */
    public List<String> views() {
        return views;
    }

    public String outputDir() {
        return outputDir;
    }

    /** Parses and analyses a statement (Spark errors become a one-line {@link UserError}). */
    public Dataset<Row> query(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new UserError("empty query");
        }
        try {
            return spark.sql(sql);
        } catch (Exception e) { // AnalysisException is a checked exception Scala throws undeclared
            throw translate(e);
        }
    }

    /** A user error for Spark's complaint, with a hint when the query names a table this run has not written. */
    private RuntimeException translate(Exception e) {
        UserError u = SqlErrors.asUserError(e);
        if (u == null) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        String m = u.getMessage();
        if (m.contains("TABLE_OR_VIEW_NOT_FOUND")) {
            for (var d : damaged.entrySet()) {
                if (m.contains("`" + d.getKey() + "`")) {
                    return new UserError(d.getValue());
                }
            }
            for (String name : Tables.all().keySet()) {
                if (!views.contains(name) && m.contains("`" + name + "`")) {
                    return new UserError(m + " (table '" + name + "' is not complete in " + outputDir
                            + ": run the stage that writes it; `newslens tables` shows what is there)", e);
                }
            }
        }
        return u;
    }

    /** Runs a statement and prints its result (first --limit rows). */
    public void print(String sql, PrintWriter out) {
        Dataset<Row> result = query(sql);
        try {
            TextTable.print(result, limit, truncate, out);
        } catch (Exception e) {
            throw translate(e);
        }
    }

    /** Runs a statement and writes its whole result; returns the rows written. */
    public long export(String sql, ResultExport.Format format, String path, boolean force) {
        Dataset<Row> result = query(sql);
        try {
            return ResultExport.write(spark, result, format, path, force);
        } catch (Exception e) {
            throw translate(e);
        }
    }
}
