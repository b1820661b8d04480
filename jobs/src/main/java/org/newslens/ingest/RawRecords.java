package org.newslens.ingest;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Records as read from input files, before cleaning: the fields mapped to article fields, still raw
 * (HTML, unparsed dates). A non-null {@code error} makes the record a reject.
 */
public final class RawRecords {
    private RawRecords() {
    }

    public static final int MAX_RAW_CHARS = 1000;

    public static final StructType SCHEMA = new StructType()
            .add("input_file", StringType)
            .add("record_index", LongType)
            .add("id", StringType)
            .add("title", StringType)
            .add("text", StringType)
            .add("date", StringType)
            .add("url", StringType)
            .add("source", StringType)
            .add("language", StringType)
            .add("raw", StringType)
            .add("error", StringType);

    public static Row record(String file, long index, String id, String title, String text, String date,
                             String url, String source, String language, String raw) {
        return RowFactory.create(file, index, id, title, text, date, url, source, language, truncate(raw), null);
    }

    public static Row error(String file, Long index, String raw, String reason) {
        return RowFactory.create(file, index, null, null, null, null, null, null, null, truncate(raw), reason);
    }

    public static String truncate(String raw) {
        if (raw == null) {
            return null;
        }
        return raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS) + "…";
    }
}
