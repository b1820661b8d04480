package org.newslens.query;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** Prints a query result as an aligned text table: numbers right-aligned, wide cells truncated with '…'. */
public final class TextTable {
    public static final String NULL = "NULL";

    private TextTable() {
    }

    /**
     * Prints at most {@code limit} rows of the result (cells rendered by Spark's cast to string, as
     * spark-sql does) and a footer with the number of rows shown. Returns the number of rows printed.
     */
    public static int print(Dataset<Row> result, int limit, int truncate, PrintWriter out) {
        StructField[] fields = result.schema().fields();
        if (fields.length == 0) {
            result.collectAsList();
            out.println("OK");
            out.flush();
            return 0;
        }
        String[] header = new String[fields.length];
        boolean[] right = new boolean[fields.length];
        Column[] asText = new Column[fields.length];
        String[] positional = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            header[i] = fields[i].name();
            right[i] = fields[i].dataType() instanceof NumericType;
            positional[i] = "_c" + i;
        }
        // positional names: a join's SELECT * may repeat a column name
        Dataset<Row> renamed = result.toDF(positional);
        for (int i = 0; i < fields.length; i++) {
            asText[i] = renamed.col(positional[i]).cast("string");
        }
        List<Row> rows = renamed.select(asText).limit(limit + 1).collectAsList();
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            String[] line = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                line[i] = cell(r.isNullAt(i) ? NULL : r.getString(i), truncate);
            }
            cells.add(line);
        }
        render(header, right, cells, truncate, out);
        int n = rows.size();
        if (more) {
            out.println("(first " + n + " rows shown; --limit N for more, or --format csv --to FILE for all)");
        } else {
            out.println("(" + n + (n == 1 ? " row)" : " rows)"));
        }
        out.flush();
        return n;
    }

    /** Renders given header and cells (already strings) as an aligned table. */
    public static void render(String[] header, boolean[] right, List<String[]> cells, int truncate, PrintWriter out) {
        int cols = header.length;
        int[] width = new int[cols];
        String[] head = new String[cols];
        for (int i = 0; i < cols; i++) {
            head[i] = cell(header[i], truncate);
            width[i] = length(head[i]);
        }
        for (String[] line : cells) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], length(line[i]));
            }
        }
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(line(head, width, new boolean[cols]));
        out.println(rule);
        for (String[] l : cells) {
            out.println(line(l, width, right));
        }
    }

    private static String line(String[] cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            String pad = " ".repeat(width[i] - length(cells[i]));
            if (right[i]) {
                sb.append(pad).append(cells[i]);
            } else {
                sb.append(cells[i]);
                if (i < cells.length - 1) {
                    sb.append(pad);
                }
            }
        }
        return sb.toString();
    }

    /** One line (control characters as spaces), at most max code points, '…' marking a cut. */
    public static String cell(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max + 1));
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (max > 0 && count == max - 1 && i < s.length()) {
                sb.append('…');
                return sb.toString();
            }
            sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp);
            count++;
        }
        return sb.toString();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
