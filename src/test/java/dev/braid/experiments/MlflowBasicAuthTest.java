package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MLflow server with its basic-auth app ({@code mlflow server --app-name basic-auth}).
 * The pinned MLflow ships no admin password: the first start creates the admin user from
 * {@code MLFLOW_AUTH_ADMIN_PASSWORD}, and the app needs {@code MLFLOW_FLASK_SERVER_SECRET_KEY}.
 * The admin then creates a user through {@code POST /api/2.0/mlflow/users/create}; new users
 * may read every experiment (the app's {@code default_permission} is READ).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlflowBasicAuthTest {
    private static final String ADMIN_PASSWORD = "admin-pass-for-tests";
    private static final String ALICE_PASSWORD = "alice-pass-for-tests";
    private MlflowHarness mlflow;
    private Database db;
    private SourceStore sources;
    private ExperimentService service;
    private Source source;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        mlflow = MlflowHarness.start(tmp.resolve("mlflow"), List.of("--app-name", "basic-auth"), Map.of(
                "MLFLOW_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "MLFLOW_FLASK_SERVER_SECRET_KEY", "secret-key-for-tests",
                "MLFLOW_TRACKING_USERNAME", "admin",
                "MLFLOW_TRACKING_PASSWORD", ADMIN_PASSWORD));
        mlflow.python("new-run", "churn", "first");
        mlflow.python("new-run", "churn", "second");
        createUser("alice", ALICE_PASSWORD);
        db = Database.open(tmp.resolve("cache.db"));
        sources = new SourceStore(db, Clock.systemUTC());
        service = new ExperimentService(db, sources, connector(Map.of()), Clock.systemUTC());
        source = service.addMlflow(mlflow.uri(), "guarded", null, "alice", "ALICE_PW");
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    @Test
    @Order(1)
    void theRightPasswordSyncs() throws Exception {
        var counts = syncer(Map.of("ALICE_PW", ALICE_PASSWORD)).sync(source, TestContexts.quiet());
        assertEquals(2, counts.added());
        assertEquals(List.of("first", "second"), service.runs(RunQuery.all()).stream().map(RunSummary::runName).sorted().toList());
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedWithAClearMessageAndTheCacheKept() throws Exception {
        mlflow.python("new-run", "churn", "third");
        String before = snapshot();
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> syncer(Map.of("ALICE_PW", "not-alices-password")).sync(source, TestContexts.quiet()));
        assertFalse(failure.isTransient(), "retrying does not fix a wrong password");
        assertTrue(failure.getMessage().contains("did not accept user alice with the password from $ALICE_PW (HTTP 401)"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("not-alices-password"));
        assertEquals(before, snapshot(), "runs, registry and cursor as they were");
    }

    @Test
    @Order(3)
    void noCredentialsAtAllSaysTheServerWantsALogin() throws Exception {
        Source anonymous = service.addMlflow(mlflow.uri(), "anonymous", null, null, null);
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> syncer(Map.of()).sync(anonymous, TestContexts.quiet()));
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("requires a login (HTTP 401)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("--username"), failure.getMessage());
    }

    @Test
    @Order(4)
    void withTheRightPasswordAgainTheNewRunArrives() throws Exception {
        var counts = syncer(Map.of("ALICE_PW", ALICE_PASSWORD)).sync(source, TestContexts.quiet());
        assertEquals(1, counts.added());
        assertEquals(3, service.runs(new RunQuery("guarded", List.of(), null, null, 0)).size());
    }

    private MlflowSyncer syncer(Map<String, String> env) {
        MlflowConnector connector = connector(env);
        return new MlflowSyncer(db, sources, connector, Clock.systemUTC());
    }

    private static MlflowConnector connector(Map<String, String> env) {
        return new MlflowConnector(env, Duration.ofSeconds(60));
    }

    private String snapshot() throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.writeValueAsString(service.runs(RunQuery.all())) + json.writeValueAsString(service.models())
                + db.read(c -> sources.cursor(c, source.id()));
    }

    /** Creates a user as the admin, through the auth app's REST endpoint. */
    private void createUser(String username, String password) throws Exception {
        String admin = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(mlflow.uri() + "/api/2.0/mlflow/users/create"))
                .header("Authorization", "Basic " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(
                        Map.of("username", username, "password", password))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
