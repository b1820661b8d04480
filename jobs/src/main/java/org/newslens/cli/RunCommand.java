package org.newslens.cli;

import java.util.List;
import org.newslens.pipeline.Pipeline;
import org.newslens.pipeline.Step;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every stage: ingest, tokenize, terms, entities, cooccur, topics. With no options: the seed article into ./out.")
final class RunCommand extends PipelineCommand {
    @Override
    List<Step> steps() {
        return Pipeline.allSteps();
    }
}
