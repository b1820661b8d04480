package org.newslens.terms;

import static org.apache.spark.sql.functions.date_trunc;

import java.util.Locale;
import org.apache.spark.sql.Column;

/** Granularity of the trend tables; a period is named by its first day. */
public enum Period {
    DAY, WEEK, MONTH;

    /** Start date of the period containing the given date column (ISO weeks start on Monday). */
    public Column of(Column date) {
        return date_trunc(name().toLowerCase(Locale.ROOT), date).cast("date");
    }

    public static Period parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.newslens.pipeline.UserError("unknown period '" + s + "' (expected day, week or month)");
        }
    }
}
