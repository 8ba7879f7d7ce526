package dev.braid.pipelines.replay;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A deterministic Airflow history for the Airflow replay: a few DAGs (one paused, none of its runs
 * new), each a fan of tasks ({@code extract} → {@code t01…} → {@code publish}) with one task mapped
 * over three inputs, and DAG runs one minute apart, each with a fixed number of task instances
 * (a mapped task's instances count one each). Some tasks fail and pass on their retry, some runs
 * fail (their last task failed, the ones after it upstream_failed), the newest run is still going.
 */
public final class AirflowHistory {
    public static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    /** A DAG and its tasks (with the tasks each feeds). */
    public static final class Dag {
        public String id;
        public boolean paused;
        public final List<Task> tasks = new ArrayList<>();
    }

    /** A task of a DAG. */
    public static final class Task {
        public String id;
        public boolean mapped;
        public int retries;
        public final List<String> downstream = new ArrayList<>();
    }

    /** A DAG run. Times are epoch ms. */
    public static final class Run {
        public long id;
        public String dagId;
        public String runId;
        public String state;
        public String runType = "scheduled";
        public long queued;
        public Long started;
        public Long ended;
        public long updated;
        public String sha;
        public final List<Instance> instances = new ArrayList<>();
    }

    /** A task instance with its tries (the last is the current one). */
    public static final class Instance {
        public String taskId;
        public int mapIndex = -1;
        public final List<Try> tries = new ArrayList<>();

        public Try latest() {
            return tries.get(tries.size() - 1);
        }
    }

    /** One try. */
    public static final class Try {
        public int number;
        public String state;
        public Long scheduled;
        public Long queued;
        public Long started;
        public Long ended;
    }

    private final List<Dag> dags = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private final Random random;
    private final int instancesPerRun;
    /** Runs added after the generated history happen now, as new runs on a real server do. */
    private boolean live;

    private AirflowHistory(long seed, int instancesPerRun) {
        this.random = new Random(seed);
        this.instancesPerRun = Math.max(5, instancesPerRun);
    }

    /** {@code count} runs of {@code instancesPerRun} task instances each, spread over three DAGs (a fourth is paused). */
    public static AirflowHistory generate(int count, int instancesPerRun, long seed) {
        AirflowHistory h = new AirflowHistory(seed, instancesPerRun);
        for (String id : List.of("train_model", "score_batch", "refresh_features", "retired_export")) {
            h.dags.add(h.dag(id, id.equals("retired_export")));
        }
        for (int i = 0; i < count; i++) {
            h.addRun(i == count - 1 && count > 3 ? "running" : null);
        }
        h.live = true;
        return h;
    }

    private Dag dag(String id, boolean paused) {
        Dag dag = new Dag();
        dag.id = id;
        dag.paused = paused;
        int middle = instancesPerRun - 5; // besides extract, publish, and a mapped task of three instances
        Task extract = task("extract");
        Task publish = task("publish");
        Task mapped = task("score");
        mapped.mapped = true;
        extract.downstream.add("score");
        mapped.downstream.add("publish");
        dag.tasks.add(extract);
        for (int i = 1; i <= middle; i++) {
            Task t = task(String.format("t%02d", i));
            t.retries = i == 1 ? 2 : 0;
            extract.downstream.add(t.id);
            t.downstream.add("publish");
            dag.tasks.add(t);
        }
        dag.tasks.add(mapped);
        dag.tasks.add(publish);
        return dag;
    }

    private static Task task(String id) {
        Task t = new Task();
        t.id = id;
        return t;
    }

    public synchronized List<Dag> dags() {
        return new ArrayList<>(dags);
    }

    public synchronized List<Run> runs() {
        return new ArrayList<>(runs);
    }

    public synchronized Run run(String dagId, String runId) {
        return runs.stream().filter(r -> r.dagId.equals(dagId) && r.runId.equals(runId)).findFirst().orElse(null);
    }

    public synchronized Dag dag(String dagId) {
        return dags.stream().filter(d -> d.id.equals(dagId)).findFirst().orElse(null);
    }

    /** Appends a run a minute after the last; {@code state} null picks one at random. */
    public synchronized Run addRun(String state) {
        int n = runs.size();
        Run run = new Run();
        run.id = n + 1;
        Dag dag = dags.get(n % 3);
        run.dagId = dag.id;
        run.queued = runs.isEmpty() ? START : live ? Math.max(System.currentTimeMillis(), runs.get(n - 1).queued + 1_000)
                : START + n * 60_000L;
        run.runId = "scheduled__" + java.time.Instant.ofEpochMilli(run.queued).toString().replace("Z", "+00:00");
        run.sha = sha(n);
        String chosen = state != null ? state : random.nextInt(100) < 85 ? "success" : "failed";
        long t = run.queued + 2_000 + random.nextInt(3_000);
        run.started = t;
        long end = t;
        for (Task task : dag.tasks) {
            int copies = task.mapped ? 3 : 1;
            for (int m = 0; m < copies; m++) {
                Instance ti = new Instance();
                ti.taskId = task.id;
                ti.mapIndex = task.mapped ? m : -1;
                long start = task.id.equals("publish") ? end + 500 : t + 1_000 + random.nextInt(2_000);
                boolean flaky = task.retries > 0 && n % 5 == 2;
                if (flaky) {
                    ti.tries.add(attempt(1, "failed", start, start + 4_000));
                    start += 10_000;
                }
                Try last = attempt(flaky ? 2 : 1, "success", start, start + 5_000 + random.nextInt(20_000));
                ti.tries.add(last);
                end = Math.max(end, last.ended);
                run.instances.add(ti);
            }
        }
        Instance publish = run.instances.get(run.instances.size() - 1);
        if ("failed".equals(chosen)) {
            Instance failing = run.instances.get(1);
            failing.latest().state = "failed";
            publish.latest().state = "upstream_failed";
            publish.latest().started = publish.latest().ended = failing.latest().ended;
        } else if ("running".equals(chosen)) {
            publish.latest().state = "running";
            publish.latest().ended = null;
            end = publish.latest().started;
        }
        run.state = chosen;
        run.ended = "running".equals(chosen) ? null : end + 300;
        run.updated = run.ended != null ? run.ended : end;
        runs.add(run);
        return run;
    }

    private Try attempt(int number, String state, long start, long end) {
        Try t = new Try();
        t.number = number;
        t.state = state;
        t.scheduled = start - 400;
        t.queued = start - 200;
        t.started = start;
        t.ended = end;
        return t;
    }

    /** Finishes a running run with {@code state}, as the scheduler would. */
    public synchronized void finish(Run run, String state) {
        long end = System.currentTimeMillis();
        for (Instance ti : run.instances) {
            if (ti.latest().ended == null) {
                ti.latest().ended = end;
                ti.latest().state = state;
            }
        }
        run.state = state;
        run.ended = end;
        run.updated = end;
    }

    private static String sha(int n) {
        byte[] bytes = new byte[20];
        new Random(n * 104_729L).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
