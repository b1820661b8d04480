package org.newslens.cli;

import org.newslens.topics.TopicOptions;
import picocli.CommandLine.Option;

/** Command-line options of the topics stage. */
public final class TopicCliOptions {
    @Option(names = {"-k", "--topics"}, paramLabel = "K", description = "Number of topics (default: ${DEFAULT-VALUE}).")
    int k = TopicOptions.defaults().k();

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = TopicOptions.defaults().seed();

    TopicOptions toOptions() {
        return new TopicOptions(k, seed);
    }
}
