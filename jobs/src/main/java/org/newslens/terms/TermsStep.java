package org.newslens.terms;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;
import org.newslens.text.Boilerplate;

/**
 * articles + sentences (less boilerplate lines and spans) [+ near_duplicates] -> vocabulary, term_frequencies, term_trends, collocations. The per-article term and
 * n-gram counts are computed in one pass over the sentences and kept for every table; each table after the
 * first reads the vocabulary back from Parquet rather than recomputing it.
 */
public final class TermsStep implements Step {
    @Override
    public String name() {
        return "terms";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TableStore store = ctx.store();
        TermsStage stage = new TermsStage(ctx.settings().period(), ctx.settings().minCollocationCount());
        Dataset<Row> articles = store.read(Tables.ARTICLES);
        Dataset<Row> sentences = Boilerplate.strip(store.read(Tables.SENTENCES), store.read(Tables.BOILERPLATE),
                TermsStage.SENTENCE_COLUMNS);
        String runId = ctx.manifest().runId();
        Map<String, Long> rows = Progress.rows();

        // On disk, not in memory: at 4x rss-2022 the counts are 9 blocks of about 130 MB; kept in memory they took
        // most of the 1 GB Spark pool as 32 MB+ arrays, a block that did not fit was unrolled again on every read, and
        // the aggregations' pages could no longer be allocated (minutes of GC). Read back from local disk instead.
        Dataset<Row> articleCounts = stage.articleCounts(sentences).persist(StorageLevel.DISK_ONLY());
        try {
            Dataset<Row> termCounts = stage.termCounts(articleCounts);
            Dataset<Row> copies = store.isComplete(Tables.NEAR_DUPLICATES.name())
                    ? store.read(Tables.NEAR_DUPLICATES).where(col(Tables.ARTICLE_ID).notEqual(col(Tables.STORY_ID))).select(Tables.ARTICLE_ID)
                    : null;
            Dataset<Row> totals = stage.termTotals(termCounts, copies).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                rows.put(Tables.VOCABULARY.name(), store.write(Tables.VOCABULARY, stage.vocabularyOf(totals, articles), runId));
                rows.put(Tables.TERM_TRENDS.name(), store.write(Tables.TERM_TRENDS, stage.trendsOf(totals), runId));
            } finally {
                totals.unpersist();
            }
            Dataset<Row> vocabulary = store.read(Tables.VOCABULARY);
            rows.put(Tables.TERM_FREQUENCIES.name(),
                    store.write(Tables.TERM_FREQUENCIES, stage.termFrequencies(termCounts, vocabulary), runId));

            Dataset<Row> ngramCounts = stage.ngramCounts(articleCounts).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                rows.put(Tables.COLLOCATIONS.name(), store.write(Tables.COLLOCATIONS,
                        stage.collocations(ngramCounts, store.read(Tables.VOCABULARY)), runId));
            } finally {
                ngramCounts.unpersist();
            }
        } finally {
            articleCounts.unpersist();
        }
        return rows;
    }
}
