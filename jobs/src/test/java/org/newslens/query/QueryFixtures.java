package org.newslens.query;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.newslens.TestSpark;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.TableDef;

/** Output directories made in the test with TableStore.write: tables with awkward contents. */
final class QueryFixtures {
    private QueryFixtures() {
    }

    static void write(Path dir, TableDef table, Object[]... rows) {
        List<Row> list = java.util.Arrays.stream(rows).map(RowFactory::create).toList();
        new TableStore(TestSpark.get(), dir.toString())
                .write(table, TestSpark.get().createDataFrame(list, table.schema()), "fixture-run");
    }
}
