package org.newslens.kernel;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Evaluates notebook cells with jshell, executing them in this JVM (local execution), so that a cell's
 * last expression comes back as the real object (a Spark Dataset, an image, a chart) and every cell
 * shares this JVM's SparkSession and static state.
 *
 * <p>A cell is split into jshell snippets and run in order; the first snippet that does not compile or
 * that throws stops the cell with {@link CompilationError} or {@link ExecutionError}.
 */
public final class CellEvaluator implements AutoCloseable {
    /** Imports prepared at start: the cell helpers of {@link Notebook}, Spark SQL and XChart. */
    public static final List<String> STARTUP_IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.time.*;",
            "import org.apache.spark.sql.*;",
            "import org.apache.spark.sql.types.*;",
            "import static org.apache.spark.sql.functions.*;",
            "import org.knowm.xchart.*;",
            "import java.awt.image.BufferedImage;",
            "import static org.newslens.kernel.Notebook.*;");

    /** The value of a cell: its last expression's value, or {@link #NO_VALUE} (a statement, a declaration). */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final CapturingControl control = new CapturingControl();
    private final JShell jshell;
    private final SourceCodeAnalysis analysis;
    private boolean closed;

    public CellEvaluator() {
        this(classpathOfThisJvm());
    }

    public CellEvaluator(List<String> classpath) {
        this(classpath, null);
    }

    /**
     * @param startTask run on the cell thread (with the cells' class loader) while jshell compiles the
     *                  start-up imports, e.g. to start Spark; cells queue behind it
     */
    public CellEvaluator(List<String> classpath, Runnable startTask) {
        PrintStream out = System.out;
        this.jshell = JShell.builder()
                .executionEngine(new ExecutionControlProvider() {
                    @Override
                    public String name() {
                        return "newslens-local";
                    }

                    @Override
                    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                        return control;
                    }
                }, Map.of())
                .out(out)
                .err(System.err)
                .compilerOptions("-Xlint:none")
                .build();
        if (!classpath.isEmpty()) { // one call: each call re-creates the compiler's file manager
            jshell.addToClasspath(String.join(File.pathSeparator, classpath));
        }
        this.analysis = jshell.sourceCodeAnalysis();
        if (startTask != null) {
            ClassLoader loader = control.replLoader;
            control.executor.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                try {
                    startTask.run();
                } catch (RuntimeException | Error e) {
                    System.err.println("kernel start task failed: " + e);
                }
            });
        }
        for (String imp : STARTUP_IMPORTS) {
            try {
                eval(imp);
            } catch (CompilationError | ExecutionError e) {
                throw new IllegalStateException("kernel start-up import failed: " + imp + "\n" + e.getMessage(), e);
            }
        }
    }

    /** Entries of java.class.path, so cells compile against everything the kernel has. */
    static List<String> classpathOfThisJvm() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * Runs a cell and returns its last expression's value (possibly null), or {@link #NO_VALUE}.
     *
     * @throws CompilationError with javac's diagnostics when a snippet does not compile
     * @throws ExecutionError with the real exception when a snippet throws
     */
    public Object eval(String cell) throws CompilationError, ExecutionError {
        Object value = NO_VALUE;
        control.interruptRequested = false;
        String remaining = cell;
        int consumed = 0;
        try {
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                String source;
                String rest;
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break; // only comments left: the value stays the last expression's
                } else if (info.completeness().isComplete()) {
                    source = info.source();
                    rest = info.remaining();
                } else {
                    source = remaining; // let javac say what is wrong with it
                    rest = "";
                }
                int start = consumed;
                consumed += remaining.length() - rest.length();
                remaining = rest;
                value = evalSnippet(source, cell, start);
            }
        } finally {
            control.results.clear();
        }
        return value;
    }

    private Object evalSnippet(String source, String cell, int start) throws CompilationError, ExecutionError {
        if (control.interruptRequested) {
            throw new ExecutionError(new InterruptedException("cell interrupted"));
        }
        control.lastFailure = null;
        List<SnippetEvent> events = jshell.eval(source);
        SnippetEvent main = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                main = event;
            }
        }
        if (main == null) {
            return NO_VALUE;
        }
        Snippet snippet = main.snippet();
        if (main.status() == Snippet.Status.REJECTED) {
            throw new CompilationError(describeDiagnostics(snippet, cell, start));
        }
        if (main.exception() != null) {
            Throwable real = control.lastFailure;
            if (real == null || real instanceof SPIResolutionException) {
                real = main.exception(); // an unresolved reference: jshell says what is missing
                if (real instanceof UnresolvedReferenceException ure) {
                    real = new IllegalStateException("cannot run " + ure.getSnippet().source().strip()
                            + ": it uses something not (correctly) declared yet: "
                            + jshell.unresolvedDependencies(ure.getSnippet()).toList());
                }
            }
            throw new ExecutionError(real);
        }
        Object value = main.value() == null ? null : control.results.remove(main.value());
        if (value == CapturingControl.NULL) {
            value = null;
        }
        boolean isExpression = snippet instanceof ExpressionSnippet
                && snippet.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND;
        boolean isTempVar = snippet instanceof VarSnippet
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return isExpression || isTempVar ? value : NO_VALUE;
    }

    private String describeDiagnostics(Snippet snippet, String cell, int start) {
        StringBuilder sb = new StringBuilder();
        String text = snippet.source();
        // where the snippet's text sits in the cell (jshell may have trimmed or completed it)
        String head = text.strip().lines().findFirst().orElse("");
        int found = head.isEmpty() ? -1 : cell.indexOf(head, start);
        int offset = found < 0 ? start : found - text.indexOf(head);
        jshell.diagnostics(snippet).filter(Diag::isError).forEach(diag -> {
            int pos = (int) Math.max(0, Math.min(diag.getPosition(), text.length()));
            int lineStart = text.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
            if (pos > 0 && text.charAt(pos - 1) == '\n') {
                lineStart = pos;
            }
            int lineEnd = text.indexOf('\n', pos);
            String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            int cellLine = lineOf(cell, Math.max(0, offset + lineStart));
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("cell line ").append(cellLine).append(": error: ").append(diag.getMessage(Locale.ROOT)).append('\n');
            sb.append(line).append('\n');
            sb.append(" ".repeat(Math.max(0, pos - lineStart))).append('^');
        });
        if (sb.length() == 0) {
            sb.append("cell line ").append(lineOf(cell, offset)).append(": error: cannot compile: ").append(text.strip());
        }
        return sb.toString();
    }

    /** 1-based line number of a character offset. */
    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Runs kernel work on the cell thread with the cells' class loader, e.g. rendering a Dataset (which
     * runs its Spark job); a failure is an {@link ExecutionError} like a cell's own.
     */
    public <T> T onCellThread(Callable<T> task) throws ExecutionError {
        ClassLoader loader = control.replLoader;
        Future<T> future = control.executor.submit(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            return task.call();
        });
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new ExecutionError(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExecutionError(e);
        }
    }

    /** Completeness of a cell for Jupyter's is_complete request. */
    public SourceCodeAnalysis.Completeness completeness(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return info.completeness();
            }
            remaining = info.remaining();
        }
        return SourceCodeAnalysis.Completeness.COMPLETE;
    }

    /** Completion candidates at a cursor position: [anchor, candidates...]. */
    public List<String> complete(String code, int cursor, int[] anchor) {
        List<String> names = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(code, cursor, anchor)) {
            if (!names.contains(s.continuation())) {
                names.add(s.continuation());
            }
        }
        return names;
    }

    /** Interrupts the running cell (its thread), if any. */
    public void interrupt() {
        control.stop();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        jshell.close();
        control.executor.shutdownNow();
    }

    /**
     * jshell's direct execution, keeping each snippet's real value (and real exception) instead of only
     * its string form. Cells run one at a time on one thread, so thread-locals (Spark's local
     * properties, for one) last from cell to cell, and an interrupt reaches the cell's code.
     */
    private static final class CapturingControl extends DirectExecutionControl {
        static final Object NULL = new Object();
        final Map<String, Object> results = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();
        volatile Throwable lastFailure;
        volatile Future<?> running;
        volatile ClassLoader replLoader;
        volatile Thread cellThread;
        volatile long runningSeq = -1;
        volatile long submittedSeq = -1;
        volatile boolean interruptRequested;
        static final long STOP_GRACE_MS = 2000;
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notebook-cell");
            t.setDaemon(true);
            return t;
        });

        CapturingControl() {
            super(); // the default loader delegate makes its class loader this thread's context loader
            replLoader = Thread.currentThread().getContextClassLoader();
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            ClassLoader loader = replLoader;
            long seq = ids.incrementAndGet();
            Future<Object> future = executor.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                cellThread = Thread.currentThread();
                runningSeq = seq;
                try {
                    return doitMethod.invoke(null);
                } finally {
                    runningSeq = -1;
                }
            });
            submittedSeq = seq;
            running = future;
            if (interruptRequested) { // interrupted while javac compiled this snippet
                stopRunning();
            }
            Object value;
            try {
                value = future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                lastFailure = cause instanceof InvocationTargetException ite ? ite.getCause() : cause;
                throw cause instanceof Exception ex ? ex : new InvocationTargetException(cause);
            } catch (java.util.concurrent.CancellationException e) {
                InterruptedException interrupted = new InterruptedException("cell interrupted");
                lastFailure = interrupted;
                throw new InvocationTargetException(interrupted);
            } finally {
                running = null;
            }
            String id = "#value-" + seq;
            results.put(id, value == null ? NULL : value);
            return id;
        }

        /**
         * Interrupts the running snippet; one that ignores the interrupt (a busy loop) is stopped with
         * Thread.stop after {@link #STOP_GRACE_MS}, as jshell's own local execution does.
         */
        @Override
        @SuppressWarnings({"deprecation", "removal"})
        public void stop() {
            interruptRequested = true;
            stopRunning();
        }

        @SuppressWarnings({"deprecation", "removal"})
        private void stopRunning() {
            Future<?> f = running;
            long seq = submittedSeq;
            if (f == null) {
                return;
            }
            f.cancel(true);
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(STOP_GRACE_MS);
                } catch (InterruptedException e) {
                    return;
                }
                Thread t = cellThread;
                if (runningSeq == seq && t != null && t.isAlive()) {
                    t.stop();
                }
            }, "notebook-cell-stop");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }
}
