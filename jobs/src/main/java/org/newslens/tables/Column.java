package org.newslens.tables;

import org.apache.spark.sql.types.DataType;

/** One column of an output table: its name, Spark type and what it means. */
public record Column(String name, DataType type, String description) {
}
