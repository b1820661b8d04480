package org.newslens.cli;

import java.util.List;
import org.newslens.entities.CooccurStep;
import org.newslens.entities.EntitiesStep;
import org.newslens.ingest.IngestStep;
import org.newslens.pipeline.Step;
import org.newslens.stories.StoriesStep;
import org.newslens.terms.TermsStep;
import org.newslens.text.TokenizeStep;
import picocli.CommandLine.Command;

/** One command per stage; each reads the previous stage's tables from --output. */
final class StageCommands {
    private StageCommands() {
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Read input files into articles, duplicates and rejects.")
    static final class Ingest extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new IngestStep());
        }
    }

    @Command(name = "tokenize", mixinStandardHelpOptions = true,
            description = "Split articles into sentences, tokens and terms (reads articles from --output).")
    static final class Tokenize extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new TokenizeStep());
        }
    }

    @Command(name = "terms", mixinStandardHelpOptions = true,
            description = "Term frequencies, vocabulary, trends and collocations (reads articles and sentences).")
    static final class Terms extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new TermsStep());
        }
    }

    @Command(name = "entities", mixinStandardHelpOptions = true,
            description = "Countries, leaders and organisations: entities, leader_terms and mentions (reads articles and sentences).")
    static final class Entities extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new EntitiesStep());
        }
    }

    @Command(name = "stories", mixinStandardHelpOptions = true,
            description = "Near-duplicate copies of one story (syndicated, retitled, cut): near_duplicates (reads articles, sentences, boilerplate).")
    static final class Stories extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new StoriesStep());
        }
    }

    @Command(name = "cooccur", mixinStandardHelpOptions = true,
            description = "Entity co-occurrence with PMI, NPMI, LLR and Jaccard, and entity trends (reads mentions, articles, sentences).")
    static final class Cooccur extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new CooccurStep());
        }
    }

    @Command(name = "topics", mixinStandardHelpOptions = true,
            description = {"LDA topics: topics, topic_summary, article_topics, topic_trends, topic_entities (reads articles,"
                + " sentences, and mentions when present); saves the model under <output>/model/topics.",
                "With --infer --model DIR --input PATH: ingest and tokenise new articles into --output and write their"
                + " article_topics with the saved model."})
    static final class Topics extends PipelineCommand {
        @picocli.CommandLine.Option(names = "--infer", description = "Assign topics to new articles with a saved model.")
        boolean infer;

        @picocli.CommandLine.Option(names = "--model", paramLabel = "DIR",
                description = "Saved model: <output of a topics run>/model/topics, or that output directory.")
        String model;

        @Override
        List<Step> steps() {
            return List.of(new org.newslens.topics.TopicsStep());
        }

        @Override
        public Integer call() {
            if (!infer) {
                if (model != null) {
                    throw new org.newslens.pipeline.UserError("--model is only used with --infer");
                }
                return super.call();
            }
            if (model == null || inputOptions.inputs.isEmpty()) {
                throw new org.newslens.pipeline.UserError("--infer needs --model DIR and --input PATH");
            }
            String arguments = spec.qualifiedName() + " " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            org.newslens.pipeline.Settings s = inputOptions.settings(output, arguments.strip(), defaultInput(),
                    entityOptions.toOptions(), storyOptions.toOptions(), topicOptions.toOptions());
            org.apache.spark.sql.SparkSession spark = sparkOptions.session();
            org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
            org.newslens.topics.TopicModel m = org.newslens.topics.TopicModel.load(model, conf);
            org.newslens.topics.TopicModel.checkOutput(model, output, conf);
            // tokenise exactly as the fitting run did
            s = new org.newslens.pipeline.Settings(s.inputs(), s.output(), s.ingest(), s.fields(), s.maxFileBytes(),
                    m.extraStopWords(), m.stem(), s.boilerplateMinArticles(), s.period(), s.minCollocationCount(), s.entities(), s.stories(), s.topics(), s.arguments());
            new org.newslens.pipeline.Pipeline(spark, s, System.out).run(List.of(new IngestStep(), new TokenizeStep(),
                    new org.newslens.topics.TopicsInferStep(m)));
            System.out.println("article_topics written to " + output);
            return 0;
        }
    }
}
