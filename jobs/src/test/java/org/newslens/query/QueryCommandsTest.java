package org.newslens.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.cli.Main;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/** tables, sql and export csv on the seed run and on fixture tables. */
class QueryCommandsTest {
    static SparkSession spark;
    static Path seedOut;

    @BeforeAll
    static void runSeed() {
        spark = TestSpark.get();
        seedOut = TestSpark.tempDir("nl-query-seed");
        assertEquals(0, Main.execute("run", "--input", Path.of("../seeds").toAbsolutePath().normalize().toString(),
                "--output", seedOut.toString(), "--default-date", "2024-11-18"));
    }

    static void assertUserError(Cli r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), "one line, no stack trace: " + r.err());
        assertTrue(lines.get(0).startsWith("newslens: error: "), lines.get(0));
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), lines.get(0));
        }
    }

    @Test
    void tablesListsEveryTableAndTheLastRun() {
        Cli r = Cli.run("tables", "--output", seedOut.toString());
        assertEquals(0, r.code(), r.err());
        for (String name : Tables.all().keySet()) {
            assertTrue(r.out().contains(name), name + " in\n" + r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("articles ") && l.contains("complete")
                && l.contains("one row per distinct article")), r.out());
        assertTrue(r.out().contains("vocabulary: language, term, df, cf, idf"), r.out());
        assertTrue(r.out().contains("Last run: "), r.out());
        assertTrue(r.out().contains("inputs    1 file, ") && r.out().contains(", 1 record\n"), r.out());
        assertTrue(r.out().contains("articles  1; duplicates 0; rejects 0"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tokenize ")), r.out());
    }

    @Test
    void tablesDescribesOneTable() {
        Cli r = Cli.run("tables", "--output", seedOut.toString(), "vocabulary");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("vocabulary (stage terms): one row per (language, term)"), r.out());
        assertTrue(r.out().contains("state: complete, "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("idf ") && l.contains("DOUBLE") && l.contains("ln((N + 1)")), r.out());
    }

    @Test
    void tablesShowsIncompleteAndMissingTables() {
        Path dir = TestSpark.tempDir("nl-query-partial");
        QueryFixtures.write(dir, Tables.VOCABULARY, new Object[] {"en", "war", 1, 2L, 0.5});
        try {
            Files.delete(dir.resolve("vocabulary").resolve(TableStore.MARKER));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli r = Cli.run("tables", "--output", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("vocabulary ") && l.contains("incomplete")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("articles ") && l.contains("missing")), r.out());
        assertTrue(r.out().contains("No run manifest"), r.out());
        assertUserError(Cli.run("sql", "--output", dir.toString(), "SELECT * FROM vocabulary"), "TABLE_OR_VIEW_NOT_FOUND",
                "table 'vocabulary' is not complete");
    }

    @Test
    void tablesRejectsUnknownNamesAndMissingDirectories() {
        assertUserError(Cli.run("tables", "--output", seedOut.toString(), "vocabulray"), "unknown table 'vocabulray'", "vocabulary");
        assertUserError(Cli.run("tables", "--output", seedOut.resolve("nope").toString()), "not found");
    }

    @Test
    void sqlPrintsAnAlignedTable() {
        Cli r = Cli.run("sql", "--output", seedOut.toString(),
                "SELECT term, cf FROM vocabulary WHERE term IN ('ukraine', 'russia') ORDER BY term");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("term +\\| cf"), r.out());
        assertTrue(lines.get(1).matches("-+-\\+--+"), r.out());
        assertTrue(lines.get(2).matches("russia +\\| +\\d+"), r.out());
        assertTrue(lines.get(3).matches("ukraine \\| +\\d+"), r.out());
        assertEquals("(2 rows)", lines.get(4));
    }

    @Test
    void sqlLimitsRowsAndTruncatesCells() {
        Cli r = Cli.run("sql", "--output", seedOut.toString(), "--limit", "3", "--truncate", "10",
                "SELECT text FROM sentences ORDER BY sentence_id");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        assertEquals("US author…", lines.get(2));
        assertTrue(lines.get(5).startsWith("(first 3 rows shown"), r.out());
    }

    @Test
    void sqlRunsSeveralStatements() {
        Cli r = Cli.run("sql", "--output", seedOut.toString(), "SELECT 1 AS one; SELECT 'x;y' AS two;");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("one\n---\n  1\n(1 row)"), r.out());
        assertTrue(r.out().contains("x;y"), r.out());
    }

    /** A query that fails in its tasks, on the data: the command's one line, not Spark's stack trace of each task. */
    @Test
    void aQueryFailingOnTheDataIsOneLineWithoutSparksTaskReports() {
        List<String> logged = new CopyOnWriteArrayList<>();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Appender capture = new AbstractAppender("capture-task-reports", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getThrown() != null) {
                    logged.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        context.getConfiguration().getRootLogger().addAppender(capture, null, null);
        context.updateLoggers();
        try {
            assertUserError(Cli.run("sql", "--output", seedOut.toString(), "SELECT raise_error(concat('no ', term)) FROM vocabulary"),
                    "USER_RAISED_EXCEPTION", "no ");
        } finally {
            context.getConfiguration().getRootLogger().removeAppender(capture.getName());
            context.updateLoggers();
            capture.stop();
        }
        assertEquals(List.of(), logged);
    }

    @Test
    void badSqlIsAOneLineError() {
        assertUserError(Cli.run("sql", "--output", seedOut.toString(), "SELEC term FROM vocabulary"), "PARSE_SYNTAX_ERROR");
        assertUserError(Cli.run("sql", "--output", seedOut.toString(), "SELECT * FROM no_such_table"),
                "TABLE_OR_VIEW_NOT_FOUND", "no_such_table");
        assertUserError(Cli.run("sql", "--output", seedOut.toString(), "SELECT nope FROM vocabulary"),
                "UNRESOLVED_COLUMN");
        assertUserError(Cli.run("sql", "--output", seedOut.toString(), "--format", "xlsx", "--to", "x", "SELECT 1"),
                "unknown format");
    }

    @Test
    void sqlWritesCsvJsonAndParquet() throws Exception {
        Path dir = TestSpark.tempDir("nl-query-sqlout");
        String q = "SELECT article_id, sentence_id, tokens FROM sentences ORDER BY sentence_id";
        long n = spark.read().parquet(seedOut.resolve("sentences").toString()).count();
        Cli r = Cli.run("sql", "--output", seedOut.toString(), "--format", "csv", "--to", dir.resolve("s.csv").toString(), q);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(n + " rows written to "), r.out());
        List<CSVRecord> records = readCsv(dir.resolve("s.csv"));
        assertEquals(n, records.size());
        assertTrue(records.get(0).get("tokens").startsWith("[\"US\",\"authorises\",\"Ukraine\","), records.get(0).get("tokens"));
        assertTrue(!Files.exists(dir.resolve(".s.csv.crc")), "no checksum side file");

        assertEquals(0, Cli.run("sql", "--output", seedOut.toString(), "--format", "json", "--to", dir.resolve("s.jsonl").toString(), q).code());
        List<String> json = Files.readAllLines(dir.resolve("s.jsonl"));
        assertEquals(n, json.size());
        assertTrue(json.get(0).startsWith("{\"article_id\":"), json.get(0));

        String pq = dir.resolve("s.parquet").toString();
        assertEquals(0, Cli.run("sql", "--output", seedOut.toString(), "--format", "parquet", "--to", pq, q).code());
        assertEquals(n, spark.read().parquet(pq).count());
        assertUserError(Cli.run("sql", "--output", seedOut.toString(), "--format", "parquet", "--to", pq, q), "already exists");
        assertEquals(0, Cli.run("sql", "--output", seedOut.toString(), "--format", "parquet", "--to", pq, "--force", q).code());
    }

    @Test
    void exportCsvWritesArraysAsJsonAndNeutralisesFormulas() throws Exception {
        Path out = TestSpark.tempDir("nl-query-fixture");
        QueryFixtures.write(out, Tables.REJECTS,
                new Object[] {"a.jsonl", 0L, "=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0"},
                new Object[] {"b.jsonl", 1L, "-2+3", "@SUM(A1:A2)"},
                new Object[] {"c.jsonl", null, "\tTab, \"quotes\" and\nnewline; Zürich – Київ", "ok"});
        QueryFixtures.write(out, Tables.COLLOCATIONS,
                new Object[] {"en", "cruise missile", 2, 5L, 3, -0.25, null});
        Path csv = out.resolve("exports").resolve("rejects.csv");
        Cli r = Cli.run("export", "csv", "--output", out.toString(), "--table", "rejects", "--to", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 rows of rejects written to"), r.out());
        List<CSVRecord> rows = new java.util.ArrayList<>(readCsv(csv));
        rows.sort(java.util.Comparator.comparing(x -> x.get("input_file")));
        assertEquals(List.of("input_file", "record_index", "record", "reason"), rows.get(0).getParser().getHeaderNames());
        assertEquals("'=HYPERLINK(\"http://evil\",\"click\")", rows.get(0).get("record"));
        assertEquals("'+cmd|' /C calc'!A0", rows.get(0).get("reason"));
        assertEquals("'-2+3", rows.get(1).get("record"));
        assertEquals("'@SUM(A1:A2)", rows.get(1).get("reason"));
        assertEquals("'\tTab, \"quotes\" and\nnewline; Zürich – Київ", rows.get(2).get("record"));
        assertEquals("", rows.get(2).get("record_index"));
        assertEquals("0", rows.get(0).get("record_index"));

        Path coll = out.resolve("coll.csv");
        assertEquals(0, Cli.run("export", "csv", "--output", out.toString(), "--table", "collocations", "--to", coll.toString()).code());
        CSVRecord c = readCsv(coll).get(0);
        assertEquals("-0.25", c.get("pmi"), "numbers are not neutralised");
        assertEquals("cruise missile", c.get("ngram"));

        Path sent = out.resolve("sentences.csv");
        assertEquals(0, Cli.run("export", "csv", "--output", seedOut.toString(), "--table", "sentences", "--to", sent.toString()).code());
        CSVRecord s0 = readCsv(sent).get(0);
        assertTrue(s0.get("terms").startsWith("[\"us\",\"authorises\",\"ukraine\""), s0.get("terms"));
        assertTrue(s0.get("term_positions").startsWith("[0,1,2"), s0.get("term_positions"));
    }

    @Test
    void exportCsvRejectsUnknownAndMissingTables() {
        Path out = TestSpark.tempDir("nl-query-csv-err");
        assertUserError(Cli.run("export", "csv", "--output", seedOut.toString(), "--table", "artcles", "--to", out.resolve("a.csv").toString()),
                "unknown table 'artcles'");
        Path partial = TestSpark.tempDir("nl-query-csv-partial");
        QueryFixtures.write(partial, Tables.VOCABULARY, new Object[] {"en", "war", 1, 2L, 0.5});
        assertUserError(Cli.run("export", "csv", "--output", partial.toString(), "--table", "articles", "--to", out.resolve("a.csv").toString()),
                "table 'articles' not found");
        assertUserError(Cli.run("export", "csv", "--output", partial.toString(), "--table", "vocabulary", "--to", out.toString()),
                "is a directory");
    }

    @Test
    void interactivePromptRunsMultiLineStatementsAndSurvivesErrors() {
        SqlRunner runner = new SqlRunner(spark, seedOut.toString());
        Deque<String> lines = new ArrayDeque<>(List.of(
                "tables",
                "SELECT term, df",
                "  FROM vocabulary WHERE term = 'ukraine';",
                "SELECT * FROM nowhere;",
                "SELECT 'a' AS x; SELECT",
                "'b' AS y;",
                "exit",
                "SELECT 'never' AS z;"));
        StringWriter buf = new StringWriter();
        List<String> prompts = new java.util.ArrayList<>();
        new SqlShell(runner).run(prompt -> {
            prompts.add(prompt);
            return lines.poll();
        }, new PrintWriter(buf));
        String out = buf.toString();
        assertTrue(out.contains("\nvocabulary\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("ukraine \\| +1")), out);
        assertTrue(out.contains("error: [TABLE_OR_VIEW_NOT_FOUND]"), out);
        assertTrue(out.contains("\na\n(1 row)") && out.contains("\nb\n(1 row)"), out);
        assertTrue(!out.contains("never"), out);
        assertEquals(List.of(SqlShell.PROMPT, SqlShell.PROMPT, SqlShell.CONTINUE, SqlShell.PROMPT, SqlShell.PROMPT,
                SqlShell.CONTINUE, SqlShell.PROMPT), prompts);
    }

    static List<CSVRecord> readCsv(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }
}
