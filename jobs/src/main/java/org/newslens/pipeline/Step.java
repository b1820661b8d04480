package org.newslens.pipeline;

import java.util.Map;

/**
 * A runnable stage: reads its input tables from the store, calls the pure stage class, writes its
 * output tables. Returns rows written per table.
 */
public interface Step {
    String name();

    Map<String, Long> run(RunContext context);

    /** Optional detail for the stage's end line. */
    default String summary() {
        return "";
    }
}
