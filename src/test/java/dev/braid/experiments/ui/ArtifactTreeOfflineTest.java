package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.braid.app.AppContext;
import dev.braid.experiments.ArtifactEntry;
import dev.braid.ui.GitFixture;
import dev.braid.ui.ImmediateTaskRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run detail opened again while its tracking server is down shows the folders listed earlier in
 * the session and says so; a folder never listed says why it cannot be. A tiny HTTP server on
 * 127.0.0.1 plays the tracking server.
 */
class ArtifactTreeOfflineTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private AppContext context;
    private long runPk;
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = (status == 200 ? "{\"files\": [{\"path\": \"model\", \"is_dir\": true},"
                    + " {\"path\": \"report.txt\", \"is_dir\": false, \"file_size\": 12}]}" : "busy")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        context = GitFixture.open(tmp.resolve("braid"));
        long sourceId = context.experiments().addMlflow("http://127.0.0.1:" + server.getAddress().getPort(), "tracking",
                null, null, null).id();
        runPk = context.database().write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO runs(source_id, run_id, experiment_id, status, synced_at)
                    VALUES (?, 'feedbeef', '1', 'FINISHED', 0) RETURNING run_pk""")) {
                st.setLong(1, sourceId);
                var rs = st.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
        context.close();
    }

    private ArtifactTreeViewModel open() {
        return new ArtifactTreeViewModel(context.artifacts(), new ImmediateTaskRunner(), runPk);
    }

    @Test
    void aListingReadEarlierShowsWhileTheServerIsDown() {
        ArtifactTreeViewModel first = open();
        first.expand("");
        List<ArtifactEntry> listed = List.copyOf(first.children(""));
        assertEquals(2, listed.size());

        status = 503;
        ArtifactTreeViewModel again = open();
        again.expand("");
        assertEquals(listed, again.children(""));
        assertTrue(again.statusProperty().get().startsWith("Showing the listing read earlier; the store cannot be"
                + " reached now: MLflow at"), again.statusProperty().get());
        assertTrue(again.statusProperty().get().contains("HTTP 503"), again.statusProperty().get());

        again.expand("model");
        assertTrue(again.statusProperty().get().startsWith("Could not list model: "), again.statusProperty().get());
        assertTrue(again.children("model").isEmpty());
    }
}
