package org.newslens.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.newslens.pipeline.TableStore;

/**
 * The helpers every cell has, through the static import {@code import static org.newslens.kernel.Notebook.*}
 * that the kernel prepares at start:
 *
 * <pre>
 * spark()                      the shared local SparkSession (master local[*], WARN logs)
 * out()                        the run's output dir: $NEWSLENS_OUT, else "out" under the notebook's dir
 * tables()                     names of the complete tables in out()
 * table("mentions")            a complete output table as a Dataset (a UserError if missing or incomplete)
 * sql("select ... from ...")   Spark SQL over every complete table, each registered as a view by its name
 * display(x)                   shows x now: Dataset as HTML table, image or XChart chart as PNG, else text
 * display(ds, 100)             a Dataset's first 100 rows
 * </pre>
 */
public final class Notebook {
    /** Environment variable naming the output dir a notebook reads (a path or a Hadoop URI). */
    public static final String OUT_ENV = "NEWSLENS_OUT";
    public static final String DEFAULT_OUT = "out";

    private static volatile SparkSession spark;
    private static volatile Consumer<DisplayData> displaySink = data -> System.out.println(data.getData(
            org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    private static volatile String outOverride;

    private Notebook() {
    }

    /** The shared SparkSession of this kernel, created on first use. */
    public static SparkSession spark() {
        SparkSession s = spark;
        if (s == null) {
            synchronized (Notebook.class) {
                s = spark;
                if (s == null) {
                    s = SparkSession.builder()
                            .appName("newslens-notebook")
                            .master(System.getenv().getOrDefault("NEWSLENS_SPARK_MASTER", "local[*]"))
                            .config("spark.ui.enabled", "false")
                            .config("spark.ui.showConsoleProgress", "false")
                            .config("spark.sql.shuffle.partitions", "8")
                            .config("spark.sql.session.timeZone", "UTC")
                            .getOrCreate();
                    s.sparkContext().setLogLevel("WARN");
                    spark = s;
                }
            }
        }
        return s;
    }

    /** Starts Spark and runs one tiny query, so that the notebook's first query finds the JVM warm. */
    static void warmUp() {
        spark().range(10).selectExpr("sum(id) as s", "count(*) as n").takeAsList(1);
    }

    /** The output dir of the run this notebook reads: $NEWSLENS_OUT, else "out" relative to the working dir. */
    public static String out() {
        String dir = outOverride;
        if (dir == null) {
            String env = System.getenv(OUT_ENV);
            dir = env == null || env.isBlank() ? DEFAULT_OUT : env;
        }
        return dir.contains("://") ? dir : Path.of(dir).toAbsolutePath().normalize().toString();
    }

    /** Points out() elsewhere for this kernel (null: back to $NEWSLENS_OUT). */
    public static void useOut(String dir) {
        outOverride = dir;
    }

    /** The project's table store over out(). */
    public static TableStore store() {
        return new TableStore(spark(), out());
    }

    /** A complete output table by name (see org.newslens.tables.Tables); a UserError when missing or incomplete. */
    public static Dataset<Row> table(String name) {
        return store().read(name);
    }

    /** Names of the complete tables in out(), in pipeline order. */
    public static List<String> tables() {
        return store().completeTables();
    }

    /** Runs Spark SQL with every complete table of out() registered as a temporary view under its name. */
    public static Dataset<Row> sql(String query) {
        store().registerViews();
        return spark().sql(query);
    }

    /** Shows a value now (a cell's last expression is shown anyway). */
    public static void display(Object value) {
        displaySink.accept(Displays.render(value));
    }

    /** Shows a Dataset's first {@code rows} rows. */
    public static void display(Dataset<?> ds, int rows) {
        displaySink.accept(Displays.render(ds, rows));
    }

    /** Shows raw HTML that the notebook itself wrote (never untrusted text: escape that with escapeHtml). */
    public static void html(String html) {
        DisplayData data = new DisplayData("[html]");
        data.putHTML(html);
        displaySink.accept(data);
    }

    public static String escapeHtml(String text) {
        return Displays.escapeHtml(text);
    }

    /** Where display() sends its output: the kernel's display stream. */
    static void setDisplaySink(Consumer<DisplayData> sink) {
        displaySink = sink;
    }

    /** Cancels running Spark jobs, if any (kernel interrupt). */
    static void cancelSparkJobs() {
        SparkSession s = spark;
        if (s != null) {
            s.sparkContext().cancelAllJobs();
        }
    }

    /** Stops the shared SparkSession, if any (kernel shutdown). */
    static void stopSpark() {
        SparkSession s = spark;
        if (s != null) {
            s.stop();
            spark = null;
        }
    }
}
