package org.newslens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.newslens.TestSpark;
import org.newslens.ingest.Fixtures;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;

/**
 * The same job jar on a real Spark standalone cluster (bin/spark-cluster: a master and two workers on
 * 127.0.0.1) gives the same tables as a local run, even when a worker is killed mid-run; and a driver
 * killed mid-write leaves no table that looks complete, and the next run of the same command completes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static SparkSession spark;
    static Path corpus;
    static Path localOut;

    @BeforeAll
    static void localReference() throws Exception {
        spark = TestSpark.get();
        corpus = TestSpark.tempDir("nl-it-corpus");
        Fixtures.goodCorpus(corpus.resolve("fixtures"));
        Files.copy(ROOT.resolve("seeds/000_cfd26bd1d34b7c1b.txt"), corpus.resolve("seed.txt"));
        Path shared = TestSpark.shared();
        if (shared != null) {
            Files.copy(shared.resolve("corpora/wikinews/wikinews_2019.csv"), corpus.resolve("wikinews_2019.csv"));
        } else {
            System.out.println("ClusterIT: ../shared absent, running on the fixture corpus only");
        }
        localOut = TestSpark.tempDir("nl-it-local");
        Result local = run(List.of(ROOT + "/bin/newslens", "run", "--input", corpus.toString(), "--output", localOut.toString(),
                "--default-date", "2024-11-18", "--conf", "spark.sql.shuffle.partitions=8"), line -> false, null);
        assertEquals(0, local.code, local.output);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        run(List.of(ROOT + "/bin/spark-cluster", "stop"), line -> false, null);
    }

    @Test
    @Order(1)
    void clusterRunEqualsLocalRunDespiteALostWorker() throws Exception {
        Result start = run(List.of(ROOT + "/bin/spark-cluster", "start", "2"), line -> false, null);
        assertEquals(0, start.code, start.output);
        Path clusterOut = TestSpark.tempDir("nl-it-cluster");
        // kill worker 1 once tokenize is under way: its executor's tasks and shuffle output are lost
        Result cluster = run(List.of(ROOT + "/bin/spark-cluster", "submit", "run", "--input", corpus.toString(),
                        "--output", clusterOut.toString(), "--default-date", "2024-11-18"),
                line -> line.startsWith("[tokenize] started"), List.of(ROOT + "/bin/spark-cluster", "kill-worker", "1"));
        assertEquals(0, cluster.code, cluster.output);
        assertTrue(cluster.triggered, "the worker was killed during the run");
        assertEquals(List.of(), TableComparison.differences(spark, localOut.toString(), clusterOut.toString()));
    }

    @Test
    @Order(2)
    void killedDriverLeavesNoHalfTableAndTheNextRunCompletes() throws Exception {
        Path out = TestSpark.tempDir("nl-it-killed");
        List<String> command = List.of(ROOT + "/bin/newslens", "run", "--input", corpus.toString(), "--output", out.toString(),
                "--default-date", "2024-11-18", "--conf", "spark.sql.shuffle.partitions=8");
        Result killed = run(command, line -> line.startsWith("[terms] started"), List.of("KILL-SELF"));
        assertTrue(killed.triggered && killed.code != 0, killed.output);
        TableStore store = new TableStore(spark, out.toString());
        for (TableDef t : Tables.all().values()) {
            if (store.isComplete(t.name())) {
                store.read(t).count(); // a complete table must be readable whole
            }
        }
        assertTrue(!store.isComplete(Tables.COLLOCATIONS.name()) || !store.isComplete(Tables.RUNS.name()));
        Result again = run(command, line -> false, null);
        assertEquals(0, again.code, again.output);
        assertTrue(again.output.contains("taking over the lock"), again.output);
        assertEquals(List.of(), TableComparison.differences(spark, localOut.toString(), out.toString()));
    }

    /** A line, or null at the end, also when the stream closes because the process was killed. */
    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    record Result(int code, String output, boolean triggered) {
    }

    /**
     * Runs a command, echoing its output; when a line matches {@code trigger}, runs {@code action}
     * ("KILL-SELF" kills the command's own process tree with SIGKILL).
     */
    static Result run(List<String> command, Predicate<String> trigger, List<String> action) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(ROOT.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        boolean triggered = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = readLine(r); line != null; line = readLine(r)) {
                System.out.println("  | " + line);
                out.append(line).append('\n');
                if (!triggered && action != null && trigger.test(line)) {
                    triggered = true;
                    Thread.sleep(3000);
                    if (action.equals(List.of("KILL-SELF"))) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    } else {
                        Result a = run(action, l -> false, null);
                        assertEquals(0, a.code, a.output);
                    }
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out.toString(), triggered);
    }
}
