package org.newslens.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The NewsLens Java kernel: Jupyter messaging from jjava-jupyter, cells evaluated by {@link CellEvaluator}
 * in this JVM, values shown by {@link Displays}, helpers from {@link Notebook}.
 *
 * <p>Started by Jupyter as {@code java @jvm.args org.newslens.kernel.NewsLensKernel <connection file>}
 * (see install-kernel.sh). Environment: NEWSLENS_OUT (the output dir, default ./out),
 * NEWSLENS_KERNEL_WARMUP=0 to start Spark on first use instead of at kernel start.
 */
public final class NewsLensKernel extends BaseKernel {
    public static final String VERSION = "0.1.0";

    private final CompletableFuture<CellEvaluator> evaluator;

    public NewsLensKernel(boolean warmUpSpark) {
        super("NewsLens Java", VERSION,
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("text/x-java")
                        .build(),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(), false,
                new StringStyler.Builder().build());
        Notebook.setDisplaySink(this::display);
        // jshell (javac) and Spark start while Jupyter connects; the first cell waits for them.
        // Spark (on the cell thread, so that it sees the cells' class loader) starts while jshell compiles
        long t0 = System.nanoTime();
        PrintStream log = System.err; // the kernel's own stderr (a cell's stderr while a cell runs)
        Runnable startSpark = () -> {
            Notebook.warmUp();
            log.printf("newslens kernel: Spark ready %.1f s after kernel start%n", (System.nanoTime() - t0) / 1e9);
        };
        this.evaluator = CompletableFuture.supplyAsync(() -> {
            CellEvaluator e = new CellEvaluator(CellEvaluator.classpathOfThisJvm(), warmUpSpark ? startSpark : null);
            log.printf("newslens kernel: jshell ready %.1f s after kernel start%n", (System.nanoTime() - t0) / 1e9);
            return e;
        });
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: NewsLensKernel <connection file>");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("log4j2.configurationFile") == null) { // before anything logs
            System.setProperty("log4j2.configurationFile", "newslens-kernel-log4j2.properties");
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        NewsLensKernel kernel = new NewsLensKernel(!"0".equals(System.getenv("NEWSLENS_KERNEL_WARMUP")));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel.onShutdown(false);
        System.exit(0);
    }

    private CellEvaluator evaluator() {
        try {
            return evaluator.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the kernel could not start jshell: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the kernel starts", e);
        }
    }

    @Override
    public Object evalRaw(String code) {
        return evaluator().eval(code);
    }

    @Override
    public DisplayData eval(String code) {
        CellEvaluator cells = evaluator();
        Object value = cells.eval(code);
        // rendering runs a Dataset's Spark job: on the cell thread, failing like the cell itself
        return value == CellEvaluator.NO_VALUE || value == null ? null : cells.onCellThread(() -> Displays.render(value));
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof ExecutionError ee) {
            return ee.userTrace();
        }
        if (e instanceof CompilationError) {
            return new ArrayList<>(List.of(e.getMessage().split("\n")));
        }
        return super.formatError(e);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> names = evaluator().complete(code, at, anchor);
        return names.isEmpty() ? null : new ReplacementOptions(names, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        CellEvaluator e = evaluator.getNow(null);
        if (e == null) {
            return IS_COMPLETE_MAYBE;
        }
        SourceCodeAnalysis.Completeness c = e.completeness(code);
        return switch (c) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        CellEvaluator e = evaluator.getNow(null);
        if (e != null) {
            e.interrupt();
        }
        Notebook.cancelSparkJobs();
    }

    @Override
    public void onShutdown(boolean restart) {
        CellEvaluator e = evaluator.getNow(null);
        if (e != null) {
            e.close();
        }
        Notebook.stopSpark();
    }
}
