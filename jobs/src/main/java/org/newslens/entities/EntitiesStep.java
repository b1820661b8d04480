package org.newslens.entities;

import java.util.Map;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/** articles + sentences + gazetteer -> entities, leader_terms, mentions. */
public final class EntitiesStep implements Step {
    private String summary = "";

    @Override
    public String name() {
        return "entities";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TableStore store = ctx.store();
        Gazetteer gazetteer = Gazetteer.load(ctx.settings().entities().extraEntityFiles());
        EntitiesStage.Result r = new EntitiesStage(gazetteer).apply(store.read(Tables.SENTENCES));
        String runId = ctx.manifest().runId();
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.ENTITIES.name(), store.write(Tables.ENTITIES, r.entities(), runId));
        rows.put(Tables.LEADER_TERMS.name(), store.write(Tables.LEADER_TERMS, r.leaderTerms(), runId));
        rows.put(Tables.MENTIONS.name(), writeMentions(store, r.mentions(), runId));
        long split = r.mentions().splitRuns().value();
        summary = gazetteer + (split > 0 ? "; " + split + " runs of sentences were not whole articles, grouped by article" : "");
        return rows;
    }

    /**
     * Writes the mentions of whole runs, then appends those of split runs only when the first write counted any,
     * so the usual run reads and matches the sentences once. Returns the table's row count.
     */
    static long writeMentions(TableStore store, EntitiesStage.Mentions mentions, String runId) {
        long n = store.write(Tables.MENTIONS, mentions.whole(), runId);
        return mentions.splitRuns().value() > 0 ? store.append(Tables.MENTIONS, mentions.split(), runId) : n;
    }

    @Override
    public String summary() {
        return summary;
    }
}
