package org.newslens.tables;

import java.util.List;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An output table of the pipeline: directory name, grain (what one row is), the stage that writes it,
 * and its contract columns. Stages may add columns; contract columns are never renamed.
 */
public record TableDef(String name, String stage, String grain, List<Column> columns) {

    public StructType schema() {
        return new StructType(columns.stream()
                .map(c -> new StructField(c.name(), c.type(), true, Metadata.empty()))
                .toArray(StructField[]::new));
    }

    public String[] columnNames() {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }

    public org.apache.spark.sql.Column[] sparkColumns() {
        return columns.stream().map(c -> org.apache.spark.sql.functions.col(c.name())).toArray(org.apache.spark.sql.Column[]::new);
    }
}
