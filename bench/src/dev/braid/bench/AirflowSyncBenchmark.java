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
import dev.braid.sync.SyncContext;
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
 * read and dropped. Then a sync with nothing new. Usage: AirflowSyncBenchmark DATA_DIR RUNS
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
        try (ReplayServer server = ReplayServer.start(new AirflowReplay(history, true, PASSWORD))) {
            Clock clock = Clock.systemUTC();
            Map<String, String> env = Map.of("AF_PW", PASSWORD);
            try (Database db = Database.open(data.resolve("cache.db"))) {
                SourceStore sources = new SourceStore(db, clock);
                RunSources apis = PipelineService.runSources(new CiSources(env, clock), new OrchestratorSources(env, clock));
                PipelineService service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
                Source source = service.addAirflow(server.url(), AirflowReplay.USER, "AF_PW", null, "bench");
                PipelineSyncer syncer = new PipelineSyncer("airflow", db, sources, apis, clock);
                long t0 = System.nanoTime();
                var counts = syncer.sync(source, quiet());
                double first = (System.nanoTime() - t0) / 1e9;
                List<ReplayServer.Request> made = server.requests().stream().filter(r -> r.method().equals("GET")).toList();
                double raw = rawSeconds(server.url(), made);
                System.out.printf("replay raw serving: the sync's %d GET requests in %.1f s = %.0f DAG runs/s (4 at a time)%n",
                        made.size(), raw, runs / raw);
                System.out.printf("first sync: %d DAG runs x 20 task instances in %.1f s = %.0f DAG runs/s; %.2fx the replay's"
                        + " raw time%n", counts.added(), first, counts.added() / first, first / raw);
                List<Double> none = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long t = System.nanoTime();
                    syncer.sync(sources.find(source.id()).orElseThrow(), quiet());
                    none.add((System.nanoTime() - t) / 1e6);
                }
                none.sort(null);
                System.out.printf("sync with nothing new: median %.0f ms of 5%n", none.get(2));
            }
        }
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
