package org.newslens.terms;

import java.util.Map;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;

/** articles + sentences -> term_frequencies, vocabulary, term_trends, collocations. */
public final class TermsStep implements Step {
    @Override
    public String name() {
        return "terms";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TableStore store = ctx.store();
        TermsStage.Result r = new TermsStage(ctx.settings().period(), ctx.settings().minCollocationCount())
                .apply(store.read(Tables.ARTICLES), store.read(Tables.SENTENCES));
        String runId = ctx.manifest().runId();
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.VOCABULARY.name(), store.write(Tables.VOCABULARY, r.vocabulary(), runId));
        rows.put(Tables.TERM_FREQUENCIES.name(), store.write(Tables.TERM_FREQUENCIES, r.termFrequencies(), runId));
        rows.put(Tables.TERM_TRENDS.name(), store.write(Tables.TERM_TRENDS, r.termTrends(), runId));
        rows.put(Tables.COLLOCATIONS.name(), store.write(Tables.COLLOCATIONS, r.collocations(), runId));
        return rows;
    }
}
