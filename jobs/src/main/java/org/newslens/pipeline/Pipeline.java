package org.newslens.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.newslens.entities.CooccurStep;
import org.newslens.entities.EntitiesStep;
import org.newslens.ingest.IngestStep;
import org.newslens.stories.StoriesStep;
import org.newslens.terms.TermsStep;
import org.newslens.text.TokenizeStep;
import org.newslens.topics.TopicsStep;

/** Runs steps in order, printing progress and appending the run manifest at the end. */
public final class Pipeline {
    private final SparkSession spark;
    private final Settings settings;
    private final PrintStream out;

    public Pipeline(SparkSession spark, Settings settings, PrintStream out) {
        this.spark = spark;
        this.settings = settings;
        this.out = out;
    }

    /** Every step of a full run, in data-flow order. */
    public static List<Step> allSteps() {
        // stories before terms: term_trends counts stories (near_duplicates), and stories needs only tokenize's tables
        return List.of(new IngestStep(), new TokenizeStep(), new StoriesStep(), new TermsStep(), new EntitiesStep(), new CooccurStep(), new TopicsStep());
    }

    public RunManifest run(List<Step> steps) {
        checkOutput(settings.output());
        try (OutputLock lock = OutputLock.acquire(settings.output(), spark.sparkContext().hadoopConfiguration(), System.err)) {
            return runLocked(steps);
        }
    }

    private RunManifest runLocked(List<Step> steps) {
        TableStore store = new TableStore(spark, settings.output());
        RunManifest manifest = new RunManifest(settings.arguments());
        RunContext context = new RunContext(spark, store, settings, manifest);
        Progress progress = new Progress(out);
        for (Step step : steps) {
            long t0 = progress.start(step.name());
            // Spark's task metrics summed over the step: one line after its "done" line, and in the manifest
            StageMetrics metrics = StageMetrics.start(spark.sparkContext());
            Map<String, Long> rows;
            try {
                rows = step.run(context);
            } catch (RuntimeException | Error e) {
                metrics.finish(0);
                throw e;
            }
            // nothing a stage cached outlives it: the next stage's sorts and joins need the memory
            spark.catalog().clearCache();
            double seconds = progress.done(step.name(), t0, rows, step.summary());
            StageMetrics.Summary summary = metrics.finish();
            progress.line(summary.line(step.name()));
            manifest.stage(step.name(), seconds, rows, summary);
        }
        manifest.append(spark, store);
        return manifest;
    }

    private void checkOutput(String output) {
        Path path = new Path(output);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(path) && fs.getFileStatus(path).isFile()) {
                throw new UserError("output path is a file, not a directory: " + output);
            }
        } catch (IOException e) {
            throw new UserError("cannot use output " + output + ": " + e.getMessage(), e);
        }
    }
}
