package org.newslens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/**
 * One ~100 MB JSON Lines file ingested on the standalone cluster (bin/spark-cluster, two workers of one core) is read
 * by tasks on both executors: Spark's own task metrics in the event log (SparkListenerTaskEnd: Executor ID and Input
 * Metrics / Bytes Read) show input read on two executors within one stage, and the stage read the whole file.
 */
class LargeFileClusterIT {
    static final Path ROOT = ClusterIT.ROOT;
    static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stopCluster() throws Exception {
        ClusterIT.run(List.of(ROOT + "/bin/spark-cluster", "stop"), line -> false, null);
    }

    /** n synthetic articles from the seed article: distinct ids, dates and first sentences (no duplicates). */
    static long writeArticles(Path file, long targetBytes) throws Exception {
        List<String> seed = Files.readAllLines(ROOT.resolve("seeds/000_cfd26bd1d34b7c1b.txt"));
        String title = seed.get(0);
        String body = String.join("\n", seed.subList(1, seed.size())).strip();
        String tail = JSON.writeValueAsString(body); // escaped once, quoted
        tail = tail.substring(1);
        long records = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            while (written < targetBytes) {
                String line = "{\"id\": \"syn-" + records + "\", \"title\": \"" + title + " (" + records + ")\", \"date\": \"2024-"
                        + String.format("%02d-%02d", 1 + records % 12, 1 + records % 28) + "\", \"language\": \"en\", \"source\": \"Synthetic "
                        + records % 5 + "\", \"text\": \"Report " + records + ". " + tail + "}\n";
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                written += bytes.length;
                records++;
            }
        }
        return records;
    }

    @Test
    void aLargeJsonLinesFileIsReadOnBothExecutors() throws Exception {
        Path dir = TestSpark.tempDir("nl-it-split");
        Path input = dir.resolve("big.jsonl");
        long records = writeArticles(input, 100L << 20);
        long size = Files.size(input);
        // kept under target/ after the run, to look at when the test fails
        Path events = ROOT.resolve("jobs/target/large-file-it-events");
        if (Files.exists(events)) {
            try (Stream<Path> old = Files.walk(events)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(events);
        Path out = dir.resolve("out");

        ClusterIT.Result start = ClusterIT.run(List.of(ROOT + "/bin/spark-cluster", "start", "2"), line -> false, null);
        assertEquals(0, start.code(), start.output());
        ClusterIT.Result ingest = ClusterIT.run(List.of(ROOT + "/bin/spark-cluster", "submit", "ingest",
                "--input", input.toString(), "--output", out.toString(),
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                "--conf", "spark.eventLog.compress=false", "--conf", "spark.eventLog.rolling.enabled=false"), line -> false, null);
        assertEquals(0, ingest.code(), ingest.output());
        assertTrue(ingest.output().contains(records + " input records from 1 files = " + records + " articles"), ingest.output());

        // stage id -> executor id -> input bytes its tasks read
        Map<Integer, Map<String, Long>> read = new TreeMap<>();
        try (Stream<Path> logs = Files.walk(events)) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                try (BufferedReader r = Files.newBufferedReader(log)) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        JsonNode e = JSON.readTree(line);
                        if ("SparkListenerStageCompleted".equals(e.path("Event").asText())) {
                            JsonNode stage = e.path("Stage Info");
                            System.out.printf("LargeFileClusterIT: stage %d, %d tasks, %.1f s: %s%n", stage.path("Stage ID").asInt(),
                                    stage.path("Number of Tasks").asInt(), (stage.path("Completion Time").asLong()
                                            - stage.path("Submission Time").asLong()) / 1000.0, stage.path("Stage Name").asText());
                        }
                        if (!"SparkListenerTaskEnd".equals(e.path("Event").asText())) {
                            continue;
                        }
                        long bytes = e.path("Task Metrics").path("Input Metrics").path("Bytes Read").asLong();
                        if (bytes > 0 && "Success".equals(e.path("Task End Reason").path("Reason").asText())) {
                            read.computeIfAbsent(e.path("Stage ID").asInt(), k -> new TreeMap<>())
                                    .merge(e.path("Task Info").path("Executor ID").asText(), bytes, Long::sum);
                        }
                    }
                }
            }
        }
        System.out.println("LargeFileClusterIT: " + size + " bytes, " + records + " records; input bytes per stage and executor: " + read);
        Set<String> executors = new TreeSet<>();
        boolean wholeFileOnTwo = false;
        for (Map<String, Long> byExecutor : read.values()) {
            executors.addAll(byExecutor.keySet());
            long stageBytes = byExecutor.values().stream().mapToLong(Long::longValue).sum();
            wholeFileOnTwo |= byExecutor.size() >= 2 && stageBytes >= size;
        }
        assertTrue(executors.size() >= 2, "input was read on two executors: " + read);
        assertTrue(wholeFileOnTwo, "one stage read the whole file on two executors: " + read);

        Row indices = new TableStore(TestSpark.get(), out.toString()).read(Tables.ARTICLES)
                .agg(functions.count("*"), functions.max("record_index"), functions.sum("record_index")).first();
        assertEquals(List.of(records, records - 1, records * (records - 1) / 2),
                List.of(indices.getLong(0), indices.getLong(1), indices.getLong(2)), "record_index 0..n-1, once each");
    }
}
