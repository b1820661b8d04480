package org.newslens.topics;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.tables.Tables;
import org.newslens.text.Boilerplate;

/** sentences (less the batch's and the fit's boilerplate) + a saved model -> article_topics of those articles (only the model's language gets rows). */
public final class TopicsInferStep implements Step {
    private final TopicModel model;

    public TopicsInferStep(TopicModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return "topics-infer";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        Map<String, Long> rows = Progress.rows();
        Dataset<Row> boilerplate = ctx.store().read(Tables.BOILERPLATE);
        if (model.boilerplate() != null) {
            boilerplate = boilerplate.unionByName(model.boilerplate(), true); // a model saved before span templates lacks their columns
        }
        rows.put(Tables.ARTICLE_TOPICS.name(), ctx.store().write(Tables.ARTICLE_TOPICS,
                TopicsStage.infer(model, Boilerplate.strip(ctx.store().read(Tables.SENTENCES), boilerplate, TopicsStage.SENTENCE_COLUMNS)), ctx.manifest().runId()));
        return rows;
    }

    @Override
    public String summary() {
        return "model: language " + model.language() + ", k=" + model.k();
    }
}
