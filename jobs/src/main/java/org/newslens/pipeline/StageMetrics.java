package org.newslens.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Sums Spark's task metrics over one pipeline step: a listener registered on the SparkContext by
 * {@link #start} and removed by {@link #finish}, which first waits (bounded) for the listener bus to deliver the
 * step's last events. Per task it only adds longs; per Spark stage it keeps the task durations (one long each) to
 * find the slowest and the median task of the step's largest stage (the one with the most executor run time).
 *
 * <p>Only jobs and stages that start while the listener is registered are counted, so late events of a previous
 * step are ignored. Listener events arrive on Spark's listener-bus thread, the summary is read on the driver's:
 * the methods are synchronized (one uncontended lock per event).
 */
public final class StageMetrics extends SparkListener {
    /** Longest wait for outstanding task and job events after a step's last Spark job returned. */
    static final long DEFAULT_DRAIN_MILLIS = 3000;
    /** The bus must also have been quiet this long, in case a job's start event itself is still queued. */
    private static final long QUIET_NANOS = 10_000_000L;

    private final SparkContext sc;
    private final Set<Integer> openJobs = new HashSet<>();
    private final Set<Integer> stagesSeen = new HashSet<>();
    private final Map<Integer, StageTasks> perStage = new HashMap<>();
    private long jobs;
    private long tasksStarted;
    private long tasksEnded;
    private long failedTasks;
    private long runMillis;
    private long cpuNanos;
    private long gcMillis;
    private long inputBytes;
    private long outputBytes;
    private long shuffleReadBytes;
    private long shuffleWriteBytes;
    private long memorySpilled;
    private long diskSpilled;
    private long resultBytes;
    private long lastEventNanos = System.nanoTime();

    private StageMetrics(SparkContext sc) {
        this.sc = sc;
    }

    /** Registers a new listener on {@code sc}; call {@link #finish} (in a finally block) when the step is over. */
    public static StageMetrics start(SparkContext sc) {
        StageMetrics m = new StageMetrics(sc);
        sc.addSparkListener(m);
        return m;
    }

    /**
     * Waits until every job and task this listener saw start has been seen to end (at most {@code maxWaitMillis}),
     * unregisters the listener and returns the sums. The job's own events are posted before its caller returns, so
     * the wait is normally 10-20 milliseconds (the bus must also have been quiet for 10 ms); {@link Summary#complete()} is false when it timed out.
     */
    public Summary finish(long maxWaitMillis) {
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
        boolean drained = false;
        try {
            while (true) {
                synchronized (this) {
                    if (openJobs.isEmpty() && tasksEnded >= tasksStarted && System.nanoTime() - lastEventNanos >= QUIET_NANOS) {
                        drained = true;
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sc.removeSparkListener(this);
        }
        synchronized (this) {
            return summary(drained);
        }
    }

    /** {@link #finish(long)} with {@value #DEFAULT_DRAIN_MILLIS} ms. */
    public Summary finish() {
        return finish(DEFAULT_DRAIN_MILLIS);
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart jobStart) {
        lastEventNanos = System.nanoTime();
        openJobs.add(jobStart.jobId());
        jobs++;
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
        lastEventNanos = System.nanoTime();
        openJobs.remove(jobEnd.jobId());
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
        lastEventNanos = System.nanoTime();
        stagesSeen.add(stageSubmitted.stageInfo().stageId());
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart taskStart) {
        lastEventNanos = System.nanoTime();
        if (stagesSeen.contains(taskStart.stageId())) {
            tasksStarted++;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        lastEventNanos = System.nanoTime();
        if (!stagesSeen.contains(taskEnd.stageId())) {
            return;
        }
        tasksEnded++;
        TaskInfo info = taskEnd.taskInfo();
        if (info != null && (info.failed() || info.killed())) {
            failedTasks++;
        }
        TaskMetrics m = taskEnd.taskMetrics();
        if (m == null) {
            return;
        }
        runMillis += m.executorRunTime();
        cpuNanos += m.executorCpuTime();
        gcMillis += m.jvmGCTime();
        inputBytes += m.inputMetrics().bytesRead();
        outputBytes += m.outputMetrics().bytesWritten();
        shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
        shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
        memorySpilled += m.memoryBytesSpilled();
        diskSpilled += m.diskBytesSpilled();
        resultBytes += m.resultSize();
        long duration = info == null ? m.executorRunTime() : Math.max(0, info.finishTime() - info.launchTime());
        perStage.computeIfAbsent(taskEnd.stageId(), k -> new StageTasks()).add(duration, m.executorRunTime());
    }

    private Summary summary(boolean drained) {
        int largest = -1;
        StageTasks big = null;
        for (Map.Entry<Integer, StageTasks> e : perStage.entrySet()) {
            if (big == null || e.getValue().runMillis > big.runMillis) {
                largest = e.getKey();
                big = e.getValue();
            }
        }
        long slowest = 0;
        long median = 0;
        int bigTasks = 0;
        if (big != null) {
            long[] d = Arrays.copyOf(big.durations, big.n);
            Arrays.sort(d);
            bigTasks = big.n;
            slowest = d[d.length - 1];
            median = d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
        }
        return new Summary(tasksEnded, failedTasks, jobs, stagesSeen.size(), runMillis, cpuNanos, gcMillis, inputBytes,
                outputBytes, shuffleReadBytes, shuffleWriteBytes, memorySpilled, diskSpilled, resultBytes, largest,
                bigTasks, slowest, median, drained);
    }

    /** The task durations (ms) of one Spark stage, and its executor run time. */
    private static final class StageTasks {
        long[] durations = new long[16];
        int n;
        long runMillis;

        void add(long durationMillis, long run) {
            if (n == durations.length) {
                durations = Arrays.copyOf(durations, n * 2);
            }
            durations[n++] = durationMillis;
            runMillis += run;
        }
    }

    /**
     * Task metrics summed over one step. Times in ms (cpu in ns), sizes in bytes. The largest stage is the one
     * with the most executor run time; its slowest and median task durations (launch to finish) show skew.
     */
    public record Summary(long tasks, long failedTasks, long jobs, long stages, long runMillis, long cpuNanos,
                          long gcMillis, long inputBytes, long outputBytes, long shuffleReadBytes,
                          long shuffleWriteBytes, long memorySpilledBytes, long diskSpilledBytes, long resultBytes,
                          int largestStage, int largestStageTasks, long slowestTaskMillis, long medianTaskMillis,
                          boolean complete) {

        /**
         * One line, e.g. {@code [terms] tasks 412 in 9 stages, run 95.1 core-s (cpu 80.2, gc 6.3), shuffle write
         * 312.0 MB read 310.0 MB, spill 0 B mem / 0 B disk, input 0 B, output 41.2 MB, results 1.2 MB, slowest task
         * 2.1 s vs median 0.3 s (stage 17, 200 tasks)}.
         */
        public String line(String step) {
            StringBuilder sb = new StringBuilder("[").append(step).append("] tasks ").append(tasks);
            if (failedTasks > 0) {
                sb.append(" (").append(failedTasks).append(" failed)");
            }
            sb.append(" in ").append(stages).append(stages == 1 ? " stage" : " stages");
            sb.append(String.format(Locale.ROOT, ", run %.1f core-s (cpu %.1f, gc %.1f)", runMillis / 1e3, cpuNanos / 1e9,
                    gcMillis / 1e3));
            sb.append(", shuffle write ").append(bytes(shuffleWriteBytes)).append(" read ").append(bytes(shuffleReadBytes));
            sb.append(", spill ").append(bytes(memorySpilledBytes)).append(" mem / ").append(bytes(diskSpilledBytes)).append(" disk");
            sb.append(", input ").append(bytes(inputBytes)).append(", output ").append(bytes(outputBytes));
            sb.append(", results ").append(bytes(resultBytes));
            if (largestStage >= 0) {
                sb.append(String.format(Locale.ROOT, ", slowest task %.1f s vs median %.1f s (stage %d, %d %s)",
                        slowestTaskMillis / 1e3, medianTaskMillis / 1e3, largestStage, largestStageTasks,
                        largestStageTasks == 1 ? "task" : "tasks"));
            }
            if (!complete) {
                sb.append(" (incomplete: task events still outstanding)");
            }
            return sb.toString();
        }

        /** Adds the figures to a stage's manifest entry, as {@code "metrics": {...}}. */
        public void putInto(ObjectNode stage) {
            ObjectNode m = stage.putObject("metrics");
            m.put("tasks", tasks);
            m.put("failed_tasks", failedTasks);
            m.put("jobs", jobs);
            m.put("spark_stages", stages);
            m.put("run_core_s", round(runMillis / 1e3));
            m.put("cpu_core_s", round(cpuNanos / 1e9));
            m.put("gc_s", round(gcMillis / 1e3));
            m.put("input_bytes", inputBytes);
            m.put("output_bytes", outputBytes);
            m.put("shuffle_read_bytes", shuffleReadBytes);
            m.put("shuffle_write_bytes", shuffleWriteBytes);
            m.put("memory_spilled_bytes", memorySpilledBytes);
            m.put("disk_spilled_bytes", diskSpilledBytes);
            m.put("result_bytes", resultBytes);
            m.put("slowest_task_s", round(slowestTaskMillis / 1e3));
            m.put("median_task_s", round(medianTaskMillis / 1e3));
            m.put("complete", complete);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }

        /** 0 B, 512 B, 12.3 kB, 312.0 MB, 1.2 GB (binary multiples: kB = 1024 B). */
        static String bytes(long b) {
            if (b < 1024) {
                return b + " B";
            }
            String[] units = {"kB", "MB", "GB", "TB"};
            double v = b / 1024.0;
            int u = 0;
            while (v >= 1024 && u < units.length - 1) {
                v /= 1024;
                u++;
            }
            return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
        }
    }
}
