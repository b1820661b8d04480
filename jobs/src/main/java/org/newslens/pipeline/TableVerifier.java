package org.newslens.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.types.StructField;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;

/**
 * Checks the tables of an output directory from their Parquet footers only (no data is scanned): every file Spark
 * would read is a Parquet file with the table's columns, and the rows in the footers add up to the count in the
 * completion marker. What it finds, per table, is a {@link Verdict}.
 */
public final class TableVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where Spark keeps a table's schema in each Parquet footer. */
    private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

    public enum State { ok, outdated, incomplete, missing, damaged }

    /** One table: its state, the rows and files found, and for a damaged table one line per problem. */
    public record Verdict(String table, State state, long rows, int files, List<String> problems) {
    }

    private final FileSystem fs;
    private final Path root;

    public TableVerifier(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * Every table, several at a time: a footer read is a few small reads and most of its time is waiting (on HDFS
     * or S3 a round trip each), so 8 threads help even on 2 cores. Verdicts come back in pipeline order.
     */
    public List<Verdict> verifyAll() throws IOException {
        List<TableDef> defs = List.copyOf(Tables.all().values());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Verdict>> futures = new ArrayList<>();
            for (TableDef def : defs) {
                futures.add(pool.submit(() -> verify(def)));
            }
            List<Verdict> out = new ArrayList<>();
            for (Future<Verdict> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying tables", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static final int THREADS = 8;

    public Verdict verify(TableDef def) throws IOException {
        Path dir = new Path(root, def.name());
        if (!fs.exists(dir)) {
            return new Verdict(def.name(), State.missing, 0, 0, List.of());
        }
        Path marker = new Path(dir, TableStore.MARKER);
        if (!fs.exists(marker)) {
            return new Verdict(def.name(), State.incomplete, 0, 0, List.of("no completion marker: the run that wrote it did not finish"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> parsed = new HashMap<>();
        Map<String, String> first = null;
        String firstName = null;
        long rows = 0;
        int files = 0;
        FileStatus[] listing = fs.listStatus(dir);
        Arrays.sort(listing, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus f : listing) {
            String name = f.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue; // Spark skips these too (_SUCCESS, .DS_Store, checksums)
            }
            files++;
            if (f.isDirectory()) {
                problems.add(name + " is a directory; Spark would read it as a partition of the table");
                continue;
            }
            if (f.getLen() == 0) {
                problems.add(name + " is empty (0 bytes)");
                continue;
            }
            if (!name.endsWith(".parquet")) {
                problems.add(name + " is not a part file of the table (remove it: Spark reads every file in the folder)");
                continue;
            }
            try {
                FileMetaData footer = footer(f);
                rows += footer.getNum_rows();
                String schema = null;
                if (footer.getKey_value_metadata() != null) {
                    for (KeyValue kv : footer.getKey_value_metadata()) {
                        if (SPARK_SCHEMA.equals(kv.getKey())) {
                            schema = kv.getValue();
                        }
                    }
                }
                if (schema != null) {
                    Map<String, String> found = parsed.computeIfAbsent(schema, TableVerifier::columnTypes);
                    if (first == null) {
                        first = found;
                        firstName = name;
                    }
                    String mismatch = schemaMismatch(def, found, first, firstName);
                    if (mismatch != null) {
                        problems.add(name + " has another schema: " + mismatch);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(name + " is not a readable Parquet file (" + footerProblem(e) + ")");
            }
        }
        Long expected = markerRows(marker);
        if (problems.isEmpty() && expected != null && expected != rows) {
            problems.add("the part files hold " + rows + " rows, the completion marker says " + expected
                    + (rows < expected ? " (a part file is missing)" : " (a part file was added)"));
        }
        if (!problems.isEmpty()) {
            return new Verdict(def.name(), State.damaged, rows, files, problems);
        }
        if (first != null) {
            List<String> lacking = new ArrayList<>();
            for (String c : def.columnNames()) {
                if (!first.containsKey(c)) {
                    lacking.add(c);
                }
            }
            if (!lacking.isEmpty()) {
                return new Verdict(def.name(), State.outdated, rows, files, List.of("written by an older NewsLens: no column "
                        + String.join(", ", lacking) + "; rerun the " + def.stage() + " stage to add them"));
            }
        }
        return new Verdict(def.name(), State.ok, rows, files, problems);
    }

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /**
     * A Parquet file's footer, read the way the format lays it out (the file ends with the footer, its length in 4
     * bytes little-endian, and "PAR1"), decoded as Thrift only as far as the row count and the key-value metadata:
     * {@code ParquetFileReader} also builds every column chunk's metadata, which a check does not need.
     */
    private FileMetaData footer(FileStatus f) throws IOException {
        long length = f.getLen();
        if (length < 12) {
            throw new IOException("is not a Parquet file (" + length + " bytes)");
        }
        try (FSDataInputStream in = fs.open(f.getPath())) {
            byte[] tail = new byte[8];
            in.readFully(length - 8, tail);
            if (!Arrays.equals(Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
                throw new IOException("is not a Parquet file (magic number at the end missing)");
            }
            long footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (footerLength <= 0 || footerLength > length - 12) {
                throw new IOException("is not a Parquet file (footer length " + footerLength + " does not fit)");
            }
            byte[] bytes = new byte[(int) footerLength];
            in.readFully(length - 8 - footerLength, bytes);
            return Util.readFileMetaData(new ByteArrayInputStream(bytes));
        }
    }

    /**
     * What is wrong with one file's columns, or null: a contract column of another type (ignoring nullability), or
     * other columns than the table's first file (a part file from another table or version). A contract column
     * missing from every file is not damage but an older table ({@link State#outdated}).
     */
    static String schemaMismatch(TableDef def, Map<String, String> found, Map<String, String> first, String firstName) {
        for (StructField want : def.schema().fields()) {
            String got = found.get(want.name());
            if (got != null && !got.equals(want.dataType().catalogString())) {
                return "column " + want.name() + " is " + got + ", not " + want.dataType().catalogString();
            }
        }
        if (!List.copyOf(found.keySet()).equals(List.copyOf(first.keySet()))) {
            return "columns (" + String.join(", ", found.keySet()) + ") differ from " + firstName + "'s";
        }
        return null;
    }

    /**
     * Column -> type (Spark's catalog string: string, bigint, array<string> ...) from the schema JSON Spark keeps in
     * each footer, read with Jackson: Spark's own DataType.fromJson loads json4s, a second per cold JVM.
     */
    static Map<String, String> columnTypes(String sparkSchemaJson) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonNode f : JSON.readTree(sparkSchemaJson).path("fields")) {
                out.put(f.path("name").asText(), typeName(f.path("type")));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable Spark schema in footer: " + e.getMessage(), e);
        }
    }

    private static String typeName(JsonNode t) {
        if (t.isTextual()) {
            return switch (t.asText()) {
                case "integer" -> "int";
                case "long" -> "bigint";
                case "short" -> "smallint";
                case "byte" -> "tinyint";
                default -> t.asText();
            };
        }
        return switch (t.path("type").asText()) {
            case "array" -> "array<" + typeName(t.path("elementType")) + ">";
            case "map" -> "map<" + typeName(t.path("keyType")) + "," + typeName(t.path("valueType")) + ">";
            case "struct" -> {
                List<String> fields = new ArrayList<>();
                for (JsonNode f : t.path("fields")) {
                    fields.add(f.path("name").asText() + ":" + typeName(f.path("type")));
                }
                yield "struct<" + String.join(",", fields) + ">";
            }
            default -> t.toString();
        };
    }

    private static String footerProblem(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Checksum")) {
            return "checksum error: the file changed after it was written";
        }
        if (message.contains("is not a Parquet file") || message.contains("magic number") || message.contains("Required field")
                || message.contains("EOF") || e instanceof java.io.EOFException) {
            return "bad footer: not a Parquet file or cut short";
        }
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }

    private Long markerRows(Path marker) {
        try (InputStream in = fs.open(marker)) {
            JsonNode json = JSON.readTree(in);
            return json.has("rows") ? json.get("rows").asLong() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
