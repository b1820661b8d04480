package org.newslens.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * LDA by collapsed Gibbs sampling (Griffiths and Steyvers 2004), distributed over Spark partitions as
 * approximate distributed LDA (AD-LDA, Newman et al. 2009) — what MALLET's ParallelTopicModel does over threads.
 *
 * <p>Each partition holds a {@link Shard}: its documents' tokens (word ids) and their topic assignments in flat
 * arrays. In one iteration every shard is swept against its own copy of the global word-topic counts, updating
 * that copy as it goes, and returns its new assignments and its own word-topic counts; the driver adds the shards'
 * counts into the next global counts. Counts are integers, so the sum does not depend on order, and every shard's
 * random stream is seeded from (seed, iteration, partition): the same input and options give the same model whatever
 * the scheduling, and wherever the sweeps run. A fit that fits in a 128th of the driver's heap (the usual case: the
 * fit sample is capped) is collected and swept by threads of the driver; a larger one stays on the executors, one
 * Spark job per iteration with the counts broadcast.
 *
 * <p>The result is an MLlib {@link LocalLDAModel} whose topic matrix is the
 * Dirichlet posterior parameter n(w, t) + beta (what online LDA's lambda is), so describeTopics gives
 * P(w | t) = (n(w, t) + beta) / (n(t) + V beta) and transform infers P(t | d) for any document, fitted or new.
 */
final class GibbsLda {
    private GibbsLda() {
    }

    /** One partition's documents: tokens of document d are words[docStart[d] .. docStart[d + 1]). */
    static final class Shard implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] docStart;
        final int[] words;
        final short[] topics;
        /** This shard's word-topic counts, word-major: counts[w * k + t]. */
        final int[] counts;

        Shard(int[] docStart, int[] words, short[] topics, int[] counts) {
            this.docStart = docStart;
            this.words = words;
            this.topics = topics;
            this.counts = counts;
        }
    }

    /** Fit statistics, for the log and the benchmark. */
    record Fit(LocalLDAModel model, long tokens, double[] iterationSeconds, String where) {
    }

    /**
     * Fits k topics on the count vectors in column {@code featuresCol} (one partition = one shard; keep the
     * partitioning fixed for determinism).
     */
    static Fit fit(Dataset<Row> vectors, String featuresCol, int vocabSize, int k, double alpha, double beta,
                   int iterations, long seed) {
        return fit(vectors, featuresCol, vocabSize, k, alpha, beta, iterations, seed, driverTokens(Runtime.getRuntime().maxMemory()));
    }

    /**
     * The most tokens swept on the driver: a 128th of its heap (16 M tokens with 2 GB, about 160 MB of shards), which
     * holds the default sample (--topic-fit-docs 250,000 of newswire is about 8 M tokens).
     */
    static long driverTokens(long maxHeap) {
        return maxHeap / 128;
    }

    /** As above; fits of at most {@code maxDriverTokens} tokens are swept on the driver. */
    static Fit fit(Dataset<Row> vectors, String featuresCol, int vocabSize, int k, double alpha, double beta,
                   int iterations, long seed, long maxDriverTokens) {
        if (k > Short.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Short.MAX_VALUE + " topics");
        }
        JavaRDD<Row> rows = vectors.select(featuresCol).javaRDD();
        // tokens per partition first, so that a shard's arrays are allocated once at their final size: growing
        // them by doubling held three copies at once and ran a 2 GB driver out of memory at 4x rss-2022
        List<Long> sizes = rows.mapPartitions(it -> {
            long n = 0;
            while (it.hasNext()) {
                n += tokens((Vector) it.next().get(0));
            }
            return List.of(n).iterator();
        }).collect();
        long tokens = 0;
        for (long size : sizes) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a partition holds " + size + " tokens, more than one shard can");
            }
            tokens += size;
        }
        JavaRDD<Shard> shards = rows.mapPartitionsWithIndex((part, it) ->
                List.of(init(it, sizes.get(part).intValue(), part, k, vocabSize, seed)).iterator(), true);
        Sweeps sweeps = tokens <= maxDriverTokens
                ? onDriver(shards.collect(), vocabSize, k, alpha, beta, iterations, seed)
                : onExecutors(shards, vocabSize, k, alpha, beta, iterations, seed);
        int[] global = sweeps.counts();
        // topics matrix: vocabSize x k, column-major (values[t * V + w]) = n(w, t) + beta
        double[] lambda = new double[vocabSize * k];
        for (int w = 0; w < vocabSize; w++) {
            for (int t = 0; t < k; t++) {
                lambda[t * vocabSize + w] = global[w * k + t] + beta;
            }
        }
        double[] a = new double[k];
        Arrays.fill(a, alpha);
        var model = new LocalLDAModel(new DenseMatrix(vocabSize, k, lambda),
                Vectors.dense(a), beta, 100.0);
        model.setSeed(seed);
        return new Fit(model, tokens, sweeps.seconds(), sweeps.where());
    }

    /** The global word-topic counts after the last iteration, each iteration's seconds, and where they ran. */
    private record Sweeps(int[] counts, double[] seconds, String where) {
    }

    /**
     * The shards swept by threads of the driver, one per shard (at most one per core), each against its own copy of
     * the counts, as on executors: the same seeds and integer sums, so the same model. A fit is a few million tokens
     * (the fit sample is capped) and one iteration sweeps them in a few hundredths of a second, which is what a Spark
     * job per iteration costs on its own (broadcasting the counts, scheduling, returning every shard's counts through
     * the block manager, persisting the shards).
     */
    private static Sweeps onDriver(List<Shard> shards, int vocabSize, int k, double alpha, double beta, int iterations,
                                   long seed) {
        int[] global = sum(shards, vocabSize * k);
        double[] seconds = new double[iterations];
        int threads = Math.max(1, Math.min(shards.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gibbs-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Shard> current = shards;
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                int[] counts = global;
                long iteration = i + 1;
                List<Future<Shard>> swept = new ArrayList<>(current.size());
                for (int part = 0; part < current.size(); part++) {
                    Shard shard = current.get(part);
                    long partSeed = mix(seed, iteration, part);
                    swept.add(pool.submit(() -> sweep(shard, counts, k, vocabSize, alpha, beta, partSeed)));
                }
                List<Shard> next = new ArrayList<>(current.size());
                for (Future<Shard> f : swept) {
                    next.add(f.get());
                }
                global = sum(next, vocabSize * k);
                current = next;
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Gibbs sampling interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Sweeps(global, seconds, "on the driver, " + threads + " threads");
    }

    /** The shards kept on executors, one Spark job per iteration (fits too large for the driver). */
    private static Sweeps onExecutors(JavaRDD<Shard> initial, int vocabSize, int k, double alpha, double beta,
                                      int iterations, long seed) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(initial.context());
        JavaRDD<Shard> shards = keep(initial);
        int[] global = sum(shards, vocabSize * k);
        double[] seconds = new double[iterations];
        Broadcast<int[]> previous = null;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Broadcast<int[]> counts = jsc.broadcast(global);
            final int iteration = i + 1;
            JavaRDD<Shard> next = keep(shards.mapPartitionsWithIndex((part, it) -> {
                List<Shard> out = new ArrayList<>(1);
                while (it.hasNext()) {
                    out.add(sweep(it.next(), counts.value(), k, vocabSize, alpha, beta, mix(seed, iteration, part)));
                }
                return out.iterator();
            }, true));
            global = sum(next, vocabSize * k);
            drop(shards);
            // the new shards' RDD still references this iteration's broadcast (its function), the one before
            // is unreachable now that the lineage is truncated
            if (previous != null) {
                previous.destroy();
            }
            previous = counts;
            shards = next;
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        drop(shards);
        if (previous != null) {
            previous.destroy();
        }
        return new Sweeps(global, seconds, "on executors, " + shards.getNumPartitions() + " shards");
    }

    /** Sum of the shards' word-topic counts (integers: the order does not matter). */
    private static int[] sum(List<Shard> shards, int size) {
        int[] z = new int[size];
        for (Shard s : shards) {
            for (int i = 0; i < size; i++) {
                z[i] += s.counts[i];
            }
        }
        return z;
    }

    private static JavaRDD<Shard> keep(JavaRDD<Shard> rdd) {
        JavaRDD<Shard> kept = rdd.persist(StorageLevel.MEMORY_AND_DISK());
        kept.rdd().localCheckpoint(); // truncates the lineage once computed: iteration i does not reach back to iteration 0
        return kept;
    }

    /**
     * Unpersists a locally checkpointed RDD that is no longer needed (RDD.unpersist would warn that its lineage is
     * truncated, which is the point: the next iteration's shards are computed and kept).
     */
    private static void drop(JavaRDD<Shard> rdd) {
        rdd.context().unpersistRDD(rdd.id(), false);
    }

    /**
     * Sum of the shards' word-topic counts (runs the job that computes the shards). A reduce, not a fold: fold ships
     * its zero value (V x k ints, 1.3 MB for 16k terms and 20 topics) inside every task, and Spark warned of a large
     * task binary at each of the 200 iterations.
     */
    private static int[] sum(JavaRDD<Shard> shards, int size) {
        if (shards.getNumPartitions() == 0) {
            return new int[size];
        }
        return shards.map(s -> s.counts).reduce((x, y) -> {
            int[] z = new int[size];
            for (int i = 0; i < size; i++) {
                z[i] = x[i] + y[i];
            }
            return z;
        });
    }

    static int[] topicTotals(int[] counts, int k) {
        int[] totals = new int[k];
        for (int i = 0; i < counts.length; i++) {
            totals[i % k] += counts[i];
        }
        return totals;
    }

    static long mix(long seed, long iteration, long part) {
        long h = seed * 0x9E3779B97F4A7C15L + iteration;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + part;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Number of tokens in a count vector. */
    static long tokens(Vector v) {
        long n = 0;
        for (double c : v.toSparse().values()) {
            n += (int) c;
        }
        return n;
    }

    /** A shard of the partition's documents (size tokens in all) with uniformly random topics. */
    static Shard init(Iterator<Row> it, int size, int part, int k, int vocabSize, long seed) {
        IntList starts = new IntList();
        int[] w = new int[size];
        int p = 0;
        starts.add(0);
        while (it.hasNext()) {
            SparseVector s = ((Vector) it.next().get(0)).toSparse();
            int[] idx = s.indices();
            double[] val = s.values();
            for (int i = 0; i < idx.length; i++) {
                for (int c = 0; c < (int) val[i]; c++) {
                    w[p++] = idx[i];
                }
            }
            starts.add(p);
        }
        if (p != size) {
            throw new IllegalStateException("partition " + part + " changed between passes: " + p + " tokens, not " + size);
        }
        short[] z = new short[w.length];
        SplittableRandom random = new SplittableRandom(mix(seed, 0, part));
        int[] counts = new int[vocabSize * k];
        for (int i = 0; i < w.length; i++) {
            z[i] = (short) random.nextInt(k);
            counts[w[i] * k + z[i]]++;
        }
        return new Shard(starts.toArray(), w, z, counts);
    }

    /** One Gibbs sweep over the shard's tokens against a local copy of the global counts. */
    static Shard sweep(Shard shard, int[] global, int k, int vocabSize, double alpha, double beta, long seed) {
        int[] nwt = global.clone();
        int[] nt = topicTotals(nwt, k);
        double vBeta = vocabSize * beta;
        double[] inv = new double[k];
        for (int t = 0; t < k; t++) {
            inv[t] = 1.0 / (nt[t] + vBeta);
        }
        int[] ndt = new int[k];
        // coefficient[t] = (n(d, t) + alpha) / (n(t) + V beta): P(z = t) ~ coefficient[t] * (n(w, t) + beta)
        double[] coefficient = new double[k];
        double[] cumulative = new double[k];
        int[] words = shard.words;
        short[] old = shard.topics;
        short[] z = new short[old.length];
        int[] own = new int[vocabSize * k];
        SplittableRandom random = new SplittableRandom(seed);
        int[] starts = shard.docStart;
        for (int d = 0; d + 1 < starts.length; d++) {
            int from = starts[d];
            int to = starts[d + 1];
            Arrays.fill(ndt, 0);
            for (int i = from; i < to; i++) {
                ndt[old[i]]++;
            }
            for (int t = 0; t < k; t++) {
                coefficient[t] = (ndt[t] + alpha) * inv[t];
            }
            for (int i = from; i < to; i++) {
                int w = words[i];
                int base = w * k;
                int t = old[i];
                ndt[t]--;
                nwt[base + t]--;
                nt[t]--;
                inv[t] = 1.0 / (nt[t] + vBeta);
                coefficient[t] = (ndt[t] + alpha) * inv[t];
                double total = 0;
                for (int u = 0; u < k; u++) {
                    total += coefficient[u] * (nwt[base + u] + beta);
                    cumulative[u] = total;
                }
                double r = random.nextDouble() * total;
                int u = 0;
                while (u < k - 1 && cumulative[u] <= r) {
                    u++;
                }
                z[i] = (short) u;
                ndt[u]++;
                nwt[base + u]++;
                nt[u]++;
                inv[u] = 1.0 / (nt[u] + vBeta);
                coefficient[u] = (ndt[u] + alpha) * inv[u];
                own[base + u]++;
            }
        }
        return new Shard(starts, words, z, own);
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int x) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = x;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
