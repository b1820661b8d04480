package org.newslens.text;

import java.util.Map;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.tables.Tables;

/** articles -> sentences. */
public final class TokenizeStep implements Step {
    @Override
    public String name() {
        return "tokenize";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TokenizeStage stage = new TokenizeStage(ctx.settings().extraStopWords(), ctx.settings().stem());
        long n = ctx.store().write(Tables.SENTENCES, stage.apply(ctx.store().read(Tables.ARTICLES)), ctx.manifest().runId());
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.SENTENCES.name(), n);
        return rows;
    }
}
