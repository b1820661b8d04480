package org.newslens.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.newslens.tables.Tables;

/** Collects what a run did (inputs, counts, per-stage rows and seconds) and appends it to {@code runs}. */
public final class RunManifest {
    public static final String VERSION = "0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runId = Instant.now().toString().replace(":", "").replace("-", "") + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Instant started = Instant.now();
    private final String arguments;
    private final ArrayNode stages = JSON.createArrayNode();
    private final Map<String, ObjectNode> details = new HashMap<>();
    long inputFiles;
    long inputBytes;
    Long inputRecords;
    Long articles;
    Long duplicates;
    Long rejects;
    Long dateWarnings;

    public RunManifest(String arguments) {
        this.arguments = arguments;
    }

    public String runId() {
        return runId;
    }

    /** Records one stage: the tables it wrote with their row counts, and its seconds. */
    public void stage(String name, double seconds, Map<String, Long> tableRows) {
        stage(name, seconds, tableRows, null);
    }

    /** Records one stage and, when given, Spark's task metrics summed over it (as "metrics"). */
    public void stage(String name, double seconds, Map<String, Long> tableRows, StageMetrics.Summary metrics) {
        ObjectNode s = stages.addObject();
        s.put("stage", name);
        s.put("seconds", Math.round(seconds * 1000) / 1000.0);
        ObjectNode tables = s.putObject("tables");
        tableRows.forEach(tables::put);
        if (metrics != null) {
            metrics.putInto(s);
        }
        ObjectNode extra = details.remove(name);
        if (extra != null) {
            s.setAll(extra);
        }
    }

    /** Something a stage found that the manifest keeps beside its rows and seconds (e.g. ingest's language relabels). */
    public void detail(String stage, String key, JsonNode value) {
        details.computeIfAbsent(stage, k -> JSON.createObjectNode()).set(key, value);
    }

    public void ingestCounts(long files, long bytes, long records, long articles, long duplicates, long rejects,
                             long dateWarnings) {
        this.inputFiles = files;
        this.inputBytes = bytes;
        this.inputRecords = records;
        this.articles = articles;
        this.duplicates = duplicates;
        this.rejects = rejects;
        this.dateWarnings = dateWarnings;
    }

    public void append(SparkSession spark, TableStore store) {
        Row row = RowFactory.create(runId, Timestamp.from(started), Timestamp.from(Instant.now()), VERSION, arguments,
                inputFiles, inputBytes, inputRecords, articles, duplicates, rejects, dateWarnings, stages.toString());
        store.append(Tables.RUNS, spark.createDataFrame(List.of(row), Tables.RUNS.schema()), runId);
    }
}
