package org.phaseflow.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.phaseflow.config.Json;
import org.phaseflow.config.StudyPlan;
import org.phaseflow.schedule.ScheduleSpec;
import org.phaseflow.study.OptimizedSchedules;
import org.phaseflow.study.Study;
import org.phaseflow.study.TaskFailedException;
import org.phaseflow.study.TaskExecutor;

/**
 * The study's tasks on Apache Spark (docs/spark.md): one Spark job per (setting, d, seed), all
 * submitted at once, so every executor core takes a task while the driver writes each row as its job
 * completes. A task's row is computed by {@code Study.row}, exactly as on the local runner, so the
 * rows are the same bits wherever they ran (docs/reproducibility.md); a failed task is run again by
 * Spark ({@code spark.task.maxFailures}, 4 unless set), from scratch, to the same row. An optimized
 * schedule is computed on the driver, once per (setting, d) for all its seeds ({@link OptimizedSchedules},
 * docs/mathematics.md §5.8), and reaches the executors as its knots, for whole and split tasks alike.
 *
 * <p>A big task (particles × d ≥ {@link #SHARD_COORDINATES}, or every task with an explicit shard
 * count) is split instead (§7): its K* searches run on the driver, and each round (the K evaluated
 * together) is one Spark job over particle shards, whose outcomes joined in index order are the
 * unsharded run's, so the row is the same bits for any shard count.
 *
 * <p>Spark's settings can be given as {@code -Dspark.NAME=VALUE} (JAVA_OPTS); unless set, the driver
 * binds to 127.0.0.1, no web UI is started, and the executors start with the driver's JVM options
 * (the Vector API module, the GC, the 64-byte alignment, Spark's --add-opens, -Dphaseflow.*).
 */
public final class SparkExecutor implements TaskExecutor {
    static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]*)(?:,([1-9][0-9]*))?\\])?");
    static final int MAX_FAILURES = 4;
    /**
     * Particles × d from which a task is split without --shards: a d = 10⁶ task at the paper's 600
     * particles (6·10⁸, a few minutes of one core per round) is; d = 10⁵ (6·10⁷) is not, since its
     * rounds are short beside a Spark job's start and many such tasks keep the cores busy anyway.
     */
    static final long SHARD_COORDINATES = 100_000_000L;

    private final String master;
    private final int threadsPerTask;
    private final Integer shards;
    private final int failShard;
    private final int[] failFirstAttempt;

    /** @param master local[N], spark://HOST:PORT or k8s://…; null: local[*] */
    public SparkExecutor(String master, int threadsPerTask) { this(master, threadsPerTask, null); }

    /** @param shards the shards of every task (1: none split), or null: big tasks only, in as many shards as the cluster has task slots */
    public SparkExecutor(String master, int threadsPerTask, Integer shards) { this(master, threadsPerTask, shards, -1); }

    /**
     * As above; the first attempt of each task whose plan index is in {@code failFirstAttempt} fails,
     * and so does the first attempt of shard {@code failShard} in every round (tests).
     */
    SparkExecutor(String master, int threadsPerTask, Integer shards, int failShard, int... failFirstAttempt) {
        this.master = master == null ? "local[*]" : master;
        this.threadsPerTask = threadsPerTask;
        if (shards != null && shards < 1) {
            throw new IllegalArgumentException("--shards " + shards + ": not allowed (allowed: a positive integer, the particle shards of "
                    + "every task; 1 runs every task whole)");
        }
        this.shards = shards;
        this.failShard = failShard;
        this.failFirstAttempt = failFirstAttempt.clone();
        Matcher m = LOCAL.matcher(this.master);
        if (m.matches()) {
            int cores = localCores(m);
            if (threadsPerTask > cores) {
                throw new IllegalArgumentException("--threads " + threadsPerTask + ": more than the " + cores + " executor threads of --master "
                        + this.master + " (a task takes --threads of them)");
            }
        } else if (this.master.matches("k8s://\\S+")) {
            checkKubernetes(this.master, new SparkConf(true));
        } else if (!this.master.matches("spark://[^/\\s]+:[0-9]+(,[^/\\s]+:[0-9]+)*")) {
            throw new IllegalArgumentException("--master " + this.master + ": not allowed (allowed: local[N], local[*], spark://HOST:PORT, k8s://…)");
        }
    }

    /**
     * A Kubernetes master is checked before any work (docs/spark.md §8): its executors need a
     * container image, and its API server must accept a connection; else one line says which.
     * Nothing beyond that is checked here (there is no cluster to try it on).
     */
    static void checkKubernetes(String master, SparkConf conf) {
        if (!conf.contains("spark.kubernetes.container.image") && !conf.contains("spark.kubernetes.executor.container.image")) {
            throw new IllegalArgumentException("--master " + master + ": needs the executors' container image, "
                    + "JAVA_OPTS=-Dspark.kubernetes.container.image=IMAGE (Spark 4.2 for Scala 2.13 on Java 25.0.3 or newer; docs/spark.md)");
        }
        String api = master.substring("k8s://".length());
        if (!api.matches("(?i)https?://.*")) api = "https://" + api;   // as Spark reads it
        java.net.URI uri;
        try {
            uri = java.net.URI.create(api);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--master " + master + ": not a Kubernetes API server address (k8s://https://HOST:PORT)");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("--master " + master + ": not a Kubernetes API server address (k8s://https://HOST:PORT)");
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("http") ? 80 : 443;
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(uri.getHost(), port), 5000);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--master " + master + ": cannot reach the Kubernetes API server at " + uri.getHost() + ":" + port
                    + " (" + e.getMessage() + ")");
        }
    }

    private static int localCores(Matcher m) {
        String n = m.group(1);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    /**
     * The master Spark is given: local mode runs a failed task once only unless asked, so local[N]
     * becomes local[N,F] with the same F a cluster gets (spark.task.maxFailures), and faults behave alike.
     */
    static String sparkMaster(String master, int maxFailures) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches() || m.group(2) != null) return master;
        return "local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + maxFailures + "]";
    }

    /**
     * Apache Spark asks Java 25 users to avoid 25.0.0–25.0.2: G1 may move pinned objects
     * (JDK-8377811, data corruption); the check runs on the driver and on every executor.
     */
    static void checkJdk(Runtime.Version v) {
        if (v.feature() == 25 && v.update() < 3) {
            throw new IllegalArgumentException("--runner spark: this JVM is Java " + v + ", which Apache Spark 4.2 asks to avoid "
                    + "(JDK-8377811, a G1 bug); use Java 25.0.3 or newer");
        }
    }

    /** The configuration: spark.* system properties first, then this runner's defaults. */
    SparkConf conf() {
        SparkConf conf = new SparkConf(true).setAppName("phaseflow study");
        int maxFailures = conf.getInt("spark.task.maxFailures", MAX_FAILURES);
        conf.setMaster(sparkMaster(master, maxFailures));
        conf.set("spark.task.maxFailures", Integer.toString(maxFailures));
        conf.set("spark.task.cpus", Integer.toString(threadsPerTask));
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.extraJavaOptions", String.join(" ", executorJvmOptions()));
        // the engine's jars (the launcher names them) go to executors that do not share this class path
        String jars = System.getProperty("phaseflow.spark.jars");
        if (jars != null && !LOCAL.matcher(master).matches()) conf.setIfMissing("spark.jars", jars);
        return conf;
    }

    /**
     * The options of this JVM that executors need to compute the same bits at the same speed: modules
     * and opens, -XX flags (the GC, the object alignment), Spark's netty and unsafe settings, and the
     * engine's -Dphaseflow.* switches (a forced kernel form or width). Not the heap or agents.
     */
    static List<String> executorJvmOptions() {
        List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments(), out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            String a = in.get(i);
            if ((a.equals("--add-modules") || a.equals("--add-opens") || a.equals("--add-exports")) && i + 1 < in.size()) {
                out.add(a + "=" + in.get(++i));
            } else if (a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("--sun-misc-unsafe-memory-access")
                    || a.startsWith("--enable-native-access") || a.startsWith("-Dio.netty.")
                    || a.startsWith("-Dphaseflow.") && !a.startsWith("-Dphaseflow.build") && !a.startsWith("-Dphaseflow.spark.")) {
                if (!a.contains(" ")) out.add(a);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "spark " + master + ", " + threadsPerTask + " thread" + (threadsPerTask == 1 ? "" : "s") + " per task, "
                + (shards == null ? "particle shards for tasks of particles × d ≥ 1e8" : shards == 1 ? "no particle shards" : shards + " particle shards per task");
    }

    /**
     * How many shards {@code task} is split into (1: it runs whole, one Spark job): --shards when
     * given, else the task slots the cluster has now (Spark's default parallelism over the threads a
     * task takes, at least 2) for a task of particles × d ≥ {@link #SHARD_COORDINATES}. The row does not depend on it.
     */
    int shardsOf(StudyPlan plan, Study.Task task, int parallelism) {
        if (shards != null) return shards;
        int[] n = Study.particles(plan, task);   // the row's N, which may exceed the plan's at small d
        long coordinates = (long) Math.max(n[0], n[1]) * task.dim();
        return coordinates < SHARD_COORDINATES ? 1 : Math.max(2, parallelism / threadsPerTask);
    }

    /**
     * How many split tasks search at once: enough that their rounds of {@code shards} shards fill the
     * {@code slots} task slots, and one more to fill them while a search decides between rounds.
     */
    static int searchesAtOnce(int slots, int shards) { return (Math.max(1, slots) + shards - 1) / shards + 1; }

    /**
     * The cluster's task slots (Spark's default parallelism): on a cluster, once an executor has
     * registered (waiting at most spark.scheduler.maxRegisteredResourcesWaitingTime, 30 s unless set),
     * since before that Spark counts none and says 2.
     */
    int taskSlots(JavaSparkContext sc) {
        if (!LOCAL.matcher(master).matches()) {
            long wait = sc.sc().conf().getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s");
            long until = System.nanoTime() + wait * 1_000_000;
            // the driver is listed among the executors; a cluster's own executors come on top
            while (sc.statusTracker().getExecutorInfos().length < 2 && System.nanoTime() < until) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return sc.defaultParallelism();
    }

    /** A finished task: its row (from an executor, or made on the driver from shards), or why it failed. */
    private record Done(Study.Task task, Study.Row row, TaskRow from, Throwable failure) {}

    /**
     * Submits one whole task as a Spark job; a virtual thread waits for it, so its row reaches
     * {@code done} as it completes. Spark stopping during the submission fails the study.
     */
    private static void submit(JavaSparkContext sc, Study.Task t, int i, RunTask work, List<JavaFutureAction<List<TaskRow>>> jobs,
                               BlockingQueue<Done> done, List<Study.Task> all) {
        sc.setJobDescription(t.key());
        JavaFutureAction<List<TaskRow>> job;
        try {
            job = sc.parallelize(List.of(i), 1).map(work).collectAsync();
        } catch (IllegalStateException e) {   // the cluster ended the application (its log says why)
            throw new TaskFailedException("spark: the study stops: Spark stopped while its tasks were submitted: " + e.getMessage(), e);
        }
        jobs.add(job);
        Thread.ofVirtual().name("phaseflow-spark-wait").start(() -> {
            try {
                TaskRow row = job.get().get(0);
                done.add(new Done(all.get(row.index()), null, row, null));
            } catch (ExecutionException e) {
                done.add(new Done(t, null, null, e.getCause()));
            } catch (InterruptedException | CancellationException e) {
                done.add(new Done(t, null, null, e));
            }
        });
    }

    @Override
    public void run(StudyPlan plan, List<Study.Task> tasks, Study.Listener listener, OptimizedSchedules schedules) {
        checkJdk(Runtime.version());
        if (tasks.isEmpty()) return;
        List<Study.Task> all = Study.tasks(plan);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < all.size(); i++) index.put(all.get(i).key(), i);
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        RunTask work = new RunTask(json, plan.fingerprint(), threadsPerTask, failFirstAttempt);
        try (JavaSparkContext sc = new JavaSparkContext(conf())) {
            FaultLog log = new FaultLog();
            sc.sc().addSparkListener(log);
            BlockingQueue<Done> done = new LinkedBlockingQueue<>();
            List<JavaFutureAction<List<TaskRow>>> jobs = java.util.Collections.synchronizedList(new ArrayList<>());
            // one job per whole task, submitted in plan order (Spark's FIFO scheduler starts them in that order);
            // a virtual thread waits for each, so rows reach the CSV in the order they complete. A split task's
            // search runs here, on a driver thread, each round a job over its shards.
            List<Study.Task> split = new ArrayList<>();
            for (Study.Task t : tasks) {
                int i = index.get(t.key());
                if (shardsOf(plan, t, 2) > 1) {   // split or not does not depend on the slots, only how many shards
                    split.add(t);
                    continue;
                }
                if (t.setting().schedule() instanceof ScheduleSpec.Optimized) {
                    // its schedule is computed here, once per (setting, d), and goes to the executor as knots; the
                    // pilot runs on a driver thread, so the other tasks' jobs are submitted meanwhile
                    Thread.ofVirtual().name("phaseflow-spark-pilot").start(() -> {
                        try {
                            submit(sc, t, i, work.with(schedules.get(plan, t.setting(), t.dim(), threadsPerTask)), jobs, done, all);
                        } catch (Throwable e) {
                            done.add(new Done(t, null, null, e));
                        }
                    });
                    continue;
                }
                submit(sc, t, i, work, jobs, done, all);
            }
            // the split tasks' searches, in plan order, a few at a time: enough for their rounds to fill the
            // task slots, so rows still finish one after another (the CSV and the remaining-time estimate)
            if (!split.isEmpty()) {
                Study.Listener progress = new Study.Listener() {
                    @Override public void accept(long n) { listener.accept(n); }

                    @Override public void evaluating(Study.Task task, String feature, int[] ks) { listener.evaluating(task, feature, ks); }

                    @Override public void finished(Study.Row row) {}
                };
                Thread.ofVirtual().name("phaseflow-spark-searches").start(() -> {
                    int slots = taskSlots(sc);
                    java.util.Queue<Study.Task> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(split);
                    int at = searchesAtOnce(slots / threadsPerTask, split.stream().mapToInt(t -> shardsOf(plan, t, slots)).max().orElse(2));
                    for (int w = 0; w < Math.min(at, split.size()); w++) {
                        Thread.ofVirtual().name("phaseflow-spark-search").start(() -> {
                            for (Study.Task t; (t = queue.poll()) != null; ) {
                                ShardedOutcomes rounds = new ShardedOutcomes(sc, json, plan.fingerprint(), index.get(t.key()), t.key(),
                                        shardsOf(plan, t, slots), threadsPerTask, failShard, log);
                                try {
                                    done.add(new Done(t, Study.row(plan, t, threadsPerTask, progress, rounds, schedules), null, null));
                                } catch (Throwable e) {
                                    done.add(new Done(t, null, null, e));
                                    return;
                                }
                            }
                        });
                    }
                });
            }
            for (int n = 0; n < tasks.size(); n++) {
                Done d;
                try {
                    d = done.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                if (d.failure() != null) {
                    synchronized (jobs) {
                        for (JavaFutureAction<?> j : jobs) j.cancel(true);
                    }
                    sc.cancelAllJobs();   // the rounds of sharded tasks
                    // Spark's message says how often the task failed (spark.task.maxFailures) and why
                    String why = String.valueOf(d.failure().getMessage()).lines().findFirst().orElse("");
                    throw new TaskFailedException("spark: the study stops: " + why, d.failure());
                }
                if (d.from() == null) {
                    listener.finished(d.row());
                } else {
                    if (d.from().attempt() > 0) log.retried(d.task().key(), d.from());
                    listener.finished(d.from().row(d.task()));
                }
            }
        }
    }
}
