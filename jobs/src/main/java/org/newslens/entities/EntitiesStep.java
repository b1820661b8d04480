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
        try {
            rows.put(Tables.MENTIONS.name(), store.write(Tables.MENTIONS, r.mentions().rows(), runId));
        } finally {
            r.mentions().release();
        }
        summary = gazetteer.toString();
        return rows;
    }

    @Override
    public String summary() {
        return summary;
    }
}
