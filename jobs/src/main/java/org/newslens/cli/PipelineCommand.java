package org.newslens.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.Pipeline;
import org.newslens.pipeline.Settings;
import org.newslens.pipeline.Step;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A command that runs some pipeline steps against an output directory. */
abstract class PipelineCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    String output = "out";

    @Mixin
    InputOptions inputOptions;

    @Mixin
    EntityCliOptions entityOptions;

    @Mixin
    StoryCliOptions storyOptions;

    @Mixin
    TopicCliOptions topicOptions;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    abstract List<Step> steps();

    /** The seed article shipped with NewsLens: bin/newslens sets NEWSLENS_HOME. */
    static String defaultInput() {
        String home = System.getenv("NEWSLENS_HOME");
        return home == null ? "seeds" : home + "/seeds";
    }

    @Override
    public Integer call() {
        String arguments = "newslens " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Settings settings = inputOptions.settings(output, arguments.strip(), defaultInput(),
                entityOptions.toOptions(), storyOptions.toOptions(), topicOptions.toOptions());
        SparkSession spark = sparkOptions.session();
        new Pipeline(spark, settings, System.out).run(steps());
        System.out.println("tables written to " + output);
        return 0;
    }
}
