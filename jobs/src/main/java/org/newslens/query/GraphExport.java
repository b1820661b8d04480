package org.newslens.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.RunManifest;
import org.newslens.pipeline.TableStore;
import org.newslens.pipeline.UserError;
import org.newslens.tables.Tables;

/**
 * The entity co-occurrence network as GEXF 1.2 (Gephi, networkx) or GraphML (Cytoscape, networkx, yEd):
 * edges are the cooccurrence rows of one scope with n_ab >= a minimum, nodes the entities on those
 * edges with their type, name, country and mention counts. Written with the JDK's StAX writer, so
 * every name is escaped; characters XML 1.0 cannot carry at all (control characters, lone surrogates)
 * become U+FFFD.
 */
public final class GraphExport {
    public static final String GEXF_NS = "http://www.gexf.net/1.2draft";
    public static final String GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";

    private GraphExport() {
    }

    public enum Format {
        gexf, graphml;

        /** From --format, else from the file's extension. */
        public static Format of(String format, String path) {
            String f = format != null ? format : path.substring(path.lastIndexOf('.') + 1);
            try {
                return valueOf(f.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError(format != null ? "unknown graph format '" + format + "'; use gexf or graphml"
                        : "cannot tell the graph format from '" + path + "': name the file .gexf or .graphml, or give --format");
            }
        }
    }

    /** A node: an entity. Counts are null when the tables to compute them are missing. */
    public record Node(String id, String label, String type, String country, Long mentions, Long articles, Long units) {
    }

    public record Edge(String source, String target, long nAb, Double npmi, Double llr, Double pmi, Double jaccard) {
    }

    public record Graph(String scope, long minCount, List<Node> nodes, List<Edge> edges) {
    }

    /** Reads the run's cooccurrence table (and entities, mentions or entity_trends when present). */
    public static Graph build(SparkSession spark, TableStore store, String scope, long minCount, Collection<String> types) {
        if (!scope.equals("article") && !scope.equals("sentence")) {
            throw new UserError("--scope must be article or sentence, not '" + scope + "'");
        }
        Dataset<Row> pairs = store.read(Tables.COOCCURRENCE)
                .filter(col("scope").equalTo(scope).and(col("n_ab").geq(minCount)));
        if (types != null && !types.isEmpty()) {
            Object[] t = types.toArray();
            pairs = pairs.filter(col("type_a").isin(t).and(col("type_b").isin(t)));
        }
        List<Row> rows = pairs.orderBy(col("n_ab").desc(), col("entity_a"), col("entity_b")).collectAsList();
        List<Edge> edges = new ArrayList<>();
        Map<String, String> typeOf = new TreeMap<>();
        Map<String, Long> units = new HashMap<>();
        for (Row r : rows) {
            String a = r.getAs("entity_a");
            String b = r.getAs("entity_b");
            edges.add(new Edge(a, b, r.<Long>getAs("n_ab"), r.getAs("npmi"), r.getAs("llr"), r.getAs("pmi"), r.getAs("jaccard")));
            typeOf.putIfAbsent(a, r.getAs("type_a"));
            typeOf.putIfAbsent(b, r.getAs("type_b"));
            units.putIfAbsent(a, r.getAs("n_a"));
            units.putIfAbsent(b, r.getAs("n_b"));
        }
        Map<String, Row> entities = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        if (!typeOf.isEmpty()) {
            Dataset<Row> ids = spark.createDataset(new ArrayList<>(typeOf.keySet()), Encoders.STRING()).toDF(Tables.ENTITY_ID);
            if (store.isComplete(Tables.ENTITIES.name())) {
                for (Row e : store.read(Tables.ENTITIES).join(ids, Tables.ENTITY_ID).collectAsList()) {
                    entities.put(e.getAs(Tables.ENTITY_ID), e);
                }
            }
            Dataset<Row> perEntity = null;
            if (store.isComplete(Tables.MENTIONS.name())) {
                perEntity = store.read(Tables.MENTIONS).join(ids, Tables.ENTITY_ID).groupBy(Tables.ENTITY_ID)
                        .agg(count(lit(1)).as("m"), countDistinct(col(Tables.ARTICLE_ID)).as("a"));
            } else if (store.isComplete(Tables.ENTITY_TRENDS.name())) {
                // each article falls in one period, so summing per-period article counts counts each once
                perEntity = store.read(Tables.ENTITY_TRENDS).join(ids, Tables.ENTITY_ID).groupBy(Tables.ENTITY_ID)
                        .agg(sum("mentions").as("m"), sum("articles").as("a"));
            }
            if (perEntity != null) {
                for (Row c : perEntity.collectAsList()) {
                    counts.put(c.getAs(Tables.ENTITY_ID), new long[] {((Number) c.getAs("m")).longValue(),
                        ((Number) c.getAs("a")).longValue()});
                }
            }
        }
        boolean haveCounts = store.isComplete(Tables.MENTIONS.name()) || store.isComplete(Tables.ENTITY_TRENDS.name());
        List<Node> nodes = new ArrayList<>();
        for (Map.Entry<String, String> n : typeOf.entrySet()) {
            Row e = entities.get(n.getKey());
            long[] c = counts.get(n.getKey());
            String type = e != null && e.getAs("type") != null ? e.getAs("type") : n.getValue();
            String label = e != null && e.getAs("name") != null ? e.getAs("name") : n.getKey();
            nodes.add(new Node(n.getKey(), label, type, e == null ? null : e.getAs("country_iso2"),
                    c != null ? Long.valueOf(c[0]) : haveCounts ? Long.valueOf(0) : null,
                    c != null ? Long.valueOf(c[1]) : haveCounts ? Long.valueOf(0) : null,
                    units.get(n.getKey())));
        }
        return new Graph(scope, minCount, nodes, edges);
    }

    public static void write(Graph g, Format format, OutputStream out) {
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            if (format == Format.gexf) {
                gexf(g, w);
            } else {
                graphml(g, w);
            }
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
            w.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the graph", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String description(Graph g) {
        return "NewsLens entity co-occurrence, scope " + g.scope() + ", n_ab >= " + g.minCount()
                + ": " + g.nodes().size() + " entities, " + g.edges().size() + " pairs";
    }

    // attribute id, type (GEXF names; GraphML maps integer->long)
    private static final String[][] NODE_ATTRS = {{"type", "string"}, {"country", "string"}, {"mentions", "long"},
        {"articles", "long"}, {"units", "long"}};
    private static final String[][] EDGE_ATTRS = {{"n_ab", "long"}, {"npmi", "double"}, {"llr", "double"},
        {"pmi", "double"}, {"jaccard", "double"}};

    private static Object[] nodeValues(Node n) {
        return new Object[] {n.type(), n.country(), n.mentions(), n.articles(), n.units()};
    }

    private static Object[] edgeValues(Edge e) {
        return new Object[] {e.nAb(), e.npmi(), e.llr(), e.pmi(), e.jaccard()};
    }

    private static void gexf(Graph g, XMLStreamWriter w) throws XMLStreamException {
        nl(w, 0);
        w.writeStartElement("gexf");
        w.writeDefaultNamespace(GEXF_NS);
        w.writeAttribute("version", "1.2");
        nl(w, 1);
        w.writeStartElement("meta");
        w.writeAttribute("lastmodifieddate", LocalDate.now().toString());
        nl(w, 2);
        element(w, "creator", "NewsLens " + RunManifest.VERSION);
        nl(w, 2);
        element(w, "description", description(g));
        nl(w, 1);
        w.writeEndElement();
        nl(w, 1);
        w.writeStartElement("graph");
        w.writeAttribute("mode", "static");
        w.writeAttribute("defaultedgetype", "undirected");
        attributes(w, "node", NODE_ATTRS);
        attributes(w, "edge", EDGE_ATTRS);
        nl(w, 2);
        w.writeStartElement("nodes");
        for (Node n : g.nodes()) {
            nl(w, 3);
            w.writeStartElement("node");
            w.writeAttribute("id", xml(n.id()));
            w.writeAttribute("label", xml(n.label()));
            attvalues(w, NODE_ATTRS, nodeValues(n));
            w.writeEndElement();
        }
        nl(w, 2);
        w.writeEndElement();
        nl(w, 2);
        w.writeStartElement("edges");
        int i = 0;
        for (Edge e : g.edges()) {
            nl(w, 3);
            w.writeStartElement("edge");
            w.writeAttribute("id", "e" + i++);
            w.writeAttribute("source", xml(e.source()));
            w.writeAttribute("target", xml(e.target()));
            w.writeAttribute("weight", String.valueOf(e.nAb()));
            attvalues(w, EDGE_ATTRS, edgeValues(e));
            w.writeEndElement();
        }
        nl(w, 2);
        w.writeEndElement();
        nl(w, 1);
        w.writeEndElement();
        nl(w, 0);
        w.writeEndElement();
    }

    private static void attributes(XMLStreamWriter w, String cls, String[][] attrs) throws XMLStreamException {
        nl(w, 2);
        w.writeStartElement("attributes");
        w.writeAttribute("class", cls);
        for (String[] a : attrs) {
            nl(w, 3);
            w.writeEmptyElement("attribute");
            w.writeAttribute("id", a[0]);
            w.writeAttribute("title", a[0]);
            w.writeAttribute("type", a[1]);
        }
        nl(w, 2);
        w.writeEndElement();
    }

    private static void attvalues(XMLStreamWriter w, String[][] attrs, Object[] values) throws XMLStreamException {
        w.writeStartElement("attvalues");
        for (int i = 0; i < attrs.length; i++) {
            if (values[i] != null && !isNaN(values[i])) {
                w.writeEmptyElement("attvalue");
                w.writeAttribute("for", attrs[i][0]);
                w.writeAttribute("value", xml(String.valueOf(values[i])));
            }
        }
        w.writeEndElement();
    }

    private static void graphml(Graph g, XMLStreamWriter w) throws XMLStreamException {
        nl(w, 0);
        w.writeStartElement("graphml");
        w.writeDefaultNamespace(GRAPHML_NS);
        w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        w.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                GRAPHML_NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        nl(w, 1);
        w.writeComment(" " + xml(description(g)).replace("--", "- -") + " ");
        key(w, "label", "node", "string");
        for (String[] a : NODE_ATTRS) {
            key(w, a[0], "node", a[1]);
        }
        key(w, "weight", "edge", "double");
        for (String[] a : EDGE_ATTRS) {
            key(w, a[0], "edge", a[1]);
        }
        nl(w, 1);
        w.writeStartElement("graph");
        w.writeAttribute("id", "newslens");
        w.writeAttribute("edgedefault", "undirected");
        for (Node n : g.nodes()) {
            nl(w, 2);
            w.writeStartElement("node");
            w.writeAttribute("id", xml(n.id()));
            data(w, "label", n.label());
            Object[] v = nodeValues(n);
            for (int i = 0; i < NODE_ATTRS.length; i++) {
                data(w, NODE_ATTRS[i][0], v[i]);
            }
            w.writeEndElement();
        }
        int i = 0;
        for (Edge e : g.edges()) {
            nl(w, 2);
            w.writeStartElement("edge");
            w.writeAttribute("id", "e" + i++);
            w.writeAttribute("source", xml(e.source()));
            w.writeAttribute("target", xml(e.target()));
            data(w, "weight", (double) e.nAb());
            Object[] v = edgeValues(e);
            for (int k = 0; k < EDGE_ATTRS.length; k++) {
                data(w, EDGE_ATTRS[k][0], v[k]);
            }
            w.writeEndElement();
        }
        nl(w, 1);
        w.writeEndElement();
        nl(w, 0);
        w.writeEndElement();
    }

    private static void key(XMLStreamWriter w, String id, String forWhat, String type) throws XMLStreamException {
        nl(w, 1);
        w.writeEmptyElement("key");
        w.writeAttribute("id", id);
        w.writeAttribute("for", forWhat);
        w.writeAttribute("attr.name", id);
        w.writeAttribute("attr.type", type);
    }

    private static void data(XMLStreamWriter w, String key, Object value) throws XMLStreamException {
        if (value == null || isNaN(value)) {
            return;
        }
        w.writeStartElement("data");
        w.writeAttribute("key", key);
        w.writeCharacters(xml(String.valueOf(value)));
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(xml(text));
        w.writeEndElement();
    }

    private static boolean isNaN(Object v) {
        return v instanceof Double d && (d.isNaN() || d.isInfinite());
    }

    private static void nl(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Text XML 1.0 can carry: characters outside its Char production (and lone surrogates) become U+FFFD. */
    public static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(ok ? c : '\uFFFD');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
