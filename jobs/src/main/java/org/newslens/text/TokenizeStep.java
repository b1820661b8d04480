package org.newslens.text;

import java.util.Map;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.tables.Tables;

/** articles -> sentences, then sentences -> boilerplate (read back: the sentences are not tokenised twice). */
public final class TokenizeStep implements Step {
    @Override
    public String name() {
        return "tokenize";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TokenizeStage stage = new TokenizeStage(ctx.settings().extraStopWords(), ctx.settings().stem());
        String runId = ctx.manifest().runId();
        long n = ctx.store().write(Tables.SENTENCES, stage.apply(ctx.store().read(Tables.ARTICLES)), runId);
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.SENTENCES.name(), n);
        rows.put(Tables.BOILERPLATE.name(), ctx.store().write(Tables.BOILERPLATE,
                Boilerplate.find(ctx.store().read(Tables.SENTENCES), ctx.store().read(Tables.ARTICLES),
                        ctx.settings().boilerplateMinArticles()), runId));
        return rows;
    }
}
