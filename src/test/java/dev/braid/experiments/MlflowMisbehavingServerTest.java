package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braid.store.Database;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.TestContexts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow servers that misbehave, played by a real HTTP server on 127.0.0.1: a page token handed
 * out twice, pages without end, a body announced or sent far too large, and a token reflected
 * back in error messages. Each sync fails with a clear, permanent message, stores nothing, and
 * never shows the token.
 */
class MlflowMisbehavingServerTest {
    private static final String TOKEN = "tok-9f3a7c21e5d84b60";

    @TempDir
    Path tmp;
    private HttpServer server;
    private Database db;
    private SourceStore sources;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Behaviour behaviour;

    @FunctionalInterface
    private interface Behaviour {
        void answer(HttpExchange exchange, int n) throws IOException;
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                behaviour.answer(exchange, requests.incrementAndGet());
            } catch (IOException clientWentAway) {
                // The client stopped reading, as it should when a body is too large.
            }
        });
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
    void aPageTokenHandedOutTwiceStopsTheSyncWithAClearMessage() throws Exception {
        behaviour = (exchange, n) -> json(exchange, 200,
                "{\"experiments\":[{\"experiment_id\":\"" + n + "\",\"name\":\"e" + n + "\"}],\"next_page_token\":\"same-token\"}");
        SyncFailure failure = failSync(Map.of(), new Secrets());
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("handed out the page token \"same-token\" a second time"), failure.getMessage());
        assertEquals(2, requests.get(), "the second page is the last one read");
    }

    @Test
    void pagesWithoutEndStopAtThePageLimit() throws Exception {
        behaviour = (exchange, n) -> json(exchange, 200, "{\"experiments\":[],\"next_page_token\":\"t" + n + "\"}");
        Source source = addSource(null);
        MlflowRestClient client = new MlflowRestClient(new MlflowConnector(Map.of(), Duration.ofSeconds(5)).http(source), 50);
        MlflowException failure = assertThrows(MlflowException.class, () -> client.experiments(source.id()));
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("still had more pages after 50 pages"), failure.getMessage());
        assertEquals(50, requests.get());
    }

    @Test
    void theStandardPageLimitIsTenThousandPages() {
        dev.braid.sync.PagingGuard guard = dev.braid.sync.PagingGuard.standard("a listing");
        for (int i = 1; i < 10_000; i++) {
            assertEquals("t" + i, guard.next("t" + i));
        }
        assertThrows(dev.braid.sync.MisbehavingRemoteException.class, () -> guard.next("t10000"));
    }

    @Test
    void aBodyAnnouncedFarTooLargeIsRefusedBeforeItIsRead() throws Exception {
        behaviour = (exchange, n) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 10L << 30);
            exchange.getResponseBody().write("{\"experiments\":[".getBytes(StandardCharsets.UTF_8));
        };
        SyncFailure failure = failSync(Map.of(), new Secrets());
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("announced a body of 10240 MB"), failure.getMessage());
    }

    @Test
    void aBodyThatNeverEndsIsCutOffAtTheCapWhileItStreams() throws Exception {
        behaviour = (exchange, n) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"experiments\":[".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "{\"experiment_id\":\"1\",\"name\":\"x\"},".repeat(2_000).getBytes(StandardCharsets.UTF_8);
            while (true) {
                out.write(chunk);
            }
        };
        long before = used();
        SyncFailure failure = failSync(Map.of(), new Secrets());
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("sent more than " + (MlflowHttp.MAX_ANSWER_BYTES >> 20) + " MB"),
                failure.getMessage());
        assertTrue(used() - before < 2 * MlflowHttp.MAX_ANSWER_BYTES, "the body was let go");
    }

    @Test
    void aTokenTheServerReflectsIsMaskedInTheSyncLog() throws Exception {
        behaviour = (exchange, n) -> json(exchange, 500, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"rejected "
                + exchange.getRequestHeaders().getFirst("Authorization") + " from the proxy\"}");
        Secrets secrets = new Secrets();
        SyncFailure failure = failSync(Map.of("MLFLOW_TOKEN", TOKEN), secrets);
        assertTrue(failure.getMessage().contains(TOKEN), "the raw message holds it: " + failure.getMessage());
        String masked = secrets.mask(failure.getMessage());
        assertFalse(masked.contains(TOKEN), masked);
        assertTrue(masked.contains("rejected Bearer *** from the proxy"), masked);
    }

    /**
     * The whole way through a real braid process: the token a server reflects never reaches
     * stderr, {@code status --json} or the log file.
     */
    @Test
    void aReflectedTokenNeverLeavesBraid() throws Exception {
        behaviour = (exchange, n) -> json(exchange, 500, "{\"error_code\":\"X\",\"message\":\"token "
                + exchange.getRequestHeaders().getFirst("Authorization").substring(7) + " is not valid here\"}");
        Path data = tmp.resolve("data");
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String add = braid(data, "mlflow", "add", url, "--name", "reflecting", "--token-env", "MLFLOW_TOKEN");
        String status = braid(data, "status", "--json");
        String sync = braid(data, "sync");
        assertTrue(add.contains("***"), add);
        for (String output : List.of(add, status, sync, logs(data))) {
            assertFalse(output.contains(TOKEN), output);
        }
        assertTrue(status.contains("\"outcome\" : \"FAILED\"") || status.contains("UNREACHABLE"), status);
        assertTrue(requests.get() >= 1);
    }

    private String braid(Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")), "dev.braid.app.Main", "--data-dir", data.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MLFLOW_TOKEN", TOKEN);
        builder.environment().put("HOME", tmp.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String logs(Path data) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        assertTrue(all.length() > 0, "the failures were logged");
        return all.toString();
    }

    private Source addSource(String tokenEnv) throws Exception {
        ExperimentService service = new ExperimentService(db, sources, new MlflowConnector(Map.of(), Duration.ofSeconds(5)),
                Clock.systemUTC());
        return service.addMlflow("http://127.0.0.1:" + server.getAddress().getPort(), null, tokenEnv, null, null);
    }

    private SyncFailure failSync(Map<String, String> env, Secrets secrets) throws Exception {
        MlflowConnector connector = new MlflowConnector(env, Duration.ofSeconds(20), secrets);
        Source source = addSource(env.isEmpty() ? null : "MLFLOW_TOKEN");
        String cursorBefore = db.read(c -> sources.cursor(c, source.id()));
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> new MlflowSyncer(db, sources, connector, Clock.systemUTC()).sync(source, TestContexts.quiet()));
        assertEquals(cursorBefore, db.read(c -> sources.cursor(c, source.id())), "a failed sync keeps the cursor");
        assertEquals(0, (int) db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM experiments")) {
                rs.next();
                return rs.getInt(1);
            }
        }), "nothing was stored");
        return failure;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static long used() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
