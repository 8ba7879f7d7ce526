package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.TestContexts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the MLflow syncer reports servers that misbehave: a tiny HTTP server on 127.0.0.1 plays them. */
class MlflowFaultsTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private Database db;
    private SourceStore sources;
    private volatile int status;
    private volatile String body;
    private volatile String retryAfter;
    private volatile String lastAuthorization;
    private volatile String missingEndpoint;
    private final java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            exchange.getRequestBody().readAllBytes();
            asked.add(exchange.getRequestURI().getPath());
            if (missingEndpoint != null && exchange.getRequestURI().getPath().endsWith(missingEndpoint)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
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

    private SyncFailure failSync(Map<String, String> env, String username, String passwordEnv) throws Exception {
        MlflowConnector connector = new MlflowConnector(env, Duration.ofSeconds(5));
        ExperimentService service = new ExperimentService(db, sources, connector, Clock.systemUTC());
        Source source = service.addMlflow("http://127.0.0.1:" + server.getAddress().getPort(), null, null, username, passwordEnv);
        String cursorBefore = db.read(c -> sources.cursor(c, source.id()));
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> new MlflowSyncer(db, sources, connector, Clock.systemUTC()).sync(source, TestContexts.quiet()));
        assertEquals(cursorBefore, db.read(c -> sources.cursor(c, source.id())), "a failed sync keeps the cursor");
        assertEquals(0, service.experiments().size());
        return failure;
    }

    @Test
    void wrongCredentialsAreAPermanentFailureThatNamesTheUserButNotThePassword() throws Exception {
        status = 401;
        body = "{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"bad credentials\"}";
        SyncFailure failure = failSync(Map.of("MLFLOW_PW", "s3cret"), "alice", "MLFLOW_PW");
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("did not accept user alice with the password from $MLFLOW_PW (HTTP 401)"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret"));
        assertTrue(lastAuthorization.startsWith("Basic "));
        assertFalse(sources.list().get(0).config().containsValue("s3cret"), "secrets are never stored");
    }

    @Test
    void aMissingPasswordVariableIsNamed() throws Exception {
        status = 200;
        body = "{}";
        SyncFailure failure = failSync(Map.of(), "alice", "MLFLOW_PW");
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("MLFLOW_PW"), failure.getMessage());
    }

    @Test
    void serverErrorsAreTransient() throws Exception {
        status = 500;
        body = "<html>boom</html>";
        SyncFailure failure = failSync(Map.of(), null, null);
        assertTrue(failure.isTransient());
        assertTrue(failure.getMessage().contains("HTTP 500"), failure.getMessage());
    }

    @Test
    void tooManyRequestsWaitsAsTheServerAsks() throws Exception {
        status = 429;
        body = "{}";
        retryAfter = "7";
        SyncFailure failure = failSync(Map.of(), null, null);
        assertTrue(failure.isTransient());
        assertEquals(7000, failure.retryAfterMillis());
    }

    @Test
    void malformedJsonIsPermanent() throws Exception {
        status = 200;
        body = "{\"experiments\": [";
        SyncFailure failure = failSync(Map.of(), null, null);
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("malformed JSON"), failure.getMessage());
    }

    @Test
    void notFoundAsksWhetherThisIsAnMlflowServer() throws Exception {
        status = 404;
        body = "not here";
        SyncFailure failure = failSync(Map.of(), null, null);
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("Is http://127.0.0.1:"), failure.getMessage());
    }

    @Test
    void aServerWithoutLoggedModelsSyncsWithNone() throws Exception {
        // MLflow 2.x has no logged-models/search and answers 404 for it.
        status = 200;
        body = "{\"experiments\": [{\"experiment_id\": \"1\", \"name\": \"legacy\"}]}";
        missingEndpoint = "logged-models/search";
        MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(5));
        ExperimentService service = new ExperimentService(db, sources, connector, Clock.systemUTC());
        Source source = service.addMlflow("http://127.0.0.1:" + server.getAddress().getPort(), null, null, null, null);

        new MlflowSyncer(db, sources, connector, Clock.systemUTC()).sync(source, TestContexts.quiet());

        assertEquals(java.util.List.of("legacy"), service.experiments().stream().map(Experiment::name).toList());
        assertTrue(asked.contains("/api/2.0/mlflow/logged-models/search"), asked.toString());
        assertEquals(java.util.List.of(), service.loggedModels());
    }
}
