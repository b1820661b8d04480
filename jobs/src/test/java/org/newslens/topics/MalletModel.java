package org.newslens.topics;

import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.topics.WorkerRunnable;
import cc.mallet.util.Randoms;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MALLET 2.0.8's ParallelTopicModel with the multi-threaded {@code estimate()} loop reproduced, except for how the
 * driver waits for its workers: 2.0.8 submits the workers, sleeps 20 ms and then polls their {@code isFinished}
 * flags every 10 ms; on a loaded machine a worker that has not started yet still shows {@code isFinished = true}
 * from the previous iteration, so the counts are summed while it samples ("already running!" and
 * ArrayIndexOutOfBoundsException in WorkerRunnable.sampleTopicsForOneDoc, seen on this project's shared
 * 2-core machine). Here the driver waits on the workers' futures. Sampling, count copies and summing are MALLET's
 * own code; hyperparameter optimisation, state saving and topic display are left out (the benchmark uses none).
 */
final class MalletModel extends ParallelTopicModel {
    private static final long serialVersionUID = 1L;
    private int threads = 1;

    MalletModel(int k, double alphaSum, double beta) {
        super(k, alphaSum, beta);
    }

    @Override
    public void setNumThreads(int threads) {
        super.setNumThreads(threads);
        this.threads = threads;
    }

    @Override
    public void estimate() {
        WorkerRunnable[] runnables = new WorkerRunnable[threads];
        int docsPerThread = data.size() / threads;
        int offset = 0;
        for (int thread = 0; thread < threads; thread++) {
            int[] runnableTotals = new int[numTopics];
            System.arraycopy(tokensPerTopic, 0, runnableTotals, 0, numTopics);
            int[][] runnableCounts = new int[numTypes][];
            for (int type = 0; type < numTypes; type++) {
                runnableCounts[type] = typeTopicCounts[type].clone();
            }
            if (thread == threads - 1) {
                docsPerThread = data.size() - offset;
            }
            Randoms random = randomSeed == -1 ? new Randoms() : new Randoms(randomSeed);
            runnables[thread] = new WorkerRunnable(numTopics, alpha, alphaSum, beta, random, data, runnableCounts,
                    runnableTotals, offset, docsPerThread);
            runnables[thread].initializeAlphaStatistics(docLengthCounts.length);
            offset += docsPerThread;
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            for (int iteration = 1; iteration <= numIterations; iteration++) {
                if (iteration % 100 == 0) {
                    System.out.printf(java.util.Locale.ROOT, "MALLET %d iterations done, %.1f s%n", iteration - 1, (System.nanoTime() - start) / 1e9);
                }
                List<Future<?>> futures = new ArrayList<>();
                for (WorkerRunnable r : runnables) {
                    futures.add(executor.submit(r));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                sumTypeTopicCounts(runnables);
                for (WorkerRunnable r : runnables) {
                    System.arraycopy(tokensPerTopic, 0, r.getTokensPerTopic(), 0, numTopics);
                    int[][] runnableCounts = r.getTypeTopicCounts();
                    for (int type = 0; type < numTypes; type++) {
                        int[] target = runnableCounts[type];
                        int[] source = typeTopicCounts[type];
                        for (int index = 0; index < source.length; index++) {
                            if (source[index] != 0) {
                                target[index] = source[index];
                            } else if (target[index] != 0) {
                                target[index] = 0;
                            } else {
                                break;
                            }
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }
}
