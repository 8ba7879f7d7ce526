package dev.braid.bench;

import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineDag;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.PipelineStore;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncContext;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pipelines (issue 10, §8): a first sync of N runs with 10 jobs each from the GitLab replay against
 * the replay's own raw serving rate (the same requests, four at a time, bodies read and dropped),
 * a sync with nothing new, filter and sort over 100,000 cached runs, the layout of a 300-job graph,
 * and the peak heap throughout. Usage: PipelinesBenchmark DATA_DIR RUNS
 */
public final class PipelinesBenchmark {
    private PipelinesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Files.createDirectories(data);
        AtomicLong peak = new AtomicLong();
        Thread heap = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        heap.setDaemon(true);
        heap.start();
        CiHistory history = CiHistory.generate(runs, 10, 2026);
        GitLabReplay api = new GitLabReplay(history, "acme/churn", null);
        try (ReplayServer server = ReplayServer.start(api)) {
            api.base(server.url());
            double raw = rawSeconds(server.url(), history);
            System.out.printf("replay raw serving: %d runs in %.1f s = %.0f runs/s (%d requests, 4 at a time)%n", runs, raw,
                    runs / raw, 3 * runs + runs / 100 + 1);
            Clock clock = Clock.systemUTC();
            try (Database db = Database.open(data.resolve("cache.db"))) {
                SourceStore sources = new SourceStore(db, clock);
                CiSources apis = new CiSources(Map.of(), clock);
                PipelineService service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
                Source source = service.addGitLab(server.url(), "acme/churn", null, false, null);
                PipelineSyncer syncer = new PipelineSyncer("gitlab", db, sources, apis, clock);
                long t0 = System.nanoTime();
                var counts = syncer.sync(source, quiet());
                double first = (System.nanoTime() - t0) / 1e9;
                System.out.printf("first sync: %d runs in %.1f s = %.0f runs/s; %.2fx the replay's raw time (target <= 2x)%n",
                        counts.added(), first, counts.added() / first, first / raw);
                List<Double> none = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long t = System.nanoTime();
                    syncer.sync(sources.find(source.id()).orElseThrow(), quiet());
                    none.add((System.nanoTime() - t) / 1e6);
                }
                System.out.printf("sync with nothing new: median %.0f ms of 5 (target < 1000 ms)%n", median(none));
                int extra = Math.max(0, 100_000 - runs);
                fill(db, sources, extra);
                System.out.printf("cached runs: %d%n", service.countRuns(PipelineQuery.all()));
                query(service, "newest first, first page", PipelineQuery.all().page(0, 200));
                query(service, "status=failed, by duration desc", new PipelineQuery(List.of(), List.of(), null,
                        List.of(PipelineStatus.FAILED), null, null, null, PipelineQuery.Sort.DURATION, false, 0, 200));
                query(service, "branch=main, by started asc", new PipelineQuery(List.of(), List.of(), "main", List.of(), null,
                        null, null, PipelineQuery.Sort.STARTED, true, 0, 200));
                query(service, "source filter, by queue time, page 100", new PipelineQuery(List.of("bulk"), List.of(), null,
                        List.of(), null, null, null, PipelineQuery.Sort.QUEUED, false, 20_000, 200));
                List<Double> counting = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    long t = System.nanoTime();
                    service.countRuns(new PipelineQuery(List.of(), List.of(), "main", List.of(PipelineStatus.FAILED), null, null,
                            null, null, false, 0, 0));
                    counting.add((System.nanoTime() - t) / 1e6);
                }
                System.out.printf("  count of main+failed: median %.1f ms of 7%n", median(counting));
            }
        }
        dag();
        heap.interrupt();
        System.out.printf("peak heap used (sampled every 50 ms): %d MB (target < 512 MB)%n", peak.get() / (1024 * 1024));
    }

    /** The same requests Braid's first sync makes, answered and read, four at a time. */
    private static double rawSeconds(String base, CiHistory history) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> paths = new ArrayList<>();
        String list = base + "/api/v4/projects/acme%2Fchurn/pipelines?per_page=100&order_by=id&sort=desc&page=";
        for (int page = 1; page <= history.runs().size() / 100 + 1; page++) {
            paths.add(list + page);
        }
        for (CiHistory.Run run : history.runs()) {
            String p = base + "/api/v4/projects/acme%2Fchurn/pipelines/" + run.id;
            paths.add(p);
            paths.add(p + "/jobs?include_retried=true&per_page=100&page=1");
            paths.add(p + "/bridges?per_page=100&page=1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String path : paths) {
            done.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body().length));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Adds {@code count} runs of 10 jobs to a source named "bulk", as a sync would publish them. */
    private static void fill(Database db, SourceStore sources, int count) {
        if (count == 0) {
            return;
        }
        long t0 = System.nanoTime();
        long sourceId = db.write(c -> sources.insert(c, "gitlab", "bulk", Map.of("url", "https://gitlab.example.org",
                "project", "bulk", "demo", "true")).id());
        PipelineStore store = new PipelineStore();
        String[] statuses = {"SUCCESS", "SUCCESS", "SUCCESS", "FAILED", "CANCELED", "SUCCESS", "RUNNING"};
        for (int from = 0; from < count; from += 5_000) {
            int start = from;
            db.write(c -> {
                List<RunData> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 5_000); i++) {
                    RunData run = new RunData("b" + i);
                    run.number = (long) i;
                    run.status = PipelineStatus.valueOf(statuses[i % statuses.length]);
                    run.ref = i % 3 == 0 ? "main" : "feature/" + (i % 50);
                    run.sha = String.format("%040x", (long) i * 2654435761L);
                    run.createdAt = 1_700_000_000_000L + i * 60_000L;
                    run.startedAt = run.createdAt + (i % 40) * 1000L;
                    run.finishedAt = run.startedAt + 60_000L + (i * 7919L) % 900_000L;
                    for (int j = 0; j < 10; j++) {
                        JobData job = new JobData(Integer.toString(j), "job-" + j);
                        job.stage = j < 3 ? "build" : j < 8 ? "test" : "deploy";
                        job.status = run.status;
                        job.startedAt = run.startedAt;
                        job.finishedAt = run.finishedAt;
                        run.jobs.add(job);
                    }
                    batch.add(run);
                }
                store.stage(c, sourceId, batch);
                store.publish(c, sourceId, false, java.util.Set.of());
                return null;
            });
        }
        System.out.printf("added %d synthetic runs in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    private static void query(PipelineService service, String what, PipelineQuery q) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            service.runs(q);
            service.countRuns(q);
            times.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("  filter+sort (%s, page of 200 + count): median %.1f ms of 7 (target < 100 ms)%n", what, median(times));
    }

    /** Lays out a 300-job graph (30 stages of 10 jobs, each needing two of the stage before). */
    private static void dag() {
        List<PipelineJob> jobs = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            for (int j = 0; j < 10; j++) {
                List<String> needs = s == 0 ? List.of() : List.of("s" + (s - 1) + "-" + j, "s" + (s - 1) + "-" + (j + 3) % 10);
                jobs.add(new PipelineJob(s + "-" + j, "s" + s + "-" + j, "stage-" + s, "job", PipelineStatus.SUCCESS, "success",
                        null, Instant.ofEpochMilli(1000L * s), Instant.ofEpochMilli(1000L * s + 900), null, 900L + j, 1, false,
                        false, null, needs, null, s * 10 + j, null, List.of()));
            }
        }
        List<Double> times = new ArrayList<>();
        PipelineDag dag = null;
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime();
            dag = PipelineDag.of(jobs);
            times.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("300-job graph: layers and critical path median %.1f ms of 15 (%d layers, path of %d jobs)"
                + " (target < 200 ms with painting; painting is measured by the view test's paint timer)%n",
                median(times.subList(5, 15)), dag.layers(), dag.criticalPath().size());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static SyncContext quiet() {
        return new SyncContext() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
