package org.newslens.terms;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.newslens.stats.Association;
import org.newslens.tables.Tables;
import org.newslens.text.Boilerplate;

/**
 * sentences + articles -> term_frequencies, vocabulary, term_trends, collocations. All counts are per
 * language: N, df and idf of an English term count English articles only, so a Polish feed never
 * shifts English figures.
 *
 * <p>Cost model: one pass over the sentences counts terms and n-grams per article without a shuffle
 * ({@link #articleCounts}); the per-language aggregations (vocabulary, trends, n-gram totals) are the only
 * large shuffles; collocations join the LLR marginals by shuffled hash joins, every other join is a small
 * table broadcast. The step ({@link TermsStep}) persists the per-article counts and reads written tables back
 * instead of recomputing them.
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

    /** All tables, each computed from the inputs (tests; the step chains the parts through written tables). */
    public Result apply(Dataset<Row> articles, Dataset<Row> sentences) {
        return apply(articles, sentences, null);
    }

    /** All tables, term_trends counting stories too when {@code copies} (see {@link #termTotals(Dataset, Dataset)}). */
    public Result apply(Dataset<Row> articles, Dataset<Row> sentences, Dataset<Row> copies) {
        Dataset<Row> counts = articleCounts(sentences);
        Dataset<Row> tf = termCounts(counts);
        Dataset<Row> vocabulary = vocabulary(tf, articles);
        return new Result(termFrequencies(tf, vocabulary), vocabulary, trendsOf(termTotals(tf, copies)),
                collocations(ngramCounts(counts), vocabulary));
    }

    /** The sentence columns {@link #articleCounts} reads, in its order (a caller stripping boilerplate first keeps these). */
    public static final List<String> SENTENCE_COLUMNS = List.of(Tables.ARTICLE_ID, Tables.LANGUAGE, "terms", "term_positions",
            "n_sentences", Tables.PUBLISHED_DATE);

    /**
     * (article_id, language, term_counts, ngram_counts, complete): term and n-gram occurrences of consecutive
     * sentences of an article, boilerplate sentences left out when the sentences carry the {@link Boilerplate#FLAG}
     * column and template spans already out of their terms ({@link Boilerplate#strip}), counted where the sentences are read (see {@link ArticleRuns}). An article usually
     * has one row, marked complete; {@link #termCounts} and {@link #ngramCounts} sum the rows of an article whose
     * sentences came in several runs.
     */
    public Dataset<Row> articleCounts(Dataset<Row> sentences) {
        Column boilerplate = Arrays.asList(sentences.columns()).contains(Boilerplate.FLAG) ? col(Boilerplate.FLAG) : lit(false);
        List<Column> read = new ArrayList<>();
        SENTENCE_COLUMNS.forEach(c -> read.add(col(c)));
        read.add(boilerplate);
        return sentences.select(read.toArray(Column[]::new))
                .mapPartitions(new ArticleRuns(), Encoders.row(ArticleRuns.SCHEMA));
    }

    /** (article_id, language, published_date, term, tf): one row per term of an article. */
    public Dataset<Row> termCounts(Dataset<Row> articleCounts) {
        return perArticle(articleCounts, ArticleRuns.TERM_COUNTS, Tables.TERM, "tf");
    }

    /**
     * (article_id, language, published_date, key, value) from one map column of {@link #articleCounts}. Complete
     * runs are exploded as they are; the rest (an article cut into several runs) are summed per article, which
     * shuffles those rows only, usually none or a handful.
     */
    private static Dataset<Row> perArticle(Dataset<Row> articleCounts, String map, String key, String value) {
        Column[] exploded = {col(Tables.ARTICLE_ID), col(Tables.LANGUAGE), col(Tables.PUBLISHED_DATE),
            explode(col(map)).as(new String[] {key, value})};
        Dataset<Row> whole = articleCounts.where(col(ArticleRuns.COMPLETE)).select(exploded);
        Dataset<Row> summed = articleCounts.where(not(col(ArticleRuns.COMPLETE))).select(exploded)
                .groupBy(Tables.ARTICLE_ID, Tables.LANGUAGE, Tables.PUBLISHED_DATE, key).agg(sum(value).cast("int").as(value));
        return whole.unionByName(summed);
    }

    /** df, cf and idf per (language, term) from the per-article counts. */
    public Dataset<Row> vocabulary(Dataset<Row> termCounts, Dataset<Row> articles) {
        return vocabularyOf(termTotals(termCounts), articles);
    }

    /**
     * (language, term, period, count, articles) from the per-article counts, period null for undated articles: the
     * one shuffle of the per-article counts that both {@link #vocabularyOf} and {@link #trendsOf} aggregate further
     * (they each shuffled all 22 M per-article rows at 4x rss-2022; the totals are a tenth of that).
     */
    public Dataset<Row> termTotals(Dataset<Row> termCounts) {
        return termTotals(termCounts, null);
    }

    /**
     * {@link #termTotals} with {@code stories}: of the articles, those that are not a later copy of a story
     * ({@code copies}: the article_id of every near_duplicates row that is not its story's representative), so a
     * syndicated story counts once; null when there are no copies to go by (the stories stage has not run).
     */
    public Dataset<Row> termTotals(Dataset<Row> termCounts, Dataset<Row> copies) {
        Dataset<Row> counts = termCounts;
        Column stories = lit(null).cast("long");
        if (copies != null) {
            // the copies are ids only (a few thousand on rss-2022): broadcast, and no article text moves
            counts = termCounts.join(broadcast(copies.select(col(Tables.ARTICLE_ID).as("copy_id"), lit(true).as("is_copy"))),
                    col(Tables.ARTICLE_ID).equalTo(col("copy_id")), "left");
            stories = sum(when(col("is_copy").isNull(), 1).otherwise(0)).cast("long");
        }
        return counts.groupBy(col(Tables.LANGUAGE), col(Tables.TERM), period.of(col(Tables.PUBLISHED_DATE)).as(Tables.PERIOD))
                .agg(sum("tf").cast("long").as("count"), count(lit(1)).as("articles"), stories.as("stories"));
    }

    /** The vocabulary from {@link #termTotals}: df = articles with the term, cf = its occurrences, over all periods. */
    public Dataset<Row> vocabularyOf(Dataset<Row> termTotals, Dataset<Row> articles) {
        Dataset<Row> docsPerLanguage = articles.groupBy(Tables.LANGUAGE).agg(count(lit(1)).as("n_docs"));
        return termTotals.groupBy(Tables.LANGUAGE, Tables.TERM)
                .agg(sum("articles").cast("int").as("df"), sum("count").cast("long").as("cf"))
                .join(broadcast(docsPerLanguage), Tables.LANGUAGE)
                .withColumn("idf", log(col("n_docs").plus(1).divide(col("df").plus(1))))
                .select(Tables.VOCABULARY.sparkColumns());
    }

    public Dataset<Row> termFrequencies(Dataset<Row> termCounts, Dataset<Row> vocabulary) {
        return termCounts.join(broadcast(vocabulary.select(Tables.LANGUAGE, Tables.TERM, "idf")),
                        new String[] {Tables.LANGUAGE, Tables.TERM})
                .withColumn("tf_idf", col("tf").multiply(col("idf")))
                .select(Tables.TERM_FREQUENCIES.sparkColumns());
    }

    /**
     * Per period of publication, from the date each article's sentences carry (no join with the articles, which
     * broadcast 214,509 rows to probe 6 M on rss-2022); undated articles have no period and are left out.
     */
    public Dataset<Row> termTrends(Dataset<Row> termCounts) {
        return trendsOf(termTotals(termCounts));
    }

    /** term_trends from {@link #termTotals}: its dated rows. */
    public Dataset<Row> trendsOf(Dataset<Row> termTotals) {
        return termTotals.where(col(Tables.PERIOD).isNotNull()).select(Tables.TERM_TRENDS.sparkColumns());
    }

    /** Collocations with unigram counts taken from the sentences themselves. */
    Dataset<Row> collocations(Dataset<Row> sentences) {
        Dataset<Row> counts = articleCounts(sentences);
        return collocations(ngramCounts(counts), vocabulary(termCounts(counts),
                sentences.select(Tables.ARTICLE_ID, Tables.LANGUAGE).distinct()));
    }

    /**
     * (language, ngram, n, count, df) from {@link #articleCounts}: bigrams and trigrams of terms adjacent in
     * the token sequence (no stop word or number between them). Read several times by {@link #collocations},
     * so a caller on a large corpus persists it.
     */
    public Dataset<Row> ngramCounts(Dataset<Row> articleCounts) {
        return perArticle(articleCounts, ArticleRuns.NGRAM_COUNTS, "ngram", "c")
                .groupBy(Tables.LANGUAGE, "ngram")
                .agg(sum("c").as("count"), count(lit(1)).cast("int").as("df"))
                .withColumn("n", words(col("ngram")));
    }

    /**
     * Words of an n-gram, counted by its spaces (terms never contain one). Not size(split(...)), which copies
     * every n-gram into a Java string and an array of strings: over 6 M strings it took about twice the CPU.
     */
    private static Column words(Column ngram) {
        return length(ngram).minus(length(replace(ngram, lit(" "), lit("")))).plus(1);
    }

    /** The i-th word (0-based) of an n-gram; terms never contain spaces. */
    private static Column word(int i) {
        return expr("substring_index(substring_index(ngram, ' ', " + (i + 1) + "), ' ', -1)");
    }

    /**
     * n-grams with count >= the minimum, scored by PMI against unigram probabilities (the vocabulary's cf)
     * and, for bigrams, Dunning's log-likelihood ratio.
     */
    public Dataset<Row> collocations(Dataset<Row> ngramCounts, Dataset<Row> vocabulary) {
        Column isBigram = col("n").equalTo(2);
        Dataset<Row> totals = ngramCounts.groupBy(Tables.LANGUAGE).agg(
                sum(when(isBigram, col("count"))).as("n_bigrams"), sum(when(not(isBigram), col("count"))).as("n_trigrams"));
        Dataset<Row> unigrams = vocabulary.select(col(Tables.LANGUAGE), col(Tables.TERM), col("cf"));
        Dataset<Row> unigramTotals = unigrams.groupBy(Tables.LANGUAGE).agg(sum("cf").as("n_uni"));
        Dataset<Row> bigrams = ngramCounts.where(isBigram);
        Dataset<Row> firsts = bigrams.groupBy(col(Tables.LANGUAGE).as("lf"), word(0).as("f0")).agg(sum("count").as("n_first"));
        Dataset<Row> seconds = bigrams.groupBy(col(Tables.LANGUAGE).as("ls"), word(1).as("s1")).agg(sum("count").as("n_second"));

        // The LLR marginals are joined first, while the rows are narrow (they are shuffled for these joins), and by
        // a key that is null for trigrams, which pass unmatched: only bigrams use them. Hashed, not sorted: on
        // rss-2022 that halves the CPU time of the two joins (about 9 -> 5 core-seconds). The price is that a task
        // holds one shuffle partition of the marginals in memory (not the driver, unlike a broadcast): about
        // 1/8 of ~490,000 rows with local mode's 8 shuffle partitions; a much larger corpus wants more partitions.
        Dataset<Row> kept = ngramCounts.where(col("count").geq(minCollocationCount))
                .select(col(Tables.LANGUAGE), col("ngram"), col("n"), col("count"), col("df"))
                .join(firsts.hint("shuffle_hash"), col(Tables.LANGUAGE).equalTo(col("lf")).and(when(isBigram, word(0)).equalTo(col("f0"))), "left")
                .join(seconds.hint("shuffle_hash"), col(Tables.LANGUAGE).equalTo(col("ls")).and(when(isBigram, word(1)).equalTo(col("s1"))), "left")
                .join(broadcast(totals), Tables.LANGUAGE).join(broadcast(unigramTotals), Tables.LANGUAGE)
                .withColumn("n_grams", when(isBigram, col("n_bigrams")).otherwise(col("n_trigrams")));
        for (int i = 0; i < NGrams.MAX_N; i++) {
            kept = kept.withColumn("w" + i, i < 2 ? word(i) : when(isBigram, lit(null)).otherwise(word(i)));
        }
        // log2 P(w1..wn) - sum log2 P(wi); a bigram has no third word
        Column pmi = log(2.0, col("count").divide(col("n_grams")));
        for (int i = 0; i < NGrams.MAX_N; i++) {
            Dataset<Row> u = unigrams.select(col(Tables.LANGUAGE).as("l" + i), col(Tables.TERM).as("u" + i), col("cf").as("c" + i));
            kept = kept.join(broadcast(u), col(Tables.LANGUAGE).equalTo(col("l" + i)).and(col("w" + i).equalTo(col("u" + i))), "left");
            Column term = log(2.0, col("c" + i).divide(col("n_uni")));
            pmi = pmi.minus(i < 2 ? term : when(isBigram, lit(0.0)).otherwise(term));
        }
        Column llr = Association.dunning(col("count"), col("n_first").minus(col("count")), col("n_second").minus(col("count")),
                col("n_grams").minus(col("n_first")).minus(col("n_second")).plus(col("count")));
        return kept.select(col(Tables.LANGUAGE), col("ngram"), col("n"), col("count"), col("df"), pmi.as("pmi"),
                        when(isBigram, llr).as("llr"))
                .select(Tables.COLLOCATIONS.sparkColumns());
    }
}
