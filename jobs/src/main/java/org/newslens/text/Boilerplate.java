package org.newslens.text;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.tables.Tables;

/**
 * Feed boilerplate: a sentence whose terms recur in many articles of one source ("Continue reading...",
 * "Comments URL: ...", "Points: 12", "Follow us on Twitter") is a template, not news. On rss-2022 such lines
 * made "comments", "url", "continue" and "reading" English terms ranked 2nd to 9th by count, and "continue
 * reading", "comments url", "article url" the top three collocations.
 *
 * <p>sentences -> boilerplate: one row per (source, language, terms) found in at least {@code minArticles}
 * articles of the source. Terms, not text, are compared, so numbers, URLs and case do not matter ("Points: 12",
 * "Points: 3"). Titles are never boilerplate (a title names its article), nor are sentences without terms, nor
 * articles without a source: they may come from anywhere, and a line repeated across sources is news. The
 * term tables and topics leave these sentences out ({@link #without}, {@link #flag}); the sentences table keeps
 * them and the entities stage reads them like any other.
 */
public final class Boilerplate {
    public static final String FLAG = "boilerplate";
    private static final String SOURCE = "source";

    private Boilerplate() {
    }

    public static Dataset<Row> find(Dataset<Row> sentences, int minArticles) {
        Dataset<Row> candidates = sentences.where(col(Tables.SENTENCE_ID).gt(0).and(size(col("terms")).gt(0))
                .and(col(SOURCE).isNotNull()));
        if (minArticles <= 0) {
            candidates = candidates.limit(0);
        }
        // A first pass counts sentences per hash of (source, language, terms), 8-byte keys: a line in N articles is in
        // at least N sentences, so none is missed. Only the few frequent lines are then grouped exactly, by their
        // terms, with their text, rather than every sentence's text going through the shuffle.
        Column hash = xxhash64(col(SOURCE), col(Tables.LANGUAGE), col("terms"));
        Dataset<Row> frequent = candidates.groupBy(hash.as("h")).agg(count(lit(1)).as("n"))
                .where(col("n").geq(minArticles)).select(col("h").as("f_h"));
        return candidates.join(broadcast(frequent), hash.equalTo(col("f_h")), "left_semi")
                .groupBy(col(SOURCE), col(Tables.LANGUAGE), col("terms"))
                .agg(count_distinct(col(Tables.ARTICLE_ID)).cast("int").as("articles"), count(lit(1)).as("sentences"),
                        min(col("text")).as("text"))
                .where(col("articles").geq(minArticles))
                .select(Tables.BOILERPLATE.sparkColumns());
    }

    /** The sentences with a boolean {@link #FLAG} column: true for a boilerplate sentence (titles never). */
    public static Dataset<Row> flag(Dataset<Row> sentences, Dataset<Row> boilerplate) {
        Dataset<Row> keys = boilerplate.select(col(SOURCE).as("bp_source"), col(Tables.LANGUAGE).as("bp_language"),
                col("terms").as("bp_terms"), lit(true).as("bp_flag")).dropDuplicates(); // a key twice would double a sentence
        Dataset<Row> joined = sentences.join(broadcast(keys), col(SOURCE).eqNullSafe(col("bp_source"))
                .and(col(Tables.LANGUAGE).eqNullSafe(col("bp_language"))).and(col("terms").equalTo(col("bp_terms")))
                .and(col(Tables.SENTENCE_ID).gt(0)), "left");
        return joined.withColumn(FLAG, col("bp_flag").isNotNull()).drop("bp_source", "bp_language", "bp_terms", "bp_flag");
    }

    /** The sentences that are not boilerplate. */
    public static Dataset<Row> without(Dataset<Row> sentences, Dataset<Row> boilerplate) {
        return flag(sentences, boilerplate).where(not(col(FLAG))).drop(FLAG);
    }
}
