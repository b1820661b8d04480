package org.newslens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.internal.chartpart.Chart;
import org.newslens.pipeline.TableStore;

/** The jshell layer of the kernel, driven directly (no ZeroMQ). */
class CellEvaluatorTest {
    private static CellEvaluator cells;

    @BeforeAll
    static void start() {
        cells = new CellEvaluator();
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    @AfterEach
    void resetOut() {
        Notebook.useOut(null);
    }

    @Test
    void lastExpressionIsTheCellsValue() {
        assertEquals(3, cells.eval("1 + 2"));
        assertEquals("ab", cells.eval("String a = \"a\";\n a + \"b\""));
        assertEquals(List.of(1, 2), cells.eval("List.of(1, 2);"));
        assertNull(cells.eval("Object nothing = null;\nnothing"));
        assertEquals(2, cells.eval("1 + 1 // the answer\n// and a comment after it\n"));
        assertEquals(5, cells.eval("/* leading */ 2 + 3"));
    }

    @Test
    void declarationsAndStatementsHaveNoValue() {
        assertSame(CellEvaluator.NO_VALUE, cells.eval("int x = 41;"));
        assertSame(CellEvaluator.NO_VALUE, cells.eval("x++;\nx = x + 0;"));
        assertSame(CellEvaluator.NO_VALUE, cells.eval("// just a comment"));
        assertEquals(42, cells.eval("x"), "state lasts from cell to cell");
    }

    @Test
    void methodsAndClassesCanBeDeclared() {
        Object value = cells.eval("""
                int square(int n) { return n * n; }
                record Pair(String a, int b) {}
                new Pair("k", square(3)).b()
                """);
        assertEquals(9, value);
    }

    @Test
    void compileErrorsCarryJavacsMessage() {
        CompilationError e = assertThrows(CompilationError.class,
                () -> cells.eval("int ok = 1;\nint bad = \"text\";"));
        assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
        assertTrue(e.getMessage().contains("cell line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("int bad = \"text\";"), e.getMessage());

        CompilationError missing = assertThrows(CompilationError.class, () -> cells.eval("undefinedThing.size()"));
        assertTrue(missing.getMessage().contains("cannot find symbol"), missing.getMessage());
    }

    @Test
    void incompleteCodeIsACompileError() {
        CompilationError e = assertThrows(CompilationError.class, () -> cells.eval("if (true) {\n int y = 1;"));
        assertTrue(e.getMessage().contains("error"), e.getMessage());
    }

    @Test
    void runtimeErrorsCarryTheRealException() {
        ExecutionError e = assertThrows(ExecutionError.class, () -> cells.eval("""
                void boom(String why) { throw new IllegalStateException("boom: " + why); }
                boom("because")
                """));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("java.lang.IllegalStateException: boom: because", e.getMessage());
        List<String> trace = e.userTrace();
        assertEquals("java.lang.IllegalStateException: boom: because", trace.get(0));
        assertTrue(trace.stream().anyMatch(l -> l.contains("boom")), String.join("\n", trace));
        assertTrue(trace.stream().noneMatch(l -> l.contains("CellEvaluator") || l.contains("reflect")),
                String.join("\n", trace));

        ExecutionError div = assertThrows(ExecutionError.class, () -> cells.eval("int zero = 0;\n10 / zero"));
        assertInstanceOf(ArithmeticException.class, div.getCause());
    }

    @Test
    void lazySparkErrorsSurfaceWhenTheValueIsRendered() {
        Object ds = cells.eval("spark().range(1).selectExpr(\"1 / 0 as x\")");
        assertInstanceOf(Dataset.class, ds, "planning succeeds; the job fails when shown");
        ExecutionError e = assertThrows(ExecutionError.class, () -> cells.onCellThread(() -> Displays.render(ds)));
        assertTrue(e.getMessage().contains("DIVIDE_BY_ZERO"), e.getMessage());
        assertTrue(e.userTrace().get(0).contains("DIVIDE_BY_ZERO"));
    }

    @Test
    void causesAreKept() {
        ExecutionError e = assertThrows(ExecutionError.class,
                () -> cells.eval("throw new RuntimeException(\"outer\", new java.io.IOException(\"disk\"));"));
        List<String> trace = e.userTrace();
        assertTrue(trace.contains("Caused by: java.io.IOException: disk"), String.join("\n", trace));
    }

    @Test
    void cellsShareTheKernelsJvmAndHelpers() {
        Object ds = cells.eval("spark().range(5).selectExpr(\"id * 2 as doubled\")");
        assertInstanceOf(Dataset.class, ds, "the real Dataset object, not its string");
        assertEquals(5L, ((Dataset<?>) ds).count());
        assertTrue(cells.eval("spark()") == Notebook.spark(), "one SparkSession for kernel and cells");

        List<DisplayData> shown = new ArrayList<>();
        Notebook.setDisplaySink(shown::add);
        cells.eval("display(\"<hello>\");");
        assertEquals(1, shown.size());
        assertEquals("<hello>", shown.get(0).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void chartsAreBuiltInCells() {
        Object chart = cells.eval("""
                XYChart c = new XYChartBuilder().width(300).height(200).title("t").build();
                c.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
                c
                """);
        assertInstanceOf(Chart.class, chart);
        assertTrue(Displays.render(chart).hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void tablesAndSqlReadTheOutputDir(@TempDir Path out) throws Exception {
        Notebook.useOut(out.toString());
        assertEquals(out.toAbsolutePath().normalize().toString(), cells.eval("out()"));

        ExecutionError missing = assertThrows(ExecutionError.class, () -> cells.eval("table(\"mentions\")"));
        assertTrue(missing.getMessage().contains("UserError"), missing.getMessage());
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

        // a complete table: parquet plus the store's marker
        Notebook.spark().range(3).selectExpr("cast(id as string) as article_id")
                .write().parquet(out.resolve("articles").toString());
        Files.writeString(out.resolve("articles").resolve(TableStore.MARKER), "{}", StandardCharsets.UTF_8);
        // an incomplete one: no marker
        Notebook.spark().range(1).write().parquet(out.resolve("sentences").toString());

        assertEquals(List.of("articles"), cells.eval("tables()"));
        assertEquals(3L, cells.eval("table(\"articles\").count()"));
        assertEquals(3L, cells.eval("sql(\"select count(*) as n from articles\").first().getLong(0)"));
        ExecutionError incomplete = assertThrows(ExecutionError.class, () -> cells.eval("table(\"sentences\")"));
        assertTrue(incomplete.getMessage().contains("incomplete"), incomplete.getMessage());
        ExecutionError noView = assertThrows(ExecutionError.class,
                () -> cells.eval("sql(\"select * from sentences\")"));
        assertTrue(noView.getMessage().contains("sentences"), noView.getMessage());

        // a damaged table: one line naming the file in the cell, the other tables still queryable
        Path mentions = out.resolve("mentions");
        Notebook.spark().range(2).selectExpr("cast(id as string) as article_id").coalesce(1).write().parquet(mentions.toString());
        Files.writeString(mentions.resolve(TableStore.MARKER), "{}", StandardCharsets.UTF_8);
        Path part;
        try (var files = Files.list(mentions)) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.write(part, new byte[100]);
        Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
        ExecutionError damaged = assertThrows(ExecutionError.class, () -> cells.eval("table(\"mentions\")"));
        assertTrue(damaged.getMessage().contains("table mentions: " + part.getFileName() + " is not a readable Parquet file"),
                damaged.getMessage());
        assertTrue(damaged.getMessage().contains("rerun the entities stage"), damaged.getMessage());
        assertEquals(3L, cells.eval("sql(\"select count(*) as n from articles\").first().getLong(0)"));
    }

    @Test
    void interruptStopsTheRunningCell() {
        for (String cell : List.of("Thread.sleep(60_000);", "long spins = 0;\nwhile (true) { spins++; }")) {
            java.util.concurrent.ScheduledExecutorService timer =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                timer.schedule(cells::interrupt, 1, java.util.concurrent.TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                ExecutionError e = assertThrows(ExecutionError.class, () -> cells.eval(cell));
                assertTrue(e.getMessage().contains("Interrupted"), e.getMessage());
                assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "stopped in time");
            } finally {
                timer.shutdownNow();
            }
            assertEquals(2, cells.eval("1 + 1"), "the kernel goes on after an interrupt");
        }
    }

    @Test
    void completenessForJupyter() {
        assertEquals(jdk.jshell.SourceCodeAnalysis.Completeness.COMPLETE, cells.completeness("int a = 1;\na"));
        assertTrue(!cells.completeness("for (int i = 0; i < 3; i++) {").isComplete());
    }
}
