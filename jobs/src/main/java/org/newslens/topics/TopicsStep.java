package org.newslens.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.pipeline.Progress;
import org.newslens.pipeline.RunContext;
import org.newslens.pipeline.Step;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;
import org.newslens.text.Boilerplate;

/**
 * articles + sentences (boilerplate flagged, spans stripped) [+ mentions] -> topics, topic_summary, article_topics, topic_trends [, topic_entities];
 * saves the fitted model under {@code <output>/model/topics}. topic_entities is written only when the
 * mentions table is complete.
 */
public final class TopicsStep implements Step {
    private String summary = "";

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        TableStore store = ctx.store();
        Dataset<Row> mentions = store.isComplete(Tables.MENTIONS.name()) ? store.read(Tables.MENTIONS) : null;
        // with the stories stage's table, each story is fitted once (its earliest copy)
        Dataset<Row> copies = store.isComplete(Tables.NEAR_DUPLICATES.name())
                ? store.read(Tables.NEAR_DUPLICATES).where(col(Tables.ARTICLE_ID).notEqual(col(Tables.STORY_ID))).select(Tables.ARTICLE_ID)
                : null;
        TopicsStage.Languages all = new TopicsStage(ctx.settings().topics(), ctx.settings().period())
                .applyLanguages(store.read(Tables.ARTICLES),
                        Boilerplate.strip(store.read(Tables.SENTENCES), store.read(Tables.BOILERPLATE),
                                TopicsStage.SENTENCE_COLUMNS), mentions, copies);
        for (String w : all.warnings()) {
            System.out.println("[topics] warning: " + w);
        }
        String runId = ctx.manifest().runId();
        Map<String, Long> rows = Progress.rows();
        rows.put(Tables.TOPICS.name(), store.write(Tables.TOPICS, all.topics(), runId));
        rows.put(Tables.TOPIC_SUMMARY.name(), store.write(Tables.TOPIC_SUMMARY, all.topicSummary(), runId));
        rows.put(Tables.ARTICLE_TOPICS.name(), store.write(Tables.ARTICLE_TOPICS, all.articleTopics(), runId));
        rows.put(Tables.TOPIC_TRENDS.name(), store.write(Tables.TOPIC_TRENDS, all.topicTrends(), runId));
        if (all.topicEntities() != null) {
            rows.put(Tables.TOPIC_ENTITIES.name(), store.write(Tables.TOPIC_ENTITIES, all.topicEntities(), runId));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < all.results().size(); i++) {
            TopicsStage.Result r = all.results().get(i);
            if (r.model() == null) {
                continue;
            }
            TopicModel m = r.model();
            int offset = all.offsets().get(i);
            // the first language's model where it always was; the others beside it, with their topic id offset
            Path dir = i == 0 ? TopicModel.defaultPath(store.outputDir())
                    : TopicModel.languagePath(store.outputDir(), m.language());
            new TopicModel(m.language(), m.vocabulary(), m.lda(), m.k(), m.threshold(), ctx.settings().stem(),
                    ctx.settings().extraStopWords(), store.read(Tables.BOILERPLATE), offset)
                    .save(dir, ctx.spark().sparkContext().hadoopConfiguration());
            parts.add("language " + m.language() + ", k=" + m.k() + (offset == 0 ? "" : " (topic ids from " + offset + ")")
                    + ", vocabulary " + m.vocabulary().vocabulary().length + " terms; " + r.fitInfo() + "; "
                    + TopicsStage.format(r.seconds()));
        }
        summary = parts.isEmpty() ? "nothing to model" : String.join(" | ", parts);
        if (all.topicEntities() == null) {
            summary += "; no complete mentions table: topic_entities not written";
        }
        return rows;
    }

    @Override
    public String summary() {
        return summary;
    }
}
