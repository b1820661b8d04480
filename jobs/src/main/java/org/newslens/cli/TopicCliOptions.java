package org.newslens.cli;

import org.newslens.topics.TopicOptions;
import picocli.CommandLine.Option;

/** Command-line options of the topics stage. */
public final class TopicCliOptions {
    @Option(names = {"-k", "--topics"}, paramLabel = "K", description = "Number of topics (default: ${DEFAULT-VALUE}).")
    int k = TopicOptions.defaults().k();

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = TopicOptions.defaults().seed();

    @Option(names = "--topic-optimizer", paramLabel = "gibbs|online|em",
            description = "LDA optimizer: collapsed Gibbs sampling, MLlib online variational Bayes or MLlib EM (default: ${DEFAULT-VALUE}).")
    String optimizer = TopicOptions.defaults().optimizer();

    @Option(names = "--topic-iterations", paramLabel = "N",
            description = "LDA iterations: Gibbs sweeps, online mini-batches or EM passes (default: ${DEFAULT-VALUE}).")
    int iterations = TopicOptions.defaults().iterations();

    @Option(names = "--topic-subsampling", paramLabel = "F",
            description = "Online LDA: fraction of documents per mini-batch (default: ${DEFAULT-VALUE}).")
    double subsampling = TopicOptions.defaults().subsampling();

    @Option(names = "--topic-vocab-size", paramLabel = "N",
            description = "Vocabulary cap: most frequent terms kept after df pruning (default: ${DEFAULT-VALUE}).")
    int vocabSize = TopicOptions.defaults().vocabSize();

    @Option(names = "--topic-min-df", paramLabel = "N",
            description = "Drop terms in fewer documents (default: ${DEFAULT-VALUE}; lowered to max(1, N/1000) for small corpora).")
    int minDf = TopicOptions.defaults().minDf();

    @Option(names = "--topic-max-df", paramLabel = "F",
            description = "Drop terms in more than this fraction of documents (default: ${DEFAULT-VALUE}).")
    double maxDf = TopicOptions.defaults().maxDf();

    @Option(names = "--topic-threshold", paramLabel = "W",
            description = "article_topics keeps topics with at least this weight, plus the dominant one (default: ${DEFAULT-VALUE}).")
    double threshold = TopicOptions.defaults().threshold();

    @Option(names = "--topic-terms", paramLabel = "N", description = "Top terms per topic in the topics table (default: ${DEFAULT-VALUE}).")
    int topTerms = TopicOptions.defaults().topTerms();

    @Option(names = {"--topic-languages", "--topic-language"}, paramLabel = "LANG[,LANG...]|all",
            description = "Languages to model, one model each (topic tables say the language; topic ids run on across "
                    + "models); all = every language with at least 1,000 articles. Default: the corpus's dominant language; "
                    + "articles of other languages get no topics.")
    String language;

    @Option(names = "--topic-alpha", paramLabel = "A",
            description = "Document-topic prior; 0 = the optimizer's default (gibbs 5/k, online 1/k, em 50/k + 1) (default: ${DEFAULT-VALUE}).")
    double alpha = TopicOptions.defaults().alpha();

    @Option(names = "--topic-eta", paramLabel = "E",
            description = "Topic-term prior; 0 = the optimizer's default (gibbs 0.01, online 1/k, em 1.1) (default: ${DEFAULT-VALUE}).")
    double eta = TopicOptions.defaults().eta();

    @Option(names = "--topic-learning-offset", paramLabel = "TAU0",
            description = "Online LDA: learning-rate offset tau0, rate (tau0 + t)^-0.51 (default: ${DEFAULT-VALUE}; MLlib's own is 1024).")
    double learningOffset = TopicOptions.defaults().learningOffset();

    @Option(names = "--topic-fit-docs", paramLabel = "N",
            description = "Fit the model on at most about N documents, a sample fixed by article id; all documents get topics (default: ${DEFAULT-VALUE}; 0 = all).")
    int fitDocs = TopicOptions.defaults().fitDocs();

    TopicOptions toOptions() {
        return new TopicOptions(k, seed, optimizer, iterations, subsampling, vocabSize, minDf, maxDf, threshold, topTerms,
                language, alpha, eta, learningOffset, fitDocs).validated();
    }
}
