package org.newslens.cli;

import java.util.ArrayList;
import java.util.List;
import org.newslens.pipeline.Pipeline;
import org.newslens.pipeline.Step;
import org.newslens.pipeline.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every stage: ingest, tokenize, stories, terms, entities, cooccur, topics. With no options: the seed article into ./out.")
final class RunCommand extends PipelineCommand {
    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            description = "Run only these stages, in pipeline order (e.g. ingest,tokenize,terms).")
    List<String> stages = new ArrayList<>();

    @Override
    List<Step> steps() {
        List<Step> all = Pipeline.allSteps();
        if (stages.isEmpty()) {
            return all;
        }
        List<String> names = all.stream().map(Step::name).toList();
        for (String s : stages) {
            if (!names.contains(s)) {
                throw new UserError("unknown stage '" + s + "' in --stages (expected " + String.join(", ", names) + ")");
            }
        }
        return all.stream().filter(s -> stages.contains(s.name())).toList();
    }
}
