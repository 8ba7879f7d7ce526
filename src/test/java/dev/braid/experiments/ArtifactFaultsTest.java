package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How artifact listings and downloads from servers that misbehave are handled: a tiny HTTP server
 * on 127.0.0.1 plays them, answering each path with what a test sets.
 */
class ArtifactFaultsTest {
    private static final String RUN = "0a1b2c3d4e5f";
    @TempDir
    Path tmp;
    private HttpServer server;
    private Database db;
    private ArtifactService artifacts;
    private Path downloads;
    private long runPk;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (asked) {
                asked.add(exchange.getRequestURI().toString());
            }
            String query = exchange.getRequestURI().getQuery();
            String token = query != null && query.contains("page_token=") ? "?" + query.replaceAll(".*page_token=([^&]*).*", "$1") : "";
            byte[] bytes = bodies.getOrDefault(path + token, bodies.getOrDefault(path, "{}".getBytes(StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(statuses.getOrDefault(path, 200), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        db = Database.open(tmp.resolve("cache.db"));
        SourceStore sources = new SourceStore(db, Clock.systemUTC());
        MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(5));
        Source source = new ExperimentService(db, sources, connector, Clock.systemUTC())
                .addMlflow("http://127.0.0.1:" + server.getAddress().getPort(), null, null, null, null);
        runPk = db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO runs(source_id, run_id, experiment_id, status, artifact_uri, synced_at)
                    VALUES (?, ?, '1', 'FINISHED', 'mlflow-artifacts:/1/0a1b2c3d4e5f/artifacts', 0) RETURNING run_pk""")) {
                st.setLong(1, source.id());
                st.setString(2, RUN);
                var rs = st.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
        downloads = tmp.resolve("data/artifacts");
        artifacts = new ArtifactService(db, sources, connector, downloads, 1024);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        db.close();
    }

    private void answer(String path, int status, String body) {
        statuses.put(path, status);
        bodies.put(path, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListingThatClimbsOutOfTheRunIsRefused() throws Exception {
        answer("/api/2.0/mlflow/artifacts/list", 200,
                "{\"root_uri\": \"x\", \"files\": [{\"path\": \"../../outside.txt\", \"is_dir\": false, \"file_size\": 3}]}");
        String message = assertThrows(ExperimentException.class, () -> artifacts.list(runPk, "")).getMessage();
        assertTrue(message.contains("listed an artifact outside the run's folder"), message);

        answer("/api/2.0/mlflow/artifacts/list", 200,
                "{\"files\": [{\"path\": \"elsewhere/x.txt\", \"is_dir\": false, \"file_size\": 3}]}");
        message = assertThrows(ExperimentException.class, () -> artifacts.list(runPk, "plots")).getMessage();
        assertTrue(message.contains("listed elsewhere/x.txt as inside plots"), message);
    }

    @Test
    void listingsArePagedAndSorted() throws Exception {
        answer("/api/2.0/mlflow/artifacts/list", 200, "{\"files\": [{\"path\": \"b.txt\", \"is_dir\": false, \"file_size\": 2},"
                + " {\"path\": \"a\", \"is_dir\": true}], \"next_page_token\": \"t1\"}");
        answer("/api/2.0/mlflow/artifacts/list?t1", 200, "{\"files\": [{\"path\": \"c.txt\", \"is_dir\": false, \"file_size\": 0}]}");
        ArtifactListing listing = artifacts.list(runPk, "");
        assertEquals(List.of(new ArtifactEntry("a", true, null), new ArtifactEntry("b.txt", false, 2L),
                new ArtifactEntry("c.txt", false, 0L)), listing.entries());
        assertEquals(2, asked.size(), asked.toString());
        assertTrue(asked.get(1).contains("page_token=t1"), asked.toString());
    }

    @Test
    void aMissingFileIsNamedAndNothingIsWritten() throws Exception {
        answer("/get-artifact", 404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"No such artifact\"}");
        String message = assertThrows(ExperimentException.class,
                () -> artifacts.open(runPk, new ArtifactEntry("plots/roc.png", false, 10L))).getMessage();
        assertTrue(message.startsWith("no artifact plots/roc.png in run " + RUN), message);
        assertTrue(message.contains("No such artifact"), message);
        assertEquals(List.of(), files());
    }

    @Test
    void aDownloadLargerThanItsListingSaidStopsAtTheCap() throws Exception {
        answer("/get-artifact", 200, "x".repeat(5000));
        ArtifactContent content = artifacts.open(runPk, new ArtifactEntry("log.txt", false, 12L));
        assertEquals(ArtifactContent.Kind.TOO_LARGE, content.kind());
        assertEquals(List.of(), files(), "neither the file nor a partial download is left");
    }

    @Test
    void anUnsafePathIsNeverAskedFor() throws Exception {
        assertThrows(ExperimentException.class, () -> artifacts.open(runPk, new ArtifactEntry("../../etc/passwd", false, 1L)));
        assertThrows(ExperimentException.class, () -> artifacts.list(runPk, "a/../.."));
        assertTrue(asked.isEmpty(), asked.toString());
    }

    @Test
    void serverErrorsAreReportedAndTheStaleListingKept() throws Exception {
        answer("/api/2.0/mlflow/artifacts/list", 200, "{\"files\": [{\"path\": \"a.txt\", \"is_dir\": false, \"file_size\": 2}]}");
        artifacts.list(runPk, "");
        answer("/api/2.0/mlflow/artifacts/list", 503, "busy");
        ArtifactListing stale = artifacts.list(runPk, "");
        assertTrue(stale.stale());
        assertTrue(stale.staleReason().contains("HTTP 503"), stale.staleReason());
        assertEquals(List.of(new ArtifactEntry("a.txt", false, 2L)), stale.entries());

        answer("/api/2.0/mlflow/artifacts/list", 403, "{\"error_code\": \"PERMISSION_DENIED\", \"message\": \"no\"}");
        String message = assertThrows(ExperimentException.class, () -> artifacts.list(runPk, "")).getMessage();
        assertTrue(message.contains("HTTP 403"), message);
        assertFalse(message.contains("stale"));
    }

    private List<Path> files() throws Exception {
        if (!Files.exists(downloads)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(downloads)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
