package org.newslens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM (local[2], small shuffles, quiet logs), created on first use. */
public final class TestSpark {
    private TestSpark() {
    }

    private static SparkSession session;

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("newslens-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    private static final java.util.List<Path> TEMP_DIRS = new java.util.ArrayList<>();

    /** A new temporary directory, deleted with its contents when the test JVM exits. */
    public static synchronized Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            if (TEMP_DIRS.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestSpark::deleteTempDirs));
            }
            TEMP_DIRS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void deleteTempDirs() {
        for (Path dir : TEMP_DIRS) {
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort: a leftover temporary directory is not a test failure
            }
        }
    }

    /** ../shared relative to the repository root, or null when absent (tests needing it skip). */
    public static Path shared() {
        for (Path p : new Path[] {Path.of("../shared"), Path.of("../../shared"), Path.of("../../../shared")}) {
            if (Files.isDirectory(p.resolve("corpora"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
