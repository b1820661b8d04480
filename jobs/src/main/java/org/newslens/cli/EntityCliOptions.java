package org.newslens.cli;

import java.util.ArrayList;
import java.util.List;
import org.newslens.entities.EntityOptions;
import picocli.CommandLine.Option;

/** Command-line options of the entities and co-occurrence stages. */
public final class EntityCliOptions {
    @Option(names = "--entities", paramLabel = "FILE", description = "Extra entities or aliases (same TSV format as data/), repeatable.")
    List<String> entityFiles = new ArrayList<>();

    @Option(names = "--min-count", paramLabel = "N", description = "Minimum pair count in cooccurrence (default: ${DEFAULT-VALUE}).")
    int minCount = EntityOptions.defaults().minCount();

    @Option(names = "--leader-counts-for-country", description = "A leader's mention also counts as a mention of the leader's country in co-occurrence.")
    boolean leaderCountsForCountry;

    EntityOptions toOptions() {
        return new EntityOptions(List.copyOf(entityFiles), minCount, leaderCountsForCountry);
    }
}
