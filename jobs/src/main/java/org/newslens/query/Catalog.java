package org.newslens.query;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.newslens.pipeline.TableStore;
import org.newslens.pipeline.UserError;
import org.newslens.tables.Column;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;

/** What is in an output directory: every known table's state, rows and size, and the last run's manifest. */
public final class Catalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum State { complete, incomplete, missing }

    /** One table of the run. rows is null when unknown (incomplete or missing); bytes is 0 when missing. */
    public record Entry(TableDef def, State state, Long rows, long bytes, String runId, String written) {
    }

    private final SparkSession spark;
    private final TableStore store;
    private final FileSystem fs;

    public Catalog(SparkSession spark, String outputDir) {
        this.spark = spark;
        this.store = new TableStore(spark, outputDir);
        try {
            this.fs = new Path(outputDir).getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(new Path(outputDir))) {
                throw new UserError("output directory " + outputDir + " not found; run `newslens run --output "
                        + outputDir + "` first, or give the run's directory with --output");
            }
        } catch (IOException e) {
            throw new UserError("cannot read output directory " + outputDir + ": " + e.getMessage(), e);
        }
    }

    public TableStore store() {
        return store;
    }

    /** Every table {@link Tables} defines, in pipeline order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (TableDef t : Tables.all().values()) {
            out.add(entry(t));
        }
        return out;
    }

    public Entry entry(TableDef t) {
        Path dir = store.tablePath(t.name());
        try {
            if (!fs.exists(dir)) {
                return new Entry(t, State.missing, null, 0, null, null);
            }
            long bytes = fs.getContentSummary(dir).getLength();
            if (!store.isComplete(t.name())) {
                return new Entry(t, State.incomplete, null, bytes, null, null);
            }
            JsonNode marker = marker(dir);
            Long rows = marker != null && marker.hasNonNull("rows") ? marker.get("rows").asLong()
                    : spark.read().parquet(dir.toString()).count();
            return new Entry(t, State.complete, rows, bytes, text(marker, "run_id"), text(marker, "written"));
        } catch (IOException e) {
            throw new UserError("cannot read table " + t.name() + ": " + e.getMessage(), e);
        }
    }

    private JsonNode marker(Path dir) {
        try (InputStream in = fs.open(new Path(dir, TableStore.MARKER))) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** Directories in the output that are not tables NewsLens knows (e.g. from a newer version, or exports). */
    public List<String> unknownDirectories() {
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(new Path(store.outputDir()))) {
                String name = s.getPath().getName();
                if (s.isDirectory() && Tables.byName(name).isEmpty() && !name.startsWith(".") && !name.startsWith("_")) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            // not fatal: the catalog lists the known tables anyway
        }
        out.sort(null);
        return out;
    }

    // ---------------------------------------------------------------- printing

    public void printOverview(PrintWriter out) {
        List<Entry> entries = entries();
        List<String[]> cells = new ArrayList<>();
        for (Entry e : entries) {
            cells.add(new String[] {e.def().name(), e.def().stage(), e.state().name(),
                e.rows() == null ? "-" : String.valueOf(e.rows()), e.state() == State.missing ? "-" : bytes(e.bytes()),
                e.def().grain()});
        }
        out.println("Tables in " + store.outputDir() + ":");
        out.println();
        TextTable.render(new String[] {"table", "stage", "state", "rows", "size", "grain"},
                new boolean[] {false, false, false, true, true, false}, cells, 0, out);
        List<String> unknown = unknownDirectories();
        if (!unknown.isEmpty()) {
            out.println("other directories (not NewsLens tables): " + String.join(", ", unknown));
        }
        out.println();
        out.println("Columns (`newslens tables NAME` describes them):");
        for (Entry e : entries) {
            if (e.state() != State.missing) {
                out.println("  " + e.def().name() + ": " + String.join(", ", e.def().columnNames()));
            }
        }
        long missing = entries.stream().filter(e -> e.state() == State.missing).count();
        if (missing > 0) {
            out.println("  (" + missing + " tables not written yet: run the stages that write them)");
        }
        out.println();
        printLastRun(out);
        out.flush();
    }

    /** One table in detail: state, grain, every contract column with its type and meaning, and extra columns. */
    public void printTable(String name, PrintWriter out) {
        TableDef t = Tables.byName(name).orElseThrow(() -> unknownTable(name));
        Entry e = entry(t);
        out.println(t.name() + " (stage " + t.stage() + "): " + t.grain());
        out.println("state: " + e.state()
                + (e.rows() == null ? "" : ", " + e.rows() + " rows")
                + (e.state() == State.missing ? "" : ", " + bytes(e.bytes()) + " on disk")
                + (e.runId() == null ? "" : ", run " + e.runId())
                + (e.written() == null ? "" : ", written " + e.written()));
        out.println();
        StructType actual = null;
        if (e.state() == State.complete) {
            actual = store.read(t).schema();
        }
        List<String[]> cells = new ArrayList<>();
        for (Column c : t.columns()) {
            String type = c.type().simpleString().toUpperCase(Locale.ROOT);
            cells.add(new String[] {c.name(), type, c.description()});
        }
        if (actual != null) {
            for (StructField f : actual.fields()) {
                if (t.columns().stream().noneMatch(c -> c.name().equals(f.name()))) {
                    cells.add(new String[] {f.name(), f.dataType().simpleString().toUpperCase(Locale.ROOT),
                        "(extra column, not part of the contract)"});
                }
            }
        }
        TextTable.render(new String[] {"column", "type", "meaning"}, new boolean[3], cells, 0, out);
        out.flush();
    }

    public static UserError unknownTable(String name) {
        return new UserError("unknown table '" + name + "'; tables are: " + String.join(", ", Tables.all().keySet()));
    }

    /** The manifest of the last run (the runs table's latest row): inputs, counts, rejects, seconds per stage. */
    public void printLastRun(PrintWriter out) {
        if (!store.isComplete(Tables.RUNS.name())) {
            out.println("No run manifest (runs table) in " + store.outputDir() + ".");
            return;
        }
        List<Row> runs;
        try {
            runs = store.read(Tables.RUNS).orderBy(col("finished").desc_nulls_last()).collectAsList();
        } catch (UserError e) { // a damaged runs table must not hide the overview of the other tables
            out.println("No run manifest: " + e.getMessage() + ".");
            return;
        }
        if (runs.isEmpty()) {
            out.println("The runs table is empty.");
            return;
        }
        Row r = runs.get(0);
        out.println("Last run: " + r.getAs("run_id") + " (" + runs.size() + (runs.size() == 1 ? " run" : " runs")
                + " recorded)");
        out.println("  started   " + instant(r.getAs("started")) + ", finished " + instant(r.getAs("finished"))
                + ", NewsLens " + r.getAs("version"));
        out.println("  command   " + r.getAs("arguments"));
        if (r.getAs("input_files") != null) {
            Long bytes = r.getAs("input_bytes");
            out.println("  inputs    " + plural(r.getAs("input_files"), "file") + ", " + (bytes == null ? "?" : bytes(bytes))
                    + ", " + plural(r.getAs("input_records"), "record"));
            out.println("  articles  " + nz(r.getAs("articles")) + "; duplicates " + nz(r.getAs("duplicates"))
                    + "; rejects " + nz(r.getAs("rejects")) + "; date warnings " + nz(r.getAs("date_warnings")));
        } else {
            out.println("  inputs    (no ingest in this run)");
        }
        String stages = r.getAs("stages");
        if (stages != null) {
            try {
                JsonNode arr = JSON.readTree(stages);
                double total = 0;
                List<String[]> cells = new ArrayList<>();
                for (JsonNode s : arr) {
                    double seconds = s.path("seconds").asDouble();
                    total += seconds;
                    StringBuilder tables = new StringBuilder();
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("tables").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> t = it.next();
                        tables.append(tables.length() == 0 ? "" : ", ").append(t.getKey()).append(' ').append(t.getValue().asText());
                    }
                    cells.add(new String[] {s.path("stage").asText(), String.format(Locale.ROOT, "%.1f", seconds), tables.toString()});
                }
                cells.add(new String[] {"total", String.format(Locale.ROOT, "%.1f", total), ""});
                out.println();
                TextTable.render(new String[] {"stage", "seconds", "rows written"}, new boolean[] {false, true, false},
                        cells, 0, out);
            } catch (IOException e) {
                out.println("  stages    " + stages);
            }
        }
    }

    private static String instant(java.sql.Timestamp t) {
        return t == null ? "?" : t.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String plural(Object n, String word) {
        return n == null ? "? " + word + "s" : n + " " + word + ("1".equals(n.toString()) ? "" : "s");
    }

    private static String nz(Object o) {
        return o == null ? "?" : o.toString();
    }

    /** Human size: 512 B, 12.3 KB, 4.0 MB, 1.2 GB (powers of 1024). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
