package org.newslens.entities;

import java.io.Serializable;
import java.util.List;

/** Options of the entities and co-occurrence stages. */
public record EntityOptions(List<String> extraEntityFiles, int minCount, boolean leaderCountsForCountry)
        implements Serializable {

    public static EntityOptions defaults() {
        return new EntityOptions(List.of(), 1, false);
    }
}
