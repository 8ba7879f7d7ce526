package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.TestContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first sync searches groups of experiments side by side, a few requests at a time: against a
 * server that pages slowly (two runs a page) and counts how many searches it answers at once.
 */
class MlflowParallelSearchTest {
    private static final int EXPERIMENTS = 10;
    private static final int RUNS_PER_EXPERIMENT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private HttpServer server;
    private Database db;
    private SourceStore sources;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<Integer> experimentsPerSearch = new CopyOnWriteArrayList<>();
    private volatile String failExperiment;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::answer);
        server.start();
        db = Database.open(tmp.resolve("cache.db"));
        sources = new SourceStore(db, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        db.close();
    }

    @Test
    void groupsOfExperimentsAreSearchedSideBySideAndEveryRunArrives() throws Exception {
        Source source = addSource();
        MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(10));
        new MlflowSyncer(db, sources, connector, Clock.systemUTC()).sync(source, TestContexts.quiet());

        ExperimentService service = new ExperimentService(db, sources, connector, Clock.systemUTC());
        assertEquals(EXPERIMENTS, service.experiments().size());
        assertEquals(EXPERIMENTS * RUNS_PER_EXPERIMENT, (int) (long) db.read(c -> {
            try (var st = c.prepareStatement("SELECT count(*) FROM runs"); var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
        assertTrue(mostAtOnce.get() >= 2, "searches ran side by side: " + mostAtOnce.get());
        assertTrue(mostAtOnce.get() <= MlflowRestClient.PARALLEL_SEARCHES, "at most a few at once: " + mostAtOnce.get());
        assertTrue(experimentsPerSearch.stream().allMatch(n -> n <= MlflowRestClient.EXPERIMENTS_PER_SEARCH));
    }

    @Test
    void oneFailedGroupFailsTheSyncAndStoresNothing() throws Exception {
        Source source = addSource();
        failExperiment = "7";
        MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(10));
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> new MlflowSyncer(db, sources, connector, Clock.systemUTC()).sync(source, TestContexts.quiet()));
        assertTrue(failure.getMessage().contains("500"), failure.getMessage());
        assertEquals(0, new ExperimentService(db, sources, connector, Clock.systemUTC()).experiments().size());
    }

    @Test
    void experimentsAreSplitIntoAsManyGroupsAsSearchesRunAtOnce() {
        List<String> ids = IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).toList();
        assertEquals(List.of(ids.subList(0, 5), ids.subList(5, 10), ids.subList(10, 15), ids.subList(15, 20)),
                MlflowRestClient.groups(ids, 4));
        assertEquals(List.of(List.of("1"), List.of("2")), MlflowRestClient.groups(List.of("1", "2"), 4));
        assertEquals(List.of(), MlflowRestClient.groups(List.of(), 4));
        List<String> many = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).toList();
        List<List<String>> groups = MlflowRestClient.groups(many, 4);
        assertEquals(10, groups.size(), "no search names more than 100 experiments");
        assertEquals(many, groups.stream().flatMap(List::stream).toList());
    }

    private Source addSource() throws Exception {
        ExperimentService service = new ExperimentService(db, sources, new MlflowConnector(Map.of(), Duration.ofSeconds(10)),
                Clock.systemUTC());
        return service.addMlflow("http://127.0.0.1:" + server.getAddress().getPort(), null, null, null, null);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] request = exchange.getRequestBody().readAllBytes();
        ObjectNode out = JSON.createObjectNode();
        int status = 200;
        if (path.endsWith("experiments/search")) {
            ArrayNode experiments = out.putArray("experiments");
            for (int e = 1; e <= EXPERIMENTS; e++) {
                experiments.addObject().put("experiment_id", Integer.toString(e)).put("name", "e" + e)
                        .put("lifecycle_stage", "active");
            }
        } else if (path.endsWith("runs/search")) {
            int now = inFlight.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(60);
                status = runsPage(JSON.readTree(request), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(out);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Two runs a page, the token an offset into the group's runs. */
    private int runsPage(JsonNode request, ObjectNode out) {
        List<String> experiments = JSON.convertValue(request.get("experiment_ids"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        experimentsPerSearch.add(experiments.size());
        int offset = request.hasNonNull("page_token") ? Integer.parseInt(request.get("page_token").asText()) : 0;
        if (offset > 0 && experiments.contains(failExperiment)) {
            out.put("error_code", "INTERNAL_ERROR").put("message", "the server fell over");
            return 500;
        }
        List<String[]> runs = experiments.stream()
                .flatMap(e -> IntStream.range(0, RUNS_PER_EXPERIMENT).mapToObj(r -> new String[] {e, "run-" + e + "-" + r}))
                .toList();
        ArrayNode page = out.putArray("runs");
        for (String[] run : runs.subList(offset, Math.min(runs.size(), offset + 2))) {
            ObjectNode info = page.addObject().putObject("info");
            info.put("run_id", run[1]).put("experiment_id", run[0]).put("status", "FINISHED").put("start_time", 1000)
                    .put("end_time", 2000).put("lifecycle_stage", "active").put("run_name", run[1]);
        }
        if (offset + 2 < runs.size()) {
            out.put("next_page_token", Integer.toString(offset + 2));
        }
        return 200;
    }
}
