package org.newslens.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.TableDef;
import org.newslens.tables.Tables;

/** Compares every table of two runs row for row (doubles to 9 decimals; the runs manifest aside). */
final class TableComparison {
    private TableComparison() {
    }

    /** Differences found, as messages; empty when the runs are equal. */
    static List<String> differences(SparkSession spark, String expectedDir, String actualDir) {
        TableStore expected = new TableStore(spark, expectedDir);
        TableStore actual = new TableStore(spark, actualDir);
        List<String> problems = new ArrayList<>();
        for (TableDef t : Tables.all().values()) {
            if (t == Tables.RUNS || !expected.isComplete(t.name())) {
                continue;
            }
            if (!actual.isComplete(t.name())) {
                problems.add(t.name() + ": missing or incomplete");
                continue;
            }
            Dataset<Row> a = rounded(expected.read(t));
            Dataset<Row> b = rounded(actual.read(t));
            long na = a.count();
            long nb = b.count();
            long onlyA = a.exceptAll(b).count();
            long onlyB = b.exceptAll(a).count();
            if (na != nb || onlyA != 0 || onlyB != 0) {
                problems.add(t.name() + ": " + na + " vs " + nb + " rows, " + onlyA + " only in " + expectedDir + ", "
                        + onlyB + " only in " + actualDir);
            }
        }
        return problems;
    }

    private static Dataset<Row> rounded(Dataset<Row> df) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            cols.add(f.dataType() instanceof DoubleType ? round(col(f.name()), 9).as(f.name()) : col(f.name()));
        }
        return df.select(cols.toArray(Column[]::new));
    }
}
