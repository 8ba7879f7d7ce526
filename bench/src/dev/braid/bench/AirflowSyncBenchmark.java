package dev.braid.bench;

import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.orchestrators.OrchestratorSources;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.TestContexts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * ML orchestrators (issue 11, §7): a first sync of N DAG runs with 20 task instances each from the
 * Airflow 3 replay, against the replay's own raw serving rate measured in the same run: every GET
 * the sync made, sent again with the same credentials four at a time (as the sync reads), bodies
 * read and dropped. The first sync is timed twice, into fresh caches: in a cold JVM (as `braid` runs it;
 * the replay's own code, in the same JVM, is cold then too) and once both sides are compiled (as the
 * raw serving is measured). Then a sync with nothing new. Usage: AirflowSyncBenchmark DATA_DIR RUNS
 */
public final class AirflowSyncBenchmark {
    private static final String PASSWORD = "bench-password";

    private AirflowSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Files.createDirectories(data);
        AirflowHistory history = AirflowHistory.generate(runs, 20, 2026);
        // The replay's check of each answer against Airflow's published description runs on a
        // thread of its own: left on, it competes with the sync for the machine's two cores.
        try (ReplayServer server = ReplayServer.start(new AirflowReplay(history, true, PASSWORD)).checkAnswers(false)) {
            Clock clock = Clock.systemUTC();
            Map<String, String> env = Map.of("AF_PW", PASSWORD);
            // Cold: the first sync in a fresh JVM, as `braid` runs it (the replay's code is cold too).
            Timed cold = firstSync(data.resolve("cold.db"), server, env, clock);
            List<ReplayServer.Request> made = server.requests().stream().filter(r -> r.method().equals("GET")).toList();
            double cpu1 = cpuSeconds();
            double raw = rawSeconds(server.url(), made);
            double rawCpu = cpuSeconds() - cpu1;
            System.out.printf("replay raw serving: the sync's %d GET requests in %.1f s (process CPU %.1f s) = %.0f DAG runs/s"
                    + " (4 at a time)%n", made.size(), raw, rawCpu, runs / raw);
            print("first sync, cold JVM", cold, raw, rawCpu);
            // Warm: the same first sync into a fresh cache once both sides' code is compiled, which is
            // what the raw serving time above is measured with.
            Timed warm = firstSync(data.resolve("cache.db"), server, env, clock);
            print("first sync, warm JVM", warm, raw, rawCpu);
            try (Database db = Database.open(data.resolve("cache.db"))) {
                SourceStore sources = new SourceStore(db, clock);
                RunSources apis = PipelineService.runSources(new CiSources(env, clock), new OrchestratorSources(env, clock));
                PipelineSyncer syncer = new PipelineSyncer("airflow", db, sources, apis, clock);
                Source source = sources.findByName("bench").orElseThrow();
                List<Double> none = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long t = System.nanoTime();
                    syncer.sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
                    none.add((System.nanoTime() - t) / 1e6);
                }
                none.sort(null);
                System.out.printf("sync with nothing new: median %.0f ms of 5%n", none.get(2));
            }
        }
    }

    private record Timed(long added, double seconds, double cpuSeconds) {
    }

    /** A first sync of the replay into a new cache at {@code file}. */
    private static Timed firstSync(Path file, ReplayServer server, Map<String, String> env, Clock clock) throws Exception {
        try (Database db = Database.open(file)) {
            SourceStore sources = new SourceStore(db, clock);
            RunSources apis = PipelineService.runSources(new CiSources(env, clock), new OrchestratorSources(env, clock));
            PipelineService service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
            Source source = service.addAirflow(server.url(), AirflowReplay.USER, "AF_PW", null, "bench");
            PipelineSyncer syncer = new PipelineSyncer("airflow", db, sources, apis, clock);
            server.clearRequests();
            long t0 = System.nanoTime();
            double cpu0 = cpuSeconds();
            var counts = syncer.sync(source, TestContexts.quiet());
            return new Timed(counts.added(), (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
        }
    }

    private static void print(String what, Timed t, double raw, double rawCpu) {
        System.out.printf("%s: %d DAG runs x 20 task instances in %.1f s (process CPU %.1f s) = %.0f DAG runs/s;"
                + " %.2fx the replay's raw time, %.2fx its CPU time%n", what, t.added(), t.seconds(), t.cpuSeconds(),
                t.added() / t.seconds(), t.seconds() / raw, t.cpuSeconds() / rawCpu);
    }

    /** CPU time of the whole process (the replay server's threads included), in seconds. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Sends {@code requests} again, four at a time, reading every body. */
    private static double rawSeconds(String base, List<ReplayServer.Request> requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (ReplayServer.Request r : requests) {
            String query = r.query().entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(),
                            StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + r.path() + (query.isEmpty() ? "" : "?" + query)));
            String auth = r.header("Authorization");
            if (auth != null) {
                request.header("Authorization", auth);
            }
            done.add(pool.submit(() -> client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body().length));
        }
        for (Future<Integer> f : done) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - t0) / 1e9;
    }
}
