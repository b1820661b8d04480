package org.newslens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class DisplaysTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String SPECIALS = "&<>\"'";

    private static Dataset<Row> untrusted() {
        StructType schema = new StructType()
                .add("title<b>", DataTypes.StringType)
                .add("text", DataTypes.StringType)
                .add("n", DataTypes.IntegerType);
        List<Row> rows = List.of(
                RowFactory.create(SCRIPT, SPECIALS, 1),
                RowFactory.create("plain", null, 2));
        return Notebook.spark().createDataFrame(rows, schema);
    }

    @Test
    void datasetIsAnEscapedHtmlTable() {
        DisplayData data = Displays.render(untrusted());
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "a Dataset renders as text/html");
        assertFalse(html.contains(SCRIPT), html);
        assertFalse(html.contains("<b>"), "headers are escaped too: " + html);
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<td>&amp;&lt;&gt;&quot;&#39;</td>"), html);
        assertTrue(html.contains("<th>title&lt;b&gt;</th>"), html);
        assertTrue(html.contains("<td>null</td>"), html);
        assertFalse(html.contains("showing the first"), "all rows shown");
        assertNotNull(data.getData(MIMEType.TEXT_PLAIN), "and a text/plain fallback");
    }

    @Test
    void onlyTheFirstRowsAreShown() {
        Dataset<Row> ids = Notebook.spark().range(50).toDF();
        String html = (String) Displays.render(ids).getData(MIMEType.TEXT_HTML);
        assertEquals(Displays.DEFAULT_ROWS, count(html, "<tr><td>"), html);
        assertTrue(html.contains("showing the first 20 rows"), html);
        String five = Displays.htmlTable(ids, 5);
        assertEquals(5, count(five, "<tr><td>"));
    }

    @Test
    void escapesEveryHtmlSpecialCharacter() {
        assertEquals("&amp;&lt;&gt;&quot;&#39;", Displays.escapeHtml(SPECIALS));
        assertEquals("&amp;amp;", Displays.escapeHtml("&amp;"));
        assertEquals("plain text é", Displays.escapeHtml("plain text é"));
    }

    @Test
    void longCellsAreCut() {
        String text = Displays.cellText("x".repeat(1000));
        assertEquals(Displays.MAX_CELL_CHARS + 1, text.length());
    }

    @Test
    void chartIsAPng() throws Exception {
        XYChart chart = new XYChartBuilder().width(400).height(300).title("mentions").build();
        chart.addSeries("ukraine", new double[] {1, 2, 3}, new double[] {3, 1, 4});
        DisplayData data = Displays.render(chart);
        BufferedImage image = decodePng(data);
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).contains("mentions"));
    }

    @Test
    void bufferedImageIsAPng() throws Exception {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, Color.RED.getRGB());
        BufferedImage back = decodePng(Displays.render(img));
        assertEquals(7, back.getWidth());
        assertEquals(Color.RED.getRGB(), back.getRGB(3, 2));
    }

    @Test
    void anythingElseIsText() {
        DisplayData data = Displays.render(List.of(1, 2));
        assertEquals("[1, 2]", data.getData(MIMEType.TEXT_PLAIN));
        assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
        assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void displaySendsTheBundleToTheSink() {
        List<DisplayData> shown = new ArrayList<>();
        Notebook.setDisplaySink(shown::add);
        Notebook.display(untrusted(), 1);
        assertEquals(1, shown.size());
        String html = (String) shown.get(0).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("showing the first 1 rows"), html);
    }

    static BufferedImage decodePng(DisplayData data) throws Exception {
        String b64 = (String) data.getData(MIMEType.IMAGE_PNG);
        assertNotNull(b64, "rendered as image/png");
        byte[] png = Base64.getDecoder().decode(b64);
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, "US-ASCII"));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
