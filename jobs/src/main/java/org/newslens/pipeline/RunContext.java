package org.newslens.pipeline;

import org.apache.spark.sql.SparkSession;

/** What a step may use: the session, the output tables, the settings and the run's manifest. */
public record RunContext(SparkSession spark, TableStore store, Settings settings, RunManifest manifest) {
}
