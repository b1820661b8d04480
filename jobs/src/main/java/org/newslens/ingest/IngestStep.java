package org.newslens.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.pipeline.ArticleReader;
import org.newslens.pipeline.InputFiles;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.tables.Tables;

/** Input files -> articles, duplicates, rejects; checks that the counts reconcile. */
public final class IngestStep implements Step {
    private String summary = "";

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        InputFiles files = InputFiles.list(ctx.settings().inputs(), ctx.spark().sparkContext().hadoopConfiguration());
        Dataset<Row> raw = new ArticleReader(ctx.spark(), ctx.settings().fields(), ctx.settings().maxFileBytes()).read(files);
        IngestStage.Result result = new IngestStage(ctx.settings().ingest()).apply(raw);
        long records = result.cleaned().count(); // one cleaned row per input record; fills the stage's cache
        String runId = ctx.manifest().runId();
        boolean fewLosers = result.losers().count() <= IngestStage.BROADCAST_LOSERS;
        long articles = ctx.store().write(Tables.ARTICLES, result.articles(fewLosers), runId);
        long duplicates = ctx.store().write(Tables.DUPLICATES, result.duplicates(), runId);
        long rejects = ctx.store().write(Tables.REJECTS, result.rejects(fewLosers), runId);
        result.release();
        Languages.release(); // the driver's copy (local mode: the executors' too); a cluster's executors keep theirs
        long dateWarnings = ctx.store().read(Tables.ARTICLES).where(col("date_raw").isNotNull()).count();
        if (records != articles + duplicates + rejects) {
            throw new IllegalStateException("ingest counts do not reconcile: " + records + " input records != "
                    + articles + " articles + " + duplicates + " duplicates + " + rejects + " rejects");
        }
        LanguageRelabels relabels = LanguageRelabels.of(ctx.store().read(Tables.ARTICLES));
        ctx.manifest().detail(name(), "language_relabels", relabels.toJson());
        ctx.manifest().ingestCounts(files.count(), files.totalBytes(), records, articles, duplicates, rejects, dateWarnings);
        summary = records + " input records from " + files.count() + " files = " + articles + " articles + "
                + duplicates + " duplicates + " + rejects + " rejects"
                + (dateWarnings > 0 ? "; " + dateWarnings + " unparseable dates kept as null" : "")
                + relabels.summary()
                + ArticleReader.unsplittableNote(files);
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.ARTICLES.name(), articles);
        rows.put(Tables.DUPLICATES.name(), duplicates);
        rows.put(Tables.REJECTS.name(), rejects);
        return rows;
    }

    @Override
    public String summary() {
        return summary;
    }
}
