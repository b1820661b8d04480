package org.newslens.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.newslens.pipeline.UserError;

/**
 * Options of the topics stage (defaults in {@link #defaults()}, documented in docs/topics.md).
 *
 * @param k             number of topics (capped for tiny corpora, with a warning)
 * @param seed          random seed: same input + same seed = identical tables
 * @param optimizer     "gibbs" (collapsed Gibbs sampling over Spark partitions, {@link GibbsLda}; default), "online"
 *                      (MLlib variational Bayes, Hoffman et al. 2010) or "em" (MLlib GraphX EM)
 * @param iterations    LDA iterations (gibbs: sweeps over all tokens; online: mini-batches; em: full passes)
 * @param subsampling   online only: fraction of the documents in each mini-batch
 * @param vocabSize     vocabulary cap: the most frequent terms (by corpus frequency) surviving df pruning
 * @param minDf         a term must occur in at least this many documents (lowered for small corpora)
 * @param maxDf         a term in more than this fraction of the documents is dropped
 * @param threshold     article_topics keeps (article, topic) rows with weight >= this (and always the dominant one)
 * @param topTerms      rows per topic in the topics table
 * @param language      languages to fit, one model each: null = the corpus's dominant language; "en,pl"; or
 *                      {@value #ALL_LANGUAGES} = every language with at least {@value #MIN_ARTICLES_PER_LANGUAGE} articles
 * @param alpha         document-topic prior (symmetric); <= 0 = the optimizer's default (gibbs 5/k, online 1/k, em 50/k + 1)
 * @param eta           topic-term prior (symmetric); <= 0 = the optimizer's default (gibbs 0.01, online 1/k, em 1.1)
 * @param learningOffset online only: tau0 of the learning rate (tau0 + t)^-0.51; MLlib's default 1024 learns
 *                      too slowly for a few hundred mini-batches
 * @param fitDocs       the model is fitted on at most about this many documents, a sample fixed by a hash of
 *                      article_id (0 = all); every document still gets its topics from the fitted model
 */
public record TopicOptions(int k, long seed, String optimizer, int iterations, double subsampling, int vocabSize,
                           int minDf, double maxDf, double threshold, int topTerms, String language,
                           double alpha, double eta, double learningOffset, int fitDocs) implements Serializable {

    public static final String ONLINE = "online";
    /** --topic-languages all: every language with at least {@link #MIN_ARTICLES_PER_LANGUAGE} articles. */
    public static final String ALL_LANGUAGES = "all";
    public static final int MIN_ARTICLES_PER_LANGUAGE = 1000;
    public static final String EM = "em";
    /** Collapsed Gibbs sampling over Spark partitions ({@link GibbsLda}). */
    public static final String GIBBS = "gibbs";
    /** Gibbs: default document-topic prior sum (alpha = this / k), MALLET's default. */
    public static final double GIBBS_ALPHA_SUM = 5.0;
    /** Gibbs: default topic-word prior, MALLET's default. */
    public static final double GIBBS_BETA = 0.01;
    /**
     * Default of fitDocs: the Gibbs fit grows with the tokens it sweeps (101 s for 720,581 documents of rss-2022 x4,
     * 40-54 s for a sample of 250,252). rss-2022 itself (181,909 English documents) is fitted whole; see
     * docs/topics.md for what the cap risks.
     */
    public static final int FIT_DOCS = 250_000;

    public TopicOptions(int k, long seed) {
        this(k, seed, defaults().optimizer(), defaults().iterations(), defaults().subsampling(), defaults().vocabSize(),
                defaults().minDf(), defaults().maxDf(), defaults().threshold(), defaults().topTerms(), null,
                defaults().alpha(), defaults().eta(), defaults().learningOffset(), defaults().fitDocs());
    }

    public static TopicOptions defaults() {
        return new TopicOptions(20, 42L, GIBBS, 200, 0.05, 20_000, 5, 0.5, 0.1, 20, null, 0.0, 0.0, 64.0, FIT_DOCS);
    }

    /** Checks the values a user can get wrong; returns this with the optimizer name normalised. */
    public TopicOptions validated() {
        String opt = optimizer == null ? ONLINE : optimizer.toLowerCase(Locale.ROOT);
        if (!opt.equals(ONLINE) && !opt.equals(EM) && !opt.equals(GIBBS)) {
            throw new UserError("unknown --topic-optimizer '" + optimizer + "' (expected online, em or gibbs)");
        }
        if (k < 2) {
            throw new UserError("--topics must be at least 2 (got " + k + ")");
        }
        if (iterations < 1 || vocabSize < 1 || minDf < 1 || topTerms < 1) {
            throw new UserError("--topic-iterations, --topic-vocab-size, --topic-min-df and --topic-terms must be positive");
        }
        if (!(maxDf > 0 && maxDf <= 1) || !(subsampling > 0 && subsampling <= 1)) {
            throw new UserError("--topic-max-df and --topic-subsampling must be in (0, 1]");
        }
        if (!(learningOffset > 0)) {
            throw new UserError("--topic-learning-offset must be positive");
        }
        if (fitDocs < 0) {
            throw new UserError("--topic-fit-docs must be 0 (all documents) or positive");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new UserError("--topic-threshold must be in [0, 1]");
        }
        String lang = null;
        if (language != null && !language.isBlank()) {
            List<String> codes = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(language.toLowerCase(Locale.ROOT).split(","))
                    .map(String::strip).filter(x -> !x.isEmpty()).toList()));
            for (String c : codes) {
                if (c.equals(ALL_LANGUAGES) ? codes.size() > 1 : !c.matches("[a-z]{2,3}")) {
                    throw new UserError("bad --topic-languages value '" + language
                            + "' (expected language codes such as en,pl, or all)");
                }
            }
            lang = codes.isEmpty() ? null : String.join(",", codes);
        }
        return new TopicOptions(k, seed, opt, iterations, subsampling, vocabSize, minDf, maxDf, threshold, topTerms, lang,
                alpha, eta, learningOffset, fitDocs);
    }

    /** The languages asked for (null: the dominant one; ["all"]: every language with enough articles). */
    public List<String> languages() {
        return language == null ? null : List.of(language.split(","));
    }

    /** These options for one language's model. */
    public TopicOptions withLanguage(String newLanguage) {
        return new TopicOptions(k, seed, optimizer, iterations, subsampling, vocabSize, minDf, maxDf, threshold, topTerms,
                newLanguage, alpha, eta, learningOffset, fitDocs);
    }

    public TopicOptions withK(int newK) {
        return new TopicOptions(newK, seed, optimizer, iterations, subsampling, vocabSize, minDf, maxDf, threshold, topTerms,
                language, alpha, eta, learningOffset, fitDocs);
    }
}
