package org.newslens.cli;

import java.util.List;
import org.newslens.entities.CooccurStep;
import org.newslens.entities.EntitiesStep;
import org.newslens.ingest.IngestStep;
import org.newslens.pipeline.Step;
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

    @Command(name = "cooccur", mixinStandardHelpOptions = true,
            description = "Entity co-occurrence with PMI, NPMI, LLR and Jaccard, and entity trends (reads mentions, articles, sentences).")
    static final class Cooccur extends PipelineCommand {
        @Override
        List<Step> steps() {
            return List.of(new CooccurStep());
        }
    }
}
