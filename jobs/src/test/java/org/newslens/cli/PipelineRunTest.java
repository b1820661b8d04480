package org.newslens.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.ingest.Fixtures;
import org.newslens.pipeline.TableStore;
import org.newslens.pipeline.UserError;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;

/** The command line end to end: the seed run, stage commands, determinism, user errors. */
class PipelineRunTest {
    static SparkSession spark;
    static final Path SEEDS = Path.of("../seeds").toAbsolutePath().normalize();
    static Path seedOut;

    @BeforeAll
    static void runSeed() {
        spark = TestSpark.get();
        seedOut = TestSpark.tempDir("nl-seed-out");
        assertEquals(0, Main.execute("run", "--input", SEEDS.toString(), "--output", seedOut.toString(),
                "--default-date", "2024-11-18"));
    }

    @Test
    void seedTopTermsAreAboutTheWar() {
        Dataset<Row> vocab = new TableStore(spark, seedOut.toString()).read(Tables.VOCABULARY);
        List<String> top = vocab.orderBy(desc("cf"), col("term")).limit(10).select("term").as(Encoders.STRING()).collectAsList();
        assertTrue(top.containsAll(List.of("ukraine", "russia", "missiles")), top.toString());
        assertFalse(top.contains("said"), top.toString());
    }

    @Test
    void seedSentencesIndexTheDocument() {
        TableStore store = new TableStore(spark, seedOut.toString());
        Row article = store.read(Tables.ARTICLES).first();
        String doc = article.<String>getAs("title") + "\n\n" + article.<String>getAs("text");
        List<Row> sentences = store.read(Tables.SENTENCES).orderBy("sentence_id").collectAsList();
        assertEquals(0, sentences.get(0).<Integer>getAs("sentence_id"));
        assertEquals("US authorises Ukraine to use long-range missiles against Russia", sentences.get(0).getAs("text"));
        for (Row s : sentences) {
            assertEquals(s.<String>getAs("text"), doc.substring(s.<Integer>getAs("char_start"), s.<Integer>getAs("char_end")));
            // the article's date and sentence count, repeated on every sentence
            assertEquals(article.<java.sql.Date>getAs("published_date"), s.getAs("published_date"));
            assertEquals(sentences.size(), s.<Integer>getAs("n_sentences"));
        }
        assertTrue(sentences.size() > 20, "seed has about 30 sentences");
        assertEquals(1L, store.read(Tables.RUNS).count());
        Row run = store.read(Tables.RUNS).first();
        assertEquals(1L, run.<Long>getAs("input_records"));
        assertTrue(run.<String>getAs("stages").contains("\"tokenize\""));
    }

    @Test
    void seedCooccurrenceCountsEveryUnit() {
        TableStore store = new TableStore(spark, seedOut.toString());
        assertEquals(store.read(Tables.SENTENCES).count(), store.rowCount(Tables.SENTENCES));
        for (String[] scope : new String[][] {{"article", "1"}, {"sentence", String.valueOf(store.read(Tables.SENTENCES).count())}}) {
            List<Long> n = store.read(Tables.COOCCURRENCE).where(col("scope").equalTo(scope[0])).select("n").distinct()
                    .as(Encoders.LONG()).collectAsList();
            assertEquals(List.of(Long.valueOf(scope[1])), n, scope[0]);
        }
    }

    @Test
    void sameCommandTwiceGivesIdenticalTables() {
        Path corpus = TestSpark.tempDir("nl-det-in");
        Fixtures.goodCorpus(corpus);
        Path a = TestSpark.tempDir("nl-det-a");
        Path b = TestSpark.tempDir("nl-det-b");
        for (Path out : List.of(a, b)) {
            assertEquals(0, Main.execute("run", "--input", corpus.toString(), "--output", out.toString(), "--period", "day"));
        }
        for (TableDef t : Tables.all().values()) {
            if (t == Tables.RUNS || !new TableStore(spark, a.toString()).isComplete(t.name())) {
                continue;
            }
            Dataset<Row> ta = new TableStore(spark, a.toString()).read(t);
            Dataset<Row> tb = new TableStore(spark, b.toString()).read(t);
            assertEquals(ta.count(), tb.count(), t.name());
            assertEquals(0, ta.exceptAll(tb).count(), t.name());
        }
    }

    @Test
    void stageCommandsReadThePreviousStage() {
        Path corpus = TestSpark.tempDir("nl-stage-in");
        Fixtures.goodCorpus(corpus);
        // a parquet input too: written by Spark with other column names
        Path parquet = corpus.resolve("more.parquet");
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("pq1", "Parquet headline", "Parquet body text.", "2024-11-24")),
                        new org.apache.spark.sql.types.StructType().add("id", "string").add("headline", "string")
                                .add("content", "string").add("date", "string"))
                .coalesce(1).write().parquet(parquet.toString());
        Path out = TestSpark.tempDir("nl-stage-out");
        assertEquals(2, Main.execute("tokenize", "--output", out.toString()), "no articles yet");
        assertEquals(0, Main.execute("ingest", "--input", corpus.toString(), "--output", out.toString()));
        assertEquals(0, Main.execute("tokenize", "--output", out.toString()));
        assertEquals(0, Main.execute("terms", "--output", out.toString()));
        TableStore store = new TableStore(spark, out.toString());
        assertEquals(10L, store.read(Tables.ARTICLES).count());
        assertEquals("Parquet headline", store.read(Tables.ARTICLES).where(col("article_id").equalTo("pq1")).first().getAs("title"));
        assertTrue(store.read(Tables.TERM_FREQUENCIES).count() > 0);
        assertEquals(3L, store.read(Tables.RUNS).count(), "a failed command appends no run");
    }

    @Test
    void inferringWithTheSavedModelGivesTheTopicsOfTheRun() {
        // the same articles through `topics --infer` and the saved model: the documents, vectors and topics as the run
        // that fitted the model made them, so every row of article_topics is the same
        Path corpus = TestSpark.tempDir("nl-infer-in");
        Fixtures.goodCorpus(corpus);
        Path fitted = TestSpark.tempDir("nl-infer-fit");
        Path inferred = TestSpark.tempDir("nl-infer-new");
        assertEquals(0, Main.execute("run", "--input", corpus.toString(), "--output", fitted.toString()));
        assertEquals(0, Main.execute("topics", "--infer", "--model", fitted.resolve("model").resolve("topics").toString(),
                "--input", corpus.toString(), "--output", inferred.toString()));
        Dataset<Row> a = new TableStore(spark, fitted.toString()).read(Tables.ARTICLE_TOPICS);
        Dataset<Row> b = new TableStore(spark, inferred.toString()).read(Tables.ARTICLE_TOPICS);
        assertTrue(a.count() > 0);
        assertEquals(a.count(), b.count());
        assertEquals(0, a.exceptAll(b).count());
    }

    @Test
    void incompleteTableIsRefused() throws Exception {
        Path out = TestSpark.tempDir("nl-incomplete");
        assertEquals(0, Main.execute("ingest", "--input", SEEDS.toString(), "--output", out.toString()));
        Files.delete(out.resolve("articles").resolve(TableStore.MARKER));
        UserError e = assertThrows(UserError.class, () -> new TableStore(spark, out.toString()).read(Tables.ARTICLES));
        assertTrue(e.getMessage().contains("incomplete"));
        assertEquals(2, Main.execute("tokenize", "--output", out.toString()));
    }

    @Test
    void userErrorsAreOneLineWithExitCode2() throws Exception {
        Path tmp = TestSpark.tempDir("nl-errors");
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Path unknown = tmp.resolve("doc.pdf");
        Files.writeString(unknown, "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertUserError("input not found", "run", "--input", tmp.resolve("missing").toString(), "--output", tmp.resolve("o").toString());
        assertUserError("output path is a file", "run", "--input", SEEDS.toString(), "--output", file.toString());
        assertUserError("unknown input format", "run", "--input", unknown.toString(), "--output", tmp.resolve("o").toString());
        assertUserError("no input files", "run", "--input", empty.toString(), "--output", tmp.resolve("o").toString());
        assertUserError("bad --since", "run", "--since", "yesterday", "--output", tmp.resolve("o").toString());
        assertUserError("bad --languages", "run", "--languages", "english!", "--output", tmp.resolve("o").toString());
        assertUserError("unknown period", "run", "--period", "fortnight", "--output", tmp.resolve("o").toString());
        assertUserError("bad --languages", "run", "--languages", "xx", "--output", tmp.resolve("o").toString());
        assertUserError("bad --master", "run", "--master", "bogus://x", "--output", tmp.resolve("o").toString());
        // picocli's own errors: one line too, not the usage text
        assertUserError("Unknown option: '--no-such-option'", "run", "--no-such-option");
        assertUserError("'abc' is not an int", "run", "--min-collocation-count", "abc");
        assertUserError("--boilerplate-min-articles", "run", "--boilerplate-min-articles", "1", "--output", tmp.resolve("o").toString());
    }

    @Test
    void concurrentRunsAreRefusedAndStaleLocksTakenOver() throws Exception {
        Path out = TestSpark.tempDir("nl-lock");
        Path lock = out.resolve(org.newslens.pipeline.OutputLock.FILE);
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(lock, "host=" + host + "\npid=" + ProcessHandle.current().pid() + "\nstarted=2026-01-01T00:00:00Z\n");
        assertUserError("is in use by another run", "ingest", "--input", SEEDS.toString(), "--output", out.toString());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(lock, "host=" + host + "\npid=" + gone.pid() + "\nstarted=2026-01-01T00:00:00Z\n");
        assertEquals(0, Main.execute("ingest", "--input", SEEDS.toString(), "--output", out.toString()));
        assertFalse(Files.exists(lock), "the lock is released at the end of a run");
    }

    private static void assertUserError(String expected, String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.err;
        picocli.CommandLine cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8), true));
        int code = cli.execute(args);
        String err = buf.toString(StandardCharsets.UTF_8);
        System.setErr(old);
        assertEquals(2, code, err);
        assertTrue(err.startsWith("newslens: error: ") && err.contains(expected), err);
        assertEquals(1, err.strip().lines().count(), err);
    }
}
