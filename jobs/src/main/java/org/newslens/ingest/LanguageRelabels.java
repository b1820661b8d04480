package org.newslens.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.tables.Tables;

/**
 * The articles whose text overruled their label (language != language_declared), per source: the count a user
 * checks first when a corpus's labels come per feed. One small aggregate over the written articles.
 */
public record LanguageRelabels(List<Relabel> bySource) {

    public record Relabel(String source, String declared, String language, long articles) {
    }

    /** Sources listed in the manifest; the rest are summed into one row with source "(other sources)". */
    public static final int MANIFEST_SOURCES = 200;

    public static LanguageRelabels of(Dataset<Row> articles) {
        List<Relabel> rows = new ArrayList<>();
        for (Row r : articles.where(col("language_declared").isNotNull().and(col(Tables.LANGUAGE).notEqual(col("language_declared"))))
                .groupBy(coalesce(col("source"), lit("(no source)")).as("source"), col("language_declared"), col(Tables.LANGUAGE))
                .agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col("source"), col("language_declared"), col(Tables.LANGUAGE))
                .collectAsList()) {
            rows.add(new Relabel(r.getString(0), r.getString(1), r.getString(2), r.getLong(3)));
        }
        return new LanguageRelabels(rows);
    }

    public long total() {
        return bySource.stream().mapToLong(Relabel::articles).sum();
    }

    /** e.g. "; 1,901 language labels overruled by the text (en->pl 1,901), most in 'feed A' (1,200 en->pl)" */
    public String summary() {
        if (bySource.isEmpty()) {
            return "";
        }
        Map<String, Long> byPair = new LinkedHashMap<>();
        bySource.forEach(r -> byPair.merge(r.declared() + "->" + r.language(), r.articles(), Long::sum));
        List<String> pairs = new ArrayList<>();
        byPair.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(3)
                .forEach(e -> pairs.add(e.getKey() + " " + e.getValue()));
        Relabel top = bySource.get(0);
        return "; " + total() + " language labels overruled by the text (" + String.join(", ", pairs)
                + (byPair.size() > 3 ? ", ..." : "") + ") in " + bySource.stream().map(Relabel::source).distinct().count()
                + " sources, most in '" + top.source() + "' (" + top.articles() + " " + top.declared() + "->" + top.language() + ")";
    }

    /** [{source, declared, language, articles}], the first {@link #MANIFEST_SOURCES} rows and one for the rest. */
    public ArrayNode toJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        long rest = 0;
        for (int i = 0; i < bySource.size(); i++) {
            Relabel r = bySource.get(i);
            if (i < MANIFEST_SOURCES) {
                out.addObject().put("source", r.source()).put("declared", r.declared()).put("language", r.language())
                        .put("articles", r.articles());
            } else {
                rest += r.articles();
            }
        }
        if (rest > 0) {
            out.addObject().put("source", "(other sources)").put("articles", rest);
        }
        return out;
    }
}
