package org.newslens.terms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.stats.Association;
import org.newslens.tables.Tables;

/**
 * sentences + articles -> term_frequencies, vocabulary, term_trends, collocations. All counts are per
 * language: N, df and idf of an English term count English articles only, so a Polish feed never
 * shifts English figures.
 */
public final class TermsStage {

    public record Result(Dataset<Row> termFrequencies, Dataset<Row> vocabulary, Dataset<Row> termTrends,
                         Dataset<Row> collocations) {
    }

    private final Period period;
    private final int minCollocationCount;

    public TermsStage(Period period, int minCollocationCount) {
        this.period = period;
        this.minCollocationCount = minCollocationCount;
    }

    public Result apply(Dataset<Row> articles, Dataset<Row> sentences) {
        Dataset<Row> tf = sentences.select(col(Tables.ARTICLE_ID), col(Tables.LANGUAGE), explode(col("terms")).as(Tables.TERM))
                .groupBy(Tables.ARTICLE_ID, Tables.LANGUAGE, Tables.TERM).agg(count(lit(1)).cast("int").as("tf"));

        Dataset<Row> docsPerLanguage = articles.groupBy(Tables.LANGUAGE).agg(count(lit(1)).as("n_docs"));
        Dataset<Row> vocabulary = tf.groupBy(Tables.LANGUAGE, Tables.TERM)
                .agg(count(lit(1)).cast("int").as("df"), sum("tf").cast("long").as("cf"))
                .join(docsPerLanguage, Tables.LANGUAGE)
                .withColumn("idf", log(col("n_docs").plus(1).divide(col("df").plus(1))))
                .select(Tables.VOCABULARY.sparkColumns());

        Dataset<Row> termFrequencies = tf.join(vocabulary.select(Tables.LANGUAGE, Tables.TERM, "idf"),
                        new String[] {Tables.LANGUAGE, Tables.TERM})
                .withColumn("tf_idf", col("tf").multiply(col("idf")))
                .select(Tables.TERM_FREQUENCIES.sparkColumns());

        Dataset<Row> dated = articles.where(col("published_date").isNotNull())
                .select(col(Tables.ARTICLE_ID), period.of(col("published_date")).as(Tables.PERIOD));
        Dataset<Row> termTrends = tf.join(dated, Tables.ARTICLE_ID)
                .groupBy(Tables.PERIOD, Tables.LANGUAGE, Tables.TERM)
                .agg(sum("tf").cast("long").as("count"), count(lit(1)).as("articles"))
                .select(Tables.TERM_TRENDS.sparkColumns());

        return new Result(termFrequencies, vocabulary, termTrends, collocations(sentences));
    }

    /**
     * Bigrams and trigrams of terms adjacent in the token sequence (no stop word or number between them),
     * scored by PMI against unigram probabilities and, for bigrams, Dunning's log-likelihood ratio.
     */
    Dataset<Row> collocations(Dataset<Row> sentences) {
        Dataset<Row> grams = sentences.select(col(Tables.ARTICLE_ID), col(Tables.LANGUAGE),
                expr(ngrams(2)).as("bigrams"), expr(ngrams(3)).as("trigrams"));
        Dataset<Row> bigramRows = grams.select(col(Tables.ARTICLE_ID), col(Tables.LANGUAGE), explode(col("bigrams")).as("g"));
        Dataset<Row> trigramRows = grams.select(col(Tables.ARTICLE_ID), col(Tables.LANGUAGE), explode(col("trigrams")).as("g"));

        Dataset<Row> unigrams = sentences.select(col(Tables.LANGUAGE), explode(col("terms")).as("w"))
                .groupBy(Tables.LANGUAGE, "w").agg(count(lit(1)).as("c"));
        Dataset<Row> unigramTotals = unigrams.groupBy(Tables.LANGUAGE).agg(sum("c").as("n_uni"));

        Dataset<Row> bigrams = scored(bigramRows, 2, unigrams, unigramTotals);
        Dataset<Row> trigrams = scored(trigramRows, 3, unigrams, unigramTotals);
        return bigrams.unionByName(trigrams).select(Tables.COLLOCATIONS.sparkColumns());
    }

    private Dataset<Row> scored(Dataset<Row> rows, int n, Dataset<Row> unigrams, Dataset<Row> unigramTotals) {
        Dataset<Row> counted = rows.groupBy(col(Tables.LANGUAGE), col("g").as("parts"))
                .agg(count(lit(1)).as("count"), countDistinct(col(Tables.ARTICLE_ID)).cast("int").as("df"));
        Dataset<Row> totals = counted.groupBy(Tables.LANGUAGE).agg(sum("count").as("n_grams"));
        Dataset<Row> kept = counted.where(col("count").geq(minCollocationCount)).join(totals, Tables.LANGUAGE)
                .join(unigramTotals, Tables.LANGUAGE);
        // log2 P(w1..wn) - sum log2 P(wi)
        Column pmi = log(2.0, col("count").divide(col("n_grams")));
        for (int i = 0; i < n; i++) {
            Dataset<Row> u = unigrams.withColumnRenamed(Tables.LANGUAGE, "l" + i).withColumnRenamed("w", "w" + i)
                    .withColumnRenamed("c", "c" + i);
            kept = kept.join(u, col(Tables.LANGUAGE).equalTo(col("l" + i)).and(col("parts").getItem(i).equalTo(col("w" + i))));
            pmi = pmi.minus(log(2.0, col("c" + i).divide(col("n_uni"))));
        }
        Column llr = lit(null).cast("double");
        if (n == 2) {
            Dataset<Row> firsts = rows.groupBy(col(Tables.LANGUAGE).as("lf"), col("g").getItem(0).as("f0")).agg(count(lit(1)).as("n_first"));
            Dataset<Row> seconds = rows.groupBy(col(Tables.LANGUAGE).as("ls"), col("g").getItem(1).as("s1")).agg(count(lit(1)).as("n_second"));
            kept = kept.join(firsts, col(Tables.LANGUAGE).equalTo(col("lf")).and(col("parts").getItem(0).equalTo(col("f0"))))
                    .join(seconds, col(Tables.LANGUAGE).equalTo(col("ls")).and(col("parts").getItem(1).equalTo(col("s1"))));
            llr = Association.dunning(col("count"), col("n_first").minus(col("count")), col("n_second").minus(col("count")),
                    col("n_grams").minus(col("n_first")).minus(col("n_second")).plus(col("count")));
        }
        return kept.select(col(Tables.LANGUAGE), expr("array_join(parts, ' ')").as("ngram"), lit(n).as("n"),
                col("count"), col("df"), pmi.as("pmi"), llr.as("llr"));
    }

    /** SQL for the n-grams of a sentence whose terms sit at consecutive token positions. */
    static String ngrams(int n) {
        // bounds first: AND short-circuits, so no index is read outside the array
        StringBuilder adjacent = new StringBuilder("i >= 0 AND i + " + n + " <= size(terms)");
        StringBuilder parts = new StringBuilder("array(terms[i]");
        for (int k = 1; k < n; k++) {
            adjacent.append(" AND term_positions[i + ").append(k).append("] = term_positions[i] + ").append(k);
            parts.append(", terms[i + ").append(k).append("]");
        }
        parts.append(")");
        return "filter(transform(sequence(0, size(terms) - " + n + "), i -> IF(" + adjacent + ", " + parts
                + ", NULL)), g -> g IS NOT NULL)";
    }
}
