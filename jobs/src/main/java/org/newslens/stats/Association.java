package org.newslens.stats;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Association scores as Spark columns, shared by collocations and entity co-occurrence. */
public final class Association {
    private Association() {
    }

    /**
     * Dunning's log-likelihood ratio G2 = 2 * sum k_ij * ln(k_ij * N / (row_i * col_j)) over the 2x2
     * contingency table (k11 both, k12 first only, k21 second only, k22 neither), with 0 * ln 0 = 0.
     */
    public static Column dunning(Column k11, Column k12, Column k21, Column k22) {
        Column total = k11.plus(k12).plus(k21).plus(k22);
        Column r1 = k11.plus(k12);
        Column r2 = k21.plus(k22);
        Column c1 = k11.plus(k21);
        Column c2 = k12.plus(k22);
        return lit(2.0).multiply(cell(k11, r1, c1, total).plus(cell(k12, r1, c2, total)).plus(cell(k21, r2, c1, total))
                .plus(cell(k22, r2, c2, total)));
    }

    private static Column cell(Column k, Column row, Column column, Column total) {
        return when(k.gt(0), k.multiply(log(k.multiply(total).divide(row.multiply(column))))).otherwise(lit(0.0));
    }
}
