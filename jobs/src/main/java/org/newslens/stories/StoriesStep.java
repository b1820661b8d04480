package org.newslens.stories;

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

/** articles + sentences (boilerplate flagged) -> near_duplicates; the shingle sets are computed once and kept. */
public final class StoriesStep implements Step {
    private String summary = "";

    @Override
    public String name() {
        return "stories";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TableStore store = ctx.store();
        StoriesStage stage = new StoriesStage(ctx.settings().stories(), ctx.settings().boilerplateMinArticles());
        Dataset<Row> sentences = Boilerplate.flag(store.read(Tables.SENTENCES), store.read(Tables.BOILERPLATE));
        // each kept once: the folded runs feed the whole and the split articles' sets, which feed the template count
        // and the filter (keeping the sets instead read and folded the sentences once per branch); the filtered sets
        // feed three joins
        Dataset<Row> runs = stage.articleRuns(sentences).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> shingles = stage.withoutTemplates(stage.shingleSets(runs)).persist(StorageLevel.MEMORY_AND_DISK());
        // the runs are needed only to make the sets: freed before the candidates and the joins need the memory
        shingles.count();
        runs.unpersist();
        Map<String, Long> rows = Progress.rows();
        try {
            rows.put(Tables.NEAR_DUPLICATES.name(), store.write(Tables.NEAR_DUPLICATES,
                    stage.fromShingles(store.read(Tables.ARTICLES), shingles), ctx.manifest().runId()));
        } finally {
            shingles.unpersist();
            runs.unpersist();
        }
        Row r = store.read(Tables.NEAR_DUPLICATES).selectExpr("count(distinct story_id)", "count(*) - count(distinct story_id)",
                "coalesce(max(n_copies), 0)").first();
        summary = String.format("%d stories published more than once, %d copies beyond the first, largest %d copies",
                r.getLong(0), r.getLong(1), r.getInt(2));
        return rows;
    }

    @Override
    public String summary() {
        return summary;
    }
}
