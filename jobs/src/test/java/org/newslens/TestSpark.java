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

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
