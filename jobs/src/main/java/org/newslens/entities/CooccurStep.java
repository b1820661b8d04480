package org.newslens.entities;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/** mentions + articles + sentences [+ near_duplicates] -> cooccurrence, cooccurrence_trends, entity_trends. */
public final class CooccurStep implements Step {
    @Override
    public String name() {
        return "cooccur";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TableStore store = ctx.store();
        EntityOptions options = ctx.settings().entities();
        if (options.minCount() < 1) {
            throw new org.newslens.pipeline.UserError("--min-count must be at least 1 (got " + options.minCount() + ")");
        }
        Dataset<Row> entities = options.leaderCountsForCountry() ? store.read(Tables.ENTITIES) : null;
        CooccurStage.Result r = new CooccurStage(ctx.settings().period(), options)
                .apply(store.read(Tables.MENTIONS), store.rowCount(Tables.ARTICLES), store.rowCount(Tables.SENTENCES), entities,
                        store.isComplete(Tables.NEAR_DUPLICATES.name()) ? store.read(Tables.NEAR_DUPLICATES) : null);
        String runId = ctx.manifest().runId();
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.COOCCURRENCE.name(), store.write(Tables.COOCCURRENCE, r.cooccurrence(), runId));
        rows.put(Tables.COOCCURRENCE_TRENDS.name(), store.write(Tables.COOCCURRENCE_TRENDS, r.cooccurrenceTrends(), runId));
        rows.put(Tables.ENTITY_TRENDS.name(), store.write(Tables.ENTITY_TRENDS, r.entityTrends(), runId));
        r.release();
        return rows;
    }
}
