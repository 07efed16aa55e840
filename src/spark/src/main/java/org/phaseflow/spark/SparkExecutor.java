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
import org.phaseflow.study.Study;
import org.phaseflow.study.TaskFailedException;
import org.phaseflow.study.TaskExecutor;

/**
 * The study's tasks on Apache Spark (docs/spark.md): one Spark job per (setting, d, seed), all
 * submitted at once, so every executor core takes a task while the driver writes each row as its job
 * completes. A task's row is computed by {@code Study.row}, exactly as on the local runner, so the
 * rows are the same bits wherever they ran (docs/reproducibility.md); a failed task is run again by
 * Spark ({@code spark.task.maxFailures}, 4 unless set), from scratch, to the same row.
 *
 * <p>Spark's settings can be given as {@code -Dspark.NAME=VALUE} (JAVA_OPTS); unless set, the driver
 * binds to 127.0.0.1, no web UI is started, and the executors start with the driver's JVM options
 * (the Vector API module, the GC, the 64-byte alignment, Spark's --add-opens, -Dphaseflow.*).
 */
public final class SparkExecutor implements TaskExecutor {
    static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]*)(?:,([1-9][0-9]*))?\\])?");
    static final int MAX_FAILURES = 4;

    private final String master;
    private final int threadsPerTask;
    private final int[] failFirstAttempt;

    /** @param master local[N], spark://HOST:PORT or k8s://…; null: local[*] */
    public SparkExecutor(String master, int threadsPerTask) { this(master, threadsPerTask, new int[0]); }

    /** As above; the first attempt of each task whose plan index is in {@code failFirstAttempt} fails (tests). */
    SparkExecutor(String master, int threadsPerTask, int... failFirstAttempt) {
        this.master = master == null ? "local[*]" : master;
        this.threadsPerTask = threadsPerTask;
        this.failFirstAttempt = failFirstAttempt.clone();
        Matcher m = LOCAL.matcher(this.master);
        if (m.matches()) {
            int cores = localCores(m);
            if (threadsPerTask > cores) {
                throw new IllegalArgumentException("--threads " + threadsPerTask + ": more than the " + cores + " executor threads of --master "
                        + this.master + " (a task takes --threads of them)");
            }
        } else if (this.master.matches("k8s://\\S+")) {
            // Spark finds its Kubernetes scheduler on the class path; this module depends on spark-core alone
            try {
                Class.forName("org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager");
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("--master " + this.master + ": needs Spark's Kubernetes module (spark-kubernetes_2.13), "
                        + "which this build leaves out (src/spark/pom.xml has spark-core only); docs/spark.md");
            }
        } else if (!this.master.matches("spark://[^/\\s]+:[0-9]+(,[^/\\s]+:[0-9]+)*")) {
            throw new IllegalArgumentException("--master " + this.master + ": not allowed (allowed: local[N], local[*], spark://HOST:PORT, k8s://…)");
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
    public String toString() { return "spark " + master + ", " + threadsPerTask + " thread" + (threadsPerTask == 1 ? "" : "s") + " per task"; }

    private record Done(TaskRow row, Throwable failure) {}

    @Override
    public void run(StudyPlan plan, List<Study.Task> tasks, Study.Listener listener) {
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
            List<JavaFutureAction<List<TaskRow>>> jobs = new ArrayList<>();
            // one job per task, submitted in plan order (Spark's FIFO scheduler starts them in that order);
            // a virtual thread waits for each, so rows reach the CSV in the order they complete
            for (Study.Task t : tasks) {
                sc.setJobDescription(t.key());
                JavaFutureAction<List<TaskRow>> job;
                try {
                    job = sc.parallelize(List.of(index.get(t.key())), 1).map(work).collectAsync();
                } catch (IllegalStateException e) {   // the cluster ended the application (its log says why)
                    throw new TaskFailedException("spark: the study stops: Spark stopped while its tasks were submitted: " + e.getMessage(), e);
                }
                jobs.add(job);
                Thread.ofVirtual().name("phaseflow-spark-wait").start(() -> {
                    try {
                        done.add(new Done(job.get().get(0), null));
                    } catch (ExecutionException e) {
                        done.add(new Done(null, e.getCause()));
                    } catch (InterruptedException | CancellationException e) {
                        done.add(new Done(null, e));
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
                    for (JavaFutureAction<?> j : jobs) j.cancel(true);
                    // Spark's message says how often the task failed (spark.task.maxFailures) and why
                    String why = String.valueOf(d.failure().getMessage()).lines().findFirst().orElse("");
                    throw new TaskFailedException("spark: the study stops: " + why, d.failure());
                }
                Study.Task t = all.get(d.row().index());
                if (d.row().attempt() > 0) log.retried(t.key(), d.row());
                listener.finished(d.row().row(t));
            }
        }
    }
}
