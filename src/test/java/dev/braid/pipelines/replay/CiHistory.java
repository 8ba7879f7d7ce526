package dev.braid.pipelines.replay;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A deterministic CI history for replay servers: runs on a few branches, each with build, test and
 * deploy jobs, a flaky job that failed then passed on a retry, failures, cancellations and a run
 * still going. Statuses are neutral words ({@code success}, {@code failed}, {@code running},
 * {@code canceled}, {@code skipped}, {@code manual}, {@code pending}); each replay maps them onto its
 * API's own.
 */
public final class CiHistory {
    public static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    /** One run. Times are epoch ms. */
    public static final class Run {
        public long id;
        public int number;
        public String ref;
        public String sha;
        public String status;
        public String event = "push";
        public String author;
        public String title;
        public long created;
        public Long started;
        public Long finished;
        public long updated;
        public int attempt = 1;
        public Long parentId;
        public List<Job> jobs = new ArrayList<>();
    }

    /** One job attempt. */
    public static final class Job {
        public long id;
        public String name;
        public String stage;
        public String status;
        public int attempt = 1;
        public long created;
        public Long started;
        public Long finished;
        public boolean allowFailure;
        public String runner = "runner-1";
        public List<String> needs = new ArrayList<>();
        public Long downstreamId;
    }

    private final List<Run> runs = new ArrayList<>();
    private final Random random;
    private final int jobsPerRun;
    private long nextJobId = 1_000_000;
    /** Runs added after the generated history happen now, as new runs on a real service do. */
    private boolean live;

    private CiHistory(long seed, int jobsPerRun) {
        this.random = new Random(seed);
        this.jobsPerRun = Math.max(3, jobsPerRun);
    }

    /** {@code count} runs of {@code jobsPerRun} jobs each, ten minutes apart from {@link #START}. */
    public static CiHistory generate(int count, int jobsPerRun, long seed) {
        CiHistory history = new CiHistory(seed, jobsPerRun);
        for (int i = 0; i < count; i++) {
            history.addRun(i == count - 1 && count > 5 ? "running" : null);
        }
        history.live = true;
        return history;
    }

    public synchronized List<Run> runs() {
        return new ArrayList<>(runs);
    }

    public synchronized Run run(long id) {
        return runs.stream().filter(r -> r.id == id).findFirst().orElse(null);
    }

    /** Appends a run ten minutes after the last; {@code status} null picks one at random. */
    public synchronized Run addRun(String status) {
        int n = runs.size();
        Run run = new Run();
        run.id = 50_000L + n;
        run.number = n + 1;
        run.ref = n % 5 == 0 ? "feature/fast-" + n % 3 : "main";
        run.sha = sha(n);
        run.author = n % 2 == 0 ? "Ada Lovelace" : "Grace Hopper";
        run.title = "Change " + (n + 1) + " to the training pipeline";
        run.created = live ? Math.max(System.currentTimeMillis(), runs.get(n - 1).created + 1_000) : START + n * 600_000L;
        String chosen = status != null ? status : pick();
        long t = run.created + 5_000 + random.nextInt(20_000);
        run.started = t;
        String[] stages = {"build", "test", "deploy"};
        for (int j = 0; j < jobsPerRun; j++) {
            String stage = j == 0 ? "build" : j == jobsPerRun - 1 ? "deploy" : "test";
            String name = j == 0 ? "compile" : j == jobsPerRun - 1 ? "deploy" : j == 1 ? "integration" : "unit-" + (j - 1);
            Job job = job(name, stage, run.created, t);
            if (j > 0) {
                job.needs.add(j == jobsPerRun - 1 ? "integration" : "compile");
            }
            long duration = 30_000 + random.nextInt(120_000);
            job.finished = job.started + duration;
            job.status = "success";
            if (j == 1 && n % 7 == 3) {
                // The flaky job: fails, then passes on a retry of the same commit.
                job.status = "failed";
                run.jobs.add(job);
                job = job(name, stage, job.finished, job.finished + 2_000);
                job.attempt = 2;
                job.finished = job.started + duration;
                job.status = "success";
                job.needs.add("compile");
            }
            if (j == jobsPerRun - 1 && "failed".equals(chosen)) {
                job.status = "failed";
            }
            if ("canceled".equals(chosen) && j == jobsPerRun - 1) {
                job.status = "canceled";
            }
            if ("running".equals(chosen) && j == jobsPerRun - 1) {
                job.status = "running";
                job.finished = null;
            }
            run.jobs.add(job);
            if (j == 0 || j == jobsPerRun - 2) {
                t = job.finished == null ? t : job.finished + 1_000;
            }
        }
        run.status = chosen;
        run.finished = "running".equals(chosen) ? null : run.jobs.stream().mapToLong(x -> x.finished == null ? 0 : x.finished)
                .max().orElse(run.started);
        run.updated = run.finished != null ? run.finished : run.started;
        runs.add(run);
        assert stages.length == 3;
        return run;
    }

    /** Finishes a running run with {@code status}, as the service would an hour later. */
    public synchronized void finish(Run run, String status) {
        long end = Math.max(run.started + 1_000, System.currentTimeMillis());
        for (Job job : run.jobs) {
            if (job.finished == null) {
                job.finished = end;
                job.status = status;
            }
        }
        run.status = status;
        run.finished = end;
        run.updated = end;
    }

    /** Removes a run, as deleting a pipeline does. */
    public synchronized void delete(Run run) {
        runs.remove(run);
    }

    private Job job(String name, String stage, long created, long started) {
        Job job = new Job();
        job.id = nextJobId++;
        job.name = name;
        job.stage = stage;
        job.created = created;
        job.started = started;
        job.runner = "runner-" + (1 + random.nextInt(3));
        return job;
    }

    private String pick() {
        int r = random.nextInt(100);
        return r < 78 ? "success" : r < 94 ? "failed" : "canceled";
    }

    private static String sha(int n) {
        byte[] bytes = new byte[20];
        new Random(n * 7919L).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
