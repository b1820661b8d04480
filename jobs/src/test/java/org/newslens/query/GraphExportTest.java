package org.newslens.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** export graph on fixture tables whose names need escaping; the files are parsed back with a DOM parser. */
class GraphExportTest {
    static Path out;
    static final String NASTY = "Tom & \"Jerry\" <O'Brien> ]]> \u0001";
    static final String KYIV = "Володимир Зеленський – 澤倫斯基 😀";

    @BeforeAll
    static void fixture() {
        TestSpark.get();
        out = TestSpark.tempDir("nl-graph");
        QueryFixtures.write(out, Tables.ENTITIES,
                new Object[] {"country:UA", "country", "Ukraine", "UA"},
                new Object[] {"country:RU", "country", "Russia", "RU"},
                new Object[] {"leader:zelensky", "leader", KYIV, "UA"},
                new Object[] {"leader:a&b<c>", "leader", NASTY, null},
                new Object[] {"org:nato", "organization", "NATO", null});
        QueryFixtures.write(out, Tables.MENTIONS,
                mention("a1", "country:UA"), mention("a1", "country:UA"), mention("a2", "country:UA"),
                mention("a1", "country:RU"), mention("a2", "leader:zelensky"), mention("a1", "leader:a&b<c>"),
                mention("a1", "org:nato"));
        QueryFixtures.write(out, Tables.COOCCURRENCE,
                pair("article", "country:RU", "country:UA", "country", "country", 5, 0.4, 12.5),
                pair("article", "country:UA", "leader:zelensky", "country", "leader", 3, 0.6, 8.25),
                pair("article", "country:UA", "leader:a&b<c>", "country", "leader", 2, null, Double.NaN),
                pair("article", "country:UA", "org:nato", "country", "organization", 1, 0.1, 0.5),
                pair("sentence", "country:RU", "country:UA", "country", "country", 4, 0.3, 9.0));
    }

    static Object[] mention(String article, String entity) {
        return new Object[] {article, 1, entity, entity.substring(0, 1) + entity.split(":")[0], entity.startsWith("country") ? "country" : "leader",
            0, 5, "name", false, java.util.List.of(entity), null};
    }

    static Object[] pair(String scope, String a, String b, String ta, String tb, long nab, Double npmi, Double llr) {
        return new Object[] {scope, a, b, ta, tb, nab, 7L, 6L, 10L, 1.5, npmi, llr, 0.25, null};
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void gexfParsesBackWithEveryNameIntact() throws Exception {
        Path file = out.resolve("net.gexf");
        Cli r = Cli.run("export", "graph", "--output", out.toString(), "--scope", "article", "--min-count", "2", "--to", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 entities and 3 pairs (article scope, n_ab >= 2)"), r.out());
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        assertEquals(GraphExport.GEXF_NS, root.getNamespaceURI());
        assertEquals("gexf", root.getLocalName());
        NodeList nodes = doc.getElementsByTagNameNS(GraphExport.GEXF_NS, "node");
        assertEquals(4, nodes.getLength());
        Map<String, Element> byId = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            byId.put(n.getAttribute("id"), n);
        }
        assertEquals(KYIV, byId.get("leader:zelensky").getAttribute("label"));
        assertEquals("Tom & \"Jerry\" <O'Brien> ]]> \uFFFD", byId.get("leader:a&b<c>").getAttribute("label"));
        Map<String, String> ua = attvalues(byId.get("country:UA"));
        assertEquals("country", ua.get("type"));
        assertEquals("UA", ua.get("country"));
        assertEquals("3", ua.get("mentions"));
        assertEquals("2", ua.get("articles"));
        assertEquals(null, attvalues(byId.get("leader:a&b<c>")).get("country"), "null values are left out");
        NodeList edges = doc.getElementsByTagNameNS(GraphExport.GEXF_NS, "edge");
        assertEquals(3, edges.getLength());
        Element first = (Element) edges.item(0);
        assertEquals("country:RU", first.getAttribute("source"));
        assertEquals("country:UA", first.getAttribute("target"));
        assertEquals("5", first.getAttribute("weight"));
        assertEquals(Map.of("n_ab", "5", "npmi", "0.4", "llr", "12.5", "pmi", "1.5", "jaccard", "0.25"), attvalues(first));
        Map<String, String> nasty = attvalues((Element) edges.item(2));
        assertEquals("leader:a&b<c>", ((Element) edges.item(2)).getAttribute("target"));
        assertEquals(null, nasty.get("npmi"));
        assertEquals(null, nasty.get("llr"), "NaN is left out");
    }

    @Test
    void graphmlParsesBackAndFiltersTypesAndScope() throws Exception {
        Path file = out.resolve("net.graphml");
        Cli r = Cli.run("export", "graph", "--output", out.toString(), "--scope", "article", "--types", "country,leader",
                "--to", file.toString());
        assertEquals(0, r.code(), r.err());
        Document doc = parse(file);
        assertEquals(GraphExport.GRAPHML_NS, doc.getDocumentElement().getNamespaceURI());
        NodeList nodes = doc.getElementsByTagNameNS(GraphExport.GRAPHML_NS, "node");
        assertEquals(4, nodes.getLength(), "NATO left out by --types");
        Map<String, Map<String, String>> data = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            data.put(n.getAttribute("id"), data(n));
        }
        assertEquals(NASTY.replace('\u0001', '\uFFFD'), data.get("leader:a&b<c>").get("label"));
        assertEquals(KYIV, data.get("leader:zelensky").get("label"));
        assertEquals("1", data.get("leader:zelensky").get("mentions"));
        NodeList edges = doc.getElementsByTagNameNS(GraphExport.GRAPHML_NS, "edge");
        assertEquals(3, edges.getLength());
        assertEquals("5.0", data((Element) edges.item(0)).get("weight"));

        Path sentence = out.resolve("sentence.graphml");
        assertEquals(0, Cli.run("export", "graph", "--output", out.toString(), "--scope", "sentence", "--to", sentence.toString()).code());
        assertEquals(1, parse(sentence).getElementsByTagNameNS(GraphExport.GRAPHML_NS, "edge").getLength());
    }

    @Test
    void graphErrorsAreUserErrors() {
        QueryCommandsTest.assertUserError(Cli.run("export", "graph", "--output", out.toString(), "--scope", "paragraph",
                "--to", out.resolve("x.gexf").toString()), "--scope must be article or sentence");
        QueryCommandsTest.assertUserError(Cli.run("export", "graph", "--output", out.toString(),
                "--to", out.resolve("x.png").toString()), ".gexf or .graphml");
        Path empty = TestSpark.tempDir("nl-graph-empty");
        QueryFixtures.write(empty, Tables.VOCABULARY, new Object[] {"en", "war", 1, 2L, 0.5});
        QueryCommandsTest.assertUserError(Cli.run("export", "graph", "--output", empty.toString(),
                "--to", out.resolve("x.gexf").toString()), "table 'cooccurrence' not found");
    }

    static Map<String, String> attvalues(Element e) {
        Map<String, String> m = new HashMap<>();
        NodeList l = e.getElementsByTagNameNS(GraphExport.GEXF_NS, "attvalue");
        for (int i = 0; i < l.getLength(); i++) {
            Element a = (Element) l.item(i);
            m.put(a.getAttribute("for"), a.getAttribute("value"));
        }
        return m;
    }

    static Map<String, String> data(Element e) {
        Map<String, String> m = new HashMap<>();
        NodeList l = e.getElementsByTagNameNS(GraphExport.GRAPHML_NS, "data");
        for (int i = 0; i < l.getLength(); i++) {
            Element a = (Element) l.item(i);
            m.put(a.getAttribute("key"), a.getTextContent());
        }
        return m;
    }
}
