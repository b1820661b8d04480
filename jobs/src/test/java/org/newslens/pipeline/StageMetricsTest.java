package org.newslens.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;

/** The per-step task metrics listener counts the tasks and shuffle bytes of a real groupBy (no timing checks). */
class StageMetricsTest {

    @Test
    void countsTasksAndShuffleBytesOfAGroupBy() {
        SparkSession spark = TestSpark.get();
        StageMetrics metrics = StageMetrics.start(spark.sparkContext());
        List<Row> groups;
        try {
            Dataset<Row> ids = spark.range(0, 20_000, 1, 3).toDF("id");
            groups = ids.groupBy(functions.col("id").mod(97).as("k")).count().collectAsList();
        } catch (RuntimeException e) {
            metrics.finish(0);
            throw e;
        }
        StageMetrics.Summary s = metrics.finish();
        assertEquals(97, groups.size());
        assertTrue(s.complete(), "listener drained");
        // 3 map tasks over the range partitions, then at least one reduce task (AQE may coalesce the 4 partitions)
        assertTrue(s.tasks() >= 4, "tasks " + s.tasks());
        assertTrue(s.stages() >= 2, "stages " + s.stages());
        assertTrue(s.jobs() >= 1, "jobs " + s.jobs());
        assertEquals(0, s.failedTasks());
        assertTrue(s.shuffleWriteBytes() > 0, "shuffle write " + s.shuffleWriteBytes());
        assertTrue(s.shuffleReadBytes() > 0, "shuffle read " + s.shuffleReadBytes());
        assertTrue(s.resultBytes() > 0, "result bytes " + s.resultBytes());
        assertTrue(s.runMillis() >= 0 && s.cpuNanos() >= 0 && s.gcMillis() >= 0);
        assertTrue(s.largestStage() >= 0 && s.largestStageTasks() >= 1);
        assertTrue(s.slowestTaskMillis() >= s.medianTaskMillis());

        String line = s.line("terms");
        assertTrue(line.startsWith("[terms] tasks " + s.tasks() + " in "), line);
        assertTrue(line.contains(", shuffle write ") && line.contains(" core-s (cpu ") && line.contains("slowest task "), line);

        ObjectNode stage = new ObjectMapper().createObjectNode();
        s.putInto(stage);
        assertEquals(s.tasks(), stage.path("metrics").path("tasks").asLong());
        assertEquals(s.shuffleWriteBytes(), stage.path("metrics").path("shuffle_write_bytes").asLong());
    }

    @Test
    void aSecondListenerDoesNotSeeTheFirstStepsWork() {
        SparkSession spark = TestSpark.get();
        StageMetrics first = StageMetrics.start(spark.sparkContext());
        spark.range(0, 1000, 1, 2).groupBy(functions.col("id").mod(3)).count().collectAsList();
        StageMetrics.Summary a = first.finish();
        StageMetrics second = StageMetrics.start(spark.sparkContext());
        StageMetrics.Summary b = second.finish();
        assertTrue(a.tasks() >= 2);
        assertEquals(0, b.tasks());
        assertEquals(0, b.shuffleWriteBytes());
        assertTrue(b.line("cooccur").startsWith("[cooccur] tasks 0 in 0 stages, run 0.0 core-s"), b.line("cooccur"));
    }

    @Test
    void bytesAreShortAndBinary() {
        assertEquals("0 B", StageMetrics.Summary.bytes(0));
        assertEquals("1023 B", StageMetrics.Summary.bytes(1023));
        assertEquals("1.0 kB", StageMetrics.Summary.bytes(1024));
        assertEquals("312.0 MB", StageMetrics.Summary.bytes(312L << 20));
        assertEquals("1.5 GB", StageMetrics.Summary.bytes(3L << 29));
    }
}
