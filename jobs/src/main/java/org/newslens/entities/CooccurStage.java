package org.newslens.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.stats.Association;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;

/**
 * mentions + articles + sentences (+ entities for --leader-counts-for-country) -> cooccurrence,
 * cooccurrence_trends, entity_trends. Ambiguous mentions are left out. A unit is an article
 * (scope "article") or a sentence (scope "sentence"); a unit counts an entity or a pair at most once;
 * n is the number of all units of the scope in the corpus, with or without mentions.
 */
public final class CooccurStage {

    public record Result(Dataset<Row> cooccurrence, Dataset<Row> cooccurrenceTrends, Dataset<Row> entityTrends) {
    }

    private final Period period;
    private final int minCount;
    private final boolean leaderCountsForCountry;

    public CooccurStage(Period period, int minCount, boolean leaderCountsForCountry) {
        this.period = period;
        this.minCount = minCount;
        this.leaderCountsForCountry = leaderCountsForCountry;
    }

    public CooccurStage(Period period, EntityOptions options) {
        this(period, options.minCount(), options.leaderCountsForCountry());
    }

    /** @param entities the entities table; used only with --leader-counts-for-country (may be null otherwise) */
    public Result apply(Dataset<Row> mentions, Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> entities) {
        Dataset<Row> resolved = mentions.where(col("ambiguous").equalTo(false))
                .select(col(Tables.ARTICLE_ID), col(Tables.SENTENCE_ID), col(Tables.ENTITY_ID), col("entity_type"));
        Dataset<Row> counted = resolved;
        if (leaderCountsForCountry) {
            Dataset<Row> countryOf = entities.where(col("type").equalTo(Gazetteer.LEADER).and(col("country_iso2").isNotNull()))
                    .select(col(Tables.ENTITY_ID).as("leader_id"), concat(lit("country:"), col("country_iso2")).as("country_id"));
            Dataset<Row> asCountry = resolved.where(col("entity_type").equalTo(Gazetteer.LEADER))
                    .join(countryOf, col(Tables.ENTITY_ID).equalTo(col("leader_id")))
                    .select(col(Tables.ARTICLE_ID), col(Tables.SENTENCE_ID), col("country_id").as(Tables.ENTITY_ID),
                            lit(Gazetteer.COUNTRY).as("entity_type"));
            counted = resolved.unionByName(asCountry);
        }
        // one row per (scope, unit, entity); article units have sentence_id -1
        Dataset<Row> units = counted.select(lit("article").as("scope"), col(Tables.ARTICLE_ID), lit(-1).as("unit_sentence"),
                        col(Tables.ENTITY_ID), col("entity_type"))
                .unionByName(counted.select(lit("sentence").as("scope"), col(Tables.ARTICLE_ID),
                        col(Tables.SENTENCE_ID).as("unit_sentence"), col(Tables.ENTITY_ID), col("entity_type")))
                .distinct();

        Dataset<Row> a = units.select(col("scope"), col(Tables.ARTICLE_ID), col("unit_sentence"),
                col(Tables.ENTITY_ID).as("entity_a"), col("entity_type").as("type_a"));
        Dataset<Row> b = units.select(col("scope").as("scope_b"), col(Tables.ARTICLE_ID).as("article_b"),
                col("unit_sentence").as("sentence_b"), col(Tables.ENTITY_ID).as("entity_b"), col("entity_type").as("type_b"));
        Dataset<Row> pairs = a.join(b, col("scope").equalTo(col("scope_b"))
                        .and(col(Tables.ARTICLE_ID).equalTo(col("article_b")))
                        .and(col("unit_sentence").equalTo(col("sentence_b")))
                        .and(col("entity_a").lt(col("entity_b"))))
                .select(col("scope"), col(Tables.ARTICLE_ID), col("entity_a"), col("entity_b"), col("type_a"), col("type_b"));

        Dataset<Row> perEntity = units.groupBy(col("scope"), col(Tables.ENTITY_ID)).agg(count(lit(1)).as("n_x"));
        Dataset<Row> totals = articles.agg(count(lit(1)).as("n")).select(lit("article").as("scope_n"), col("n"))
                .unionByName(sentences.agg(count(lit(1)).as("n")).select(lit("sentence").as("scope_n"), col("n")));

        Dataset<Row> pairCounts = pairs.groupBy("scope", "entity_a", "entity_b", "type_a", "type_b")
                .agg(count(lit(1)).as("n_ab"))
                .where(col("n_ab").geq(minCount));
        Dataset<Row> withA = pairCounts.join(perEntity.select(col("scope").as("sa"), col(Tables.ENTITY_ID).as("ea"), col("n_x").as("n_a")),
                col("scope").equalTo(col("sa")).and(col("entity_a").equalTo(col("ea"))));
        Dataset<Row> withB = withA.join(perEntity.select(col("scope").as("sb"), col(Tables.ENTITY_ID).as("eb"), col("n_x").as("n_b")),
                col("scope").equalTo(col("sb")).and(col("entity_b").equalTo(col("eb"))));
        Dataset<Row> full = withB.join(totals, col("scope").equalTo(col("scope_n")));

        Column nab = col("n_ab").cast("double");
        Column na = col("n_a").cast("double");
        Column nb = col("n_b").cast("double");
        Column n = col("n").cast("double");
        Column pmi = log(2.0, nab.multiply(n).divide(na.multiply(nb)));
        Column npmi = when(col("n_ab").equalTo(col("n")), lit(1.0)).otherwise(pmi.divide(log(2.0, nab.divide(n)).multiply(-1)));
        Column llr = Association.dunning(nab, na.minus(nab), nb.minus(nab), n.minus(na).minus(nb).plus(nab));
        Column jaccard = nab.divide(na.plus(nb).minus(nab));
        Dataset<Row> cooccurrence = full.withColumn("pmi", pmi).withColumn("npmi", npmi).withColumn("llr", llr)
                .withColumn("jaccard", jaccard)
                .select(Tables.COOCCURRENCE.sparkColumns());

        Dataset<Row> dated = articles.where(col("published_date").isNotNull())
                .select(col(Tables.ARTICLE_ID).as("dated_id"), period.of(col("published_date")).as(Tables.PERIOD));
        Dataset<Row> cooccurrenceTrends = pairs.join(dated, col(Tables.ARTICLE_ID).equalTo(col("dated_id")))
                .groupBy(Tables.PERIOD, "scope", "entity_a", "entity_b")
                .agg(count(lit(1)).as("n_ab"))
                .where(col("n_ab").geq(minCount))
                .select(Tables.COOCCURRENCE_TRENDS.sparkColumns());
        Dataset<Row> entityTrends = resolved.join(dated, col(Tables.ARTICLE_ID).equalTo(col("dated_id")))
                .groupBy(Tables.PERIOD, Tables.ENTITY_ID)
                .agg(count(lit(1)).as("mentions"), countDistinct(col(Tables.ARTICLE_ID)).as("articles"))
                .select(Tables.ENTITY_TRENDS.sparkColumns());
        return new Result(cooccurrence, cooccurrenceTrends, entityTrends);
    }
}
