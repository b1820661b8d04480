package org.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.OutputLock;
import org.newslens.pipeline.TableStore;

/**
 * Damaged outputs and failing writes, for real: a stage refuses a damaged input with one line naming the file;
 * a write onto a full or read-only filesystem (a small tmpfs, mounted when the tests run as root) ends with one
 * line naming the table and the cause, no table looks complete, the lock is released, and a rerun completes.
 */
class DamagedOutputsTest {

    record Result(int code, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        picocli.CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new OutputStreamWriter(buf, StandardCharsets.UTF_8), true));
        int code = cli.execute(args);
        return new Result(code, buf.toString(StandardCharsets.UTF_8));
    }

    static Path corpus(int articles) throws IOException {
        Path in = TestSpark.tempDir("nl-damaged-in");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < articles; i++) {
            sb.append("{\"id\": \"a").append(i).append("\", \"title\": \"Ukraine asks allies for missiles, day ").append(i)
                    .append("\", \"text\": \"").append(("Ukraine asked its allies on Monday for more long-range missiles, said officials in Kyiv. "
                            + "Russia warned the United States against it, number " + i + ". ").repeat(8)).append("\"}\n");
        }
        Files.writeString(in.resolve("items.jsonl"), sb.toString());
        return in;
    }

    /** Articles of random words (seeded): text that compression cannot shrink much. */
    static Path randomCorpus(int articles) throws IOException {
        java.util.Random random = new java.util.Random(42);
        Path in = TestSpark.tempDir("nl-random-in");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < articles; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 150; w++) {
                for (int c = 0, n = 2 + random.nextInt(8); c < n; c++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(w % 12 == 11 ? ". " : " ");
            }
            sb.append("{\"id\": \"r").append(i).append("\", \"title\": \"Item ").append(i).append("\", \"text\": \"")
                    .append(text).append("\"}\n");
        }
        Files.writeString(in.resolve("items.jsonl"), sb.toString());
        return in;
    }

    @Test
    void aStageRefusesADamagedInputNamingTheFile() throws IOException {
        Path out = TestSpark.tempDir("nl-damaged-out");
        assertEquals(0, run("ingest", "--input", corpus(20).toString(), "--output", out.toString()).code());
        Path part;
        try (var files = Files.list(out.resolve("articles"))) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        Files.write(part, new byte[100]);
        Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
        Result r = run("tokenize", "--output", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("newslens: error: table articles: " + part.getFileName() + " is not a readable Parquet file"), r.err());
        assertTrue(r.err().contains("rerun the ingest stage"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        // sql over the intact tables still works; the damaged one fails alone
        assertEquals(0, run("sql", "--output", out.toString(), "select count(*) from rejects").code());
        Result q = run("sql", "--output", out.toString(), "select count(*) from articles");
        assertEquals(2, q.code(), q.err());
        assertTrue(q.err().contains("table articles: " + part.getFileName()), q.err());
    }

    static boolean mount(Path dir, String options) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }

    @Test
    void aFullDiskAndAReadOnlyOutputEndWithOneLineAndARerunCompletes() throws Exception {
        Path dir = TestSpark.tempDir("nl-tmpfs");
        Assumptions.assumeTrue(mount(dir, "size=256k"),
                "skipped: cannot mount a tmpfs here (needs root and mount rights); the disk-full test did not run");
        try {
            Path out = dir.resolve("out");
            Path in = randomCorpus(400); // 400 KB of random words: does not fit in 256 KB, compressed or not
            Result full = run("ingest", "--input", in.toString(), "--output", out.toString());
            assertEquals(2, full.code(), full.err());
            assertTrue(full.err().startsWith("newslens: error: cannot write table articles to "), full.err());
            assertTrue(full.err().contains("No space left on device"), full.err());
            assertEquals(1, full.err().strip().lines().count(), full.err());
            TableStore store = new TableStore(TestSpark.get(), out.toString());
            assertFalse(store.isComplete("articles"), "a failed write leaves no complete table");
            assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "the lock is released");

            // fix the cause: more space; the rerun completes
            sh("mount", "-o", "remount,size=64m", dir.toString());
            assertEquals(0, run("ingest", "--input", in.toString(), "--output", out.toString()).code());
            assertTrue(store.isComplete("articles"));

            // a read-only output: the next stage ends with one line, its input stays intact
            sh("mount", "-o", "remount,ro", dir.toString());
            Result ro = run("tokenize", "--output", out.toString());
            assertEquals(2, ro.code(), ro.err());
            assertTrue(ro.err().contains("Read-only file system") || ro.err().contains("cannot lock output"), ro.err());
            assertEquals(1, ro.err().strip().lines().count(), ro.err());
            assertTrue(store.isComplete("articles"));
            assertEquals(400L, store.read(org.newslens.tables.Tables.ARTICLES).count());
        } finally {
            sh("umount", dir.toString());
        }
    }

    /** A stray file where a table's folder should be is replaced by the overwrite: no error, the table complete. */
    @Test
    void aFileWhereATableDirectoryShouldBeIsReplaced() throws IOException {
        Path out = TestSpark.tempDir("nl-file-out");
        assertEquals(0, run("ingest", "--input", corpus(5).toString(), "--output", out.toString()).code());
        Files.writeString(out.resolve("sentences"), "not a directory");
        assertEquals(0, run("tokenize", "--output", out.toString()).code());
        assertTrue(new TableStore(TestSpark.get(), out.toString()).isComplete("sentences"));
    }
}
