package org.newslens.topics;

import cc.mallet.pipe.Noop;
import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.pipeline.TableStore;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;

/**
 * Topics benchmark (run by jobs/bench/topics-bench.sh): fits our topics stage on the articles and sentences of a
 * run, writes all topic tables, prints per-step seconds; then MALLET's ParallelTopicModel on the same documents,
 * vocabulary and k (1000 iterations, 2 threads, alpha sum 5.0, beta 0.01, no hyperparameter optimisation);
 * mean NPMI of both by the same function over the same documents, wall time of both, and both word lists.
 *
 * <p>Arguments: RUN_DIR OUT_DIR [key=value ...] with keys k, iterations, subsampling, tau0, optimizer, alpha, eta,
 * vocab, mindf, maxdf, mallet_iterations (0 = skip MALLET), seed.
 */
public final class TopicsBenchmark {
    public static void main(String[] args) throws Exception {
        String run = args[0];
        String out = args[1];
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        TopicOptions d = TopicOptions.defaults();
        TopicOptions options = new TopicOptions(Integer.parseInt(kv.getOrDefault("k", "20")),
                Long.parseLong(kv.getOrDefault("seed", "" + d.seed())), kv.getOrDefault("optimizer", d.optimizer()),
                Integer.parseInt(kv.getOrDefault("iterations", "" + d.iterations())),
                Double.parseDouble(kv.getOrDefault("subsampling", "" + d.subsampling())),
                Integer.parseInt(kv.getOrDefault("vocab", "" + d.vocabSize())),
                Integer.parseInt(kv.getOrDefault("mindf", "" + d.minDf())),
                Double.parseDouble(kv.getOrDefault("maxdf", "" + d.maxDf())), d.threshold(), d.topTerms(), null,
                Double.parseDouble(kv.getOrDefault("alpha", "0")), Double.parseDouble(kv.getOrDefault("eta", "0")),
                Double.parseDouble(kv.getOrDefault("tau0", "" + d.learningOffset())),
                Integer.parseInt(kv.getOrDefault("fitdocs", "" + d.fitDocs())));
        int malletIterations = Integer.parseInt(kv.getOrDefault("mallet_iterations", "1000"));
        System.out.println("options: " + options + " mallet_iterations=" + malletIterations);

        SparkSession spark = SparkSession.builder().master("local[2]").appName("topics-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        TableStore in = new TableStore(spark, run);
        TableStore store = new TableStore(spark, out);
        Dataset<Row> mentions = in.isComplete(Tables.MENTIONS.name()) ? in.read(Tables.MENTIONS) : null;

        long t0 = System.nanoTime();
        TopicsStage.Result r = new TopicsStage(options, Period.MONTH).apply(in.read(Tables.ARTICLES),
                org.newslens.text.Boilerplate.without(in.read(Tables.SENTENCES), in.read(Tables.BOILERPLATE)), mentions);
        Map<String, Double> steps = new LinkedHashMap<>(r.seconds());
        long t = System.nanoTime();
        store.write(Tables.TOPICS, r.topics(), "bench");
        store.write(Tables.TOPIC_SUMMARY, r.topicSummary(), "bench");
        t = lap(steps, "write topics+summary", t);
        store.write(Tables.ARTICLE_TOPICS, r.articleTopics(), "bench");
        t = lap(steps, "write article_topics", t);
        store.write(Tables.TOPIC_TRENDS, r.topicTrends(), "bench");
        t = lap(steps, "write topic_trends", t);
        if (r.topicEntities() != null) {
            store.write(Tables.TOPIC_ENTITIES, r.topicEntities(), "bench");
            t = lap(steps, "write topic_entities", t);
        }
        r.model().save(TopicModel.defaultPath(out), spark.sparkContext().hadoopConfiguration());
        t = lap(steps, "save model", t);
        double ours = (System.nanoTime() - t0) / 1e9;
        System.out.println("ours fit: " + r.fitInfo());
        steps.forEach((s, v) -> System.out.printf(Locale.ROOT, "ours step %-22s %8.1f s%n", s, v));
        System.out.printf(Locale.ROOT, "ours total (fit + all topic tables + model) %.1f s%n", ours);

        Dataset<Row> corpus = r.corpus();
        long n = corpus.count();
        String[] vocab = r.model().vocabulary().vocabulary();
        List<Row> summary = r.topicSummary().orderBy("topic_id").collectAsList();
        double oursNpmi = summary.stream().mapToDouble(x -> x.<Double>getAs("coherence_npmi")).average().orElse(Double.NaN);
        double oursUmass = summary.stream().mapToDouble(x -> x.<Double>getAs("coherence_umass")).average().orElse(Double.NaN);
        System.out.println("documents " + n + ", vocabulary " + vocab.length + ", k " + r.model().k());
        System.out.println("ours topics (top 10, prevalence, NPMI):");
        for (Row x : summary) {
            int id = x.getAs("topic_id");
            System.out.printf(Locale.ROOT, "  %2d %.3f %+.3f  %s%n", id, x.<Double>getAs("prevalence"),
                    x.<Double>getAs("coherence_npmi"), String.join(" ", r.topTerms().get(id)));
        }

        if (malletIterations > 0) {
            long m0 = System.nanoTime();
            Alphabet alphabet = new Alphabet(String.class);
            for (String w : vocab) {
                alphabet.lookupIndex(w, true);
            }
            alphabet.stopGrowth();
            InstanceList instances = new InstanceList(new Noop(alphabet, null));
            List<Row> docs = corpus.select("article_id", "features").collectAsList();
            for (Row doc : docs) {
                SparseVector v = ((Vector) doc.get(1)).toSparse();
                int total = 0;
                for (double c : v.values()) {
                    total += (int) c;
                }
                int[] tokens = new int[total];
                int p = 0;
                for (int i = 0; i < v.indices().length; i++) {
                    for (int c = 0; c < (int) v.values()[i]; c++) {
                        tokens[p++] = v.indices()[i];
                    }
                }
                instances.add(new Instance(new FeatureSequence(alphabet, tokens), null, doc.getString(0), null));
            }
            docs = null;
            double prep = (System.nanoTime() - m0) / 1e9;
            ParallelTopicModel mallet = new MalletModel(r.model().k(), 5.0, 0.01);
            mallet.setNumThreads(2);
            mallet.setNumIterations(malletIterations);
            mallet.setOptimizeInterval(0);
            mallet.setRandomSeed((int) options.seed());
            mallet.setTopicDisplay(malletIterations + 1, 0);
            mallet.addInstances(instances);
            mallet.estimate();
            double malletSeconds = (System.nanoTime() - m0) / 1e9;
            Object[][] words = mallet.getTopWords(TopicsStage.COHERENCE_TERMS);
            List<List<String>> malletTop = new ArrayList<>();
            for (Object[] ws : words) {
                List<String> l = new ArrayList<>();
                for (Object w : ws) {
                    l.add((String) w);
                }
                malletTop.add(l);
            }
            Coherence.Counts counts = TopicsStage.cooccurrence(corpus, vocab, malletTop, n);
            double sum = 0;
            double umass = 0;
            System.out.println("MALLET topics (top 10, NPMI):");
            for (int i = 0; i < malletTop.size(); i++) {
                double npmi = Coherence.npmi(malletTop.get(i), counts);
                sum += npmi;
                umass += Coherence.umass(malletTop.get(i), counts);
                System.out.printf(Locale.ROOT, "  %2d %+.3f  %s%n", i, npmi, String.join(" ", malletTop.get(i)));
            }
            double malletNpmi = sum / malletTop.size();
            System.out.printf(Locale.ROOT, "RESULT ours:   mean NPMI %.4f, mean UMass %.2f, wall %.1f s (fit + all topic tables)%n",
                    oursNpmi, oursUmass, ours);
            System.out.printf(Locale.ROOT, "RESULT MALLET: mean NPMI %.4f, mean UMass %.2f, wall %.1f s (%.1f s building instances + %d iterations)%n",
                    malletNpmi, umass / malletTop.size(), malletSeconds, prep, malletIterations);
            System.out.printf(Locale.ROOT, "RESULT NPMI gap (ours - MALLET) %+.4f; time ratio ours/MALLET %.2f%n",
                    oursNpmi - malletNpmi, ours / malletSeconds);
        } else {
            System.out.printf(Locale.ROOT, "RESULT ours:   mean NPMI %.4f, mean UMass %.2f, wall %.1f s%n", oursNpmi, oursUmass, ours);
        }
        spark.stop();
    }

    private static long lap(Map<String, Double> steps, String step, long t0) {
        long now = System.nanoTime();
        steps.put(step, (now - t0) / 1e9);
        return now;
    }
}
