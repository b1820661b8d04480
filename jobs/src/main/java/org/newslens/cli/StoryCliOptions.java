package org.newslens.cli;

import org.newslens.stories.StoryOptions;
import picocli.CommandLine.Option;

/** Command-line options of the stories stage. */
public final class StoryCliOptions {
    @Option(names = "--near-duplicate-threshold", paramLabel = "S",
            description = "Articles whose shingle sets have a similarity (the larger of Jaccard and containment) of at least S are copies of one story; 0 = off (default: ${DEFAULT-VALUE}).")
    double threshold = StoryOptions.DEFAULT_THRESHOLD;

    @Option(names = "--shingle-size", paramLabel = "N",
            description = "Terms per shingle when comparing articles for near-duplicates (default: ${DEFAULT-VALUE}).")
    int shingleSize = StoryOptions.DEFAULT_SHINGLE_SIZE;

    StoryOptions toOptions() {
        return new StoryOptions(threshold, shingleSize);
    }
}
