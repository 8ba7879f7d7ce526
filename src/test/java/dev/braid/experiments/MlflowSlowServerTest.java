package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow MLflow server: a small proxy on 127.0.0.1 passes every request to a real MLflow server
 * and holds the answer back for a while. A sync must finish when the server is merely slow, give
 * up with a clear message when a request exceeds the timeout, and stop at once when cancelled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlflowSlowServerTest {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService proxyThreads = Executors.newCachedThreadPool();
    private MlflowHarness mlflow;
    private HttpServer proxy;
    private volatile long delayMs;
    private Database db;
    private SourceStore sources;
    private ExperimentService service;
    private Source source;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        mlflow = MlflowHarness.start(tmp.resolve("mlflow"));
        mlflow.python("new-run", "churn", "first");
        mlflow.python("new-run", "churn", "second");
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", this::relay);
        proxy.setExecutor(proxyThreads);
        proxy.start();
        db = Database.open(tmp.resolve("cache.db"));
        sources = new SourceStore(db, Clock.systemUTC());
        service = new ExperimentService(db, sources, connector(Duration.ofSeconds(30)), Clock.systemUTC());
        source = service.addMlflow("http://127.0.0.1:" + proxy.getAddress().getPort(), "slow", null, null, null);
    }

    @BeforeEach
    void noDelay() {
        delayMs = 0;
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
        proxyThreads.shutdownNow();
        if (db != null) {
            db.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    @Test
    @Order(1)
    void aSlowServerWithinTheTimeoutIsOnlySlow() throws Exception {
        delayMs = 300;
        SyncCounts counts = syncer(Duration.ofSeconds(10)).sync(source, TestContexts.quiet());
        assertEquals(2, counts.added());
    }

    @Test
    @Order(2)
    void aRequestOverTheTimeoutFailsTransientlyWithAClearMessageAndKeepsTheCache() throws Exception {
        mlflow.python("new-run", "churn", "third");
        String before = snapshot();
        delayMs = 4_000;
        long start = System.nanoTime();
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> syncer(Duration.ofSeconds(1)).sync(source, TestContexts.quiet()));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(failure.isTransient(), "a slow server may recover: the engine retries");
        assertTrue(failure.getMessage().contains("did not answer experiments/search within 1 s"), failure.getMessage());
        assertTrue(tookMs < 3_500, "gave up after the 1 s timeout, not after the server's " + delayMs + " ms: " + tookMs);
        assertEquals(before, snapshot());
    }

    @Test
    @Order(3)
    void cancellingWhileTheServerIsSilentStopsTheSyncAtOnce() throws Exception {
        String before = snapshot();
        delayMs = 60_000;
        long[] cancelledAt = new long[1];
        SyncContext cancelSoon = new SyncContext() {
            private final long started = System.nanoTime();

            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                boolean cancel = System.nanoTime() - started > 500_000_000L;
                if (cancel && cancelledAt[0] == 0) {
                    cancelledAt[0] = System.nanoTime();
                }
                return cancel;
            }
        };
        CancellationException cancelled = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                CancellationException.class, () -> syncer(Duration.ofMinutes(2)).sync(source, cancelSoon)));
        long afterCancelMs = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
        assertTrue(afterCancelMs < 1_000, "stopped " + afterCancelMs + " ms after the cancel");
        assertTrue(cancelled.getMessage().contains("cancelled while waiting for MLflow"), cancelled.getMessage());
        assertEquals(before, snapshot());
        delayMs = 0;
        assertEquals(1, syncer(Duration.ofSeconds(30)).sync(source, TestContexts.quiet()).added(), "the next sync catches up");
    }

    private MlflowSyncer syncer(Duration timeout) {
        return new MlflowSyncer(db, sources, connector(timeout), Clock.systemUTC());
    }

    private static MlflowConnector connector(Duration timeout) {
        return new MlflowConnector(Map.of(), timeout);
    }

    private String snapshot() throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.writeValueAsString(service.runs(RunQuery.all())) + db.read(c -> sources.cursor(c, source.id()));
    }

    /** Forwards one request to the real server, then waits {@code delayMs} before answering. */
    private void relay(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mlflow.uri() + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Thread.sleep(delayMs);
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (timeout or cancel) and closed the connection: nothing to answer.
        } finally {
            exchange.close();
        }
    }
}
