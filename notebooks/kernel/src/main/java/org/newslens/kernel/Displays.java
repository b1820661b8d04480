package org.newslens.kernel;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns a cell's value into a Jupyter MIME bundle: a Spark Dataset as an HTML table (every header and
 * cell HTML-escaped, as article text is untrusted input), an image or an XChart chart as image/png,
 * anything else as text/plain.
 */
public final class Displays {
    /** Rows shown for a Dataset unless asked otherwise. */
    public static final int DEFAULT_ROWS = 20;
    /** Longest text shown in one table cell; the rest is cut with an ellipsis. */
    public static final int MAX_CELL_CHARS = 300;

    private Displays() {
    }

    public static DisplayData render(Object value) {
        return render(value, DEFAULT_ROWS);
    }

    public static DisplayData render(Object value, int rows) {
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value instanceof Dataset<?> ds) {
            Dataset<Row> df = ds.toDF();
            List<Row> head = df.takeAsList(Math.max(0, rows) + 1);
            DisplayData data = new DisplayData(textTable(df.columns(), head, rows));
            data.putHTML(htmlTable(df.columns(), head, rows));
            return data;
        }
        if (value instanceof RenderedImage image) {
            return png(pngBytes(image), image.getWidth() + "x" + image.getHeight() + " image");
        }
        if (value instanceof Chart<?, ?> chart) {
            return png(chartPng(chart), chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\"");
        }
        return new DisplayData(String.valueOf(value));
    }

    /** The first rows of a Dataset as an HTML table, every header and cell escaped. */
    public static String htmlTable(Dataset<?> ds, int rows) {
        Dataset<Row> df = ds.toDF();
        return htmlTable(df.columns(), df.takeAsList(Math.max(0, rows) + 1), rows);
    }

    /** {@code head} may hold one row more than {@code rows}: it tells that the table goes on. */
    static String htmlTable(String[] columns, List<Row> head, int rows) {
        StringBuilder sb = new StringBuilder("<table class=\"newslens-table\">\n<thead><tr>");
        for (String column : columns) {
            sb.append("<th>").append(escapeHtml(column)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(rows, head.size());
        for (int r = 0; r < shown; r++) {
            Row row = head.get(r);
            sb.append("<tr>");
            for (int c = 0; c < row.length(); c++) {
                sb.append("<td>").append(escapeHtml(cellText(row.get(c)))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (head.size() > shown) {
            sb.append("<p><i>showing the first ").append(shown).append(" rows</i></p>\n");
        }
        return sb.toString();
    }

    static String textTable(String[] columns, List<Row> head, int rows) {
        StringBuilder sb = new StringBuilder(String.join(" | ", columns)).append('\n');
        int shown = Math.min(rows, head.size());
        for (int r = 0; r < shown; r++) {
            Row row = head.get(r);
            for (int c = 0; c < row.length(); c++) {
                sb.append(c == 0 ? "" : " | ").append(cellText(row.get(c)).replace('\n', ' '));
            }
            sb.append('\n');
        }
        if (head.size() > shown) {
            sb.append("(showing the first ").append(shown).append(" rows)\n");
        }
        return sb.toString();
    }

    /** A cell value as text: Scala collections and nested rows readable, long text cut. */
    static String cellText(Object value) {
        String text;
        if (value == null) {
            text = "null";
        } else if (value instanceof scala.collection.Iterable<?> seq) {
            text = seq.mkString("[", ", ", "]");
        } else if (value instanceof byte[] bytes) {
            text = "<" + bytes.length + " bytes>";
        } else {
            text = value.toString();
        }
        if (text.length() > MAX_CELL_CHARS) {
            text = text.substring(0, MAX_CELL_CHARS) + "\u2026";
        }
        return text;
    }

    /** Escapes text for HTML element content and attribute values: &amp; &lt; &gt; &quot; &#39;. */
    public static String escapeHtml(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    public static byte[] pngBytes(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer for this image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] chartPng(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chart drawn into an image, e.g. to combine or post-process it. */
    public static BufferedImage chartImage(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static DisplayData png(byte[] png, String alt) {
        DisplayData data = new DisplayData(alt);
        data.putData("image/png", Base64.getEncoder().encodeToString(png));
        return data;
    }
}
