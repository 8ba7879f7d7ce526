package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.EventLimits;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.lineage.OpenLineageValidator;
import dev.braid.store.Database;
import dev.braid.ui.ImmediateTaskRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's receiver switch over a real receiver on 127.0.0.1 and a real cache. */
class LineageReceiverViewModelTest {
    @TempDir
    Path folder;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Database db;
    private ReceiverStarter starter;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(folder.resolve("cache.db"));
        LineageService lineage = new LineageService(db, Clock.systemUTC());
        OpenLineageValidator validator = new OpenLineageValidator(EventLimits.STANDARD);
        OpenLineageIngest ingest = new OpenLineageIngest(lineage);
        starter = settings -> OpenLineageReceiver.start(settings, validator, ingest);
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        db.close();
    }

    private LineageReceiverViewModel receiver(int port) {
        return new LineageReceiverViewModel(starter, port, new ImmediateTaskRunner(), scheduler, Duration.ofMillis(50));
    }

    @Test
    void aTakenPortIsSaidPlainlyAndNothingRuns() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LineageReceiverViewModel model = receiver(taken.getLocalPort());

            model.setRunning(true);

            assertFalse(model.runningProperty().get());
            assertEquals("", model.addressProperty().get());
            assertTrue(model.messageProperty().get().startsWith("Port " + taken.getLocalPort() + " on 127.0.0.1 is taken"),
                    model.messageProperty().get());
        }
    }

    @Test
    void showsItsAddressWhileOnAndStopsListeningWhenSwitchedOffOrClosed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        LineageReceiverViewModel model = receiver(port);

        model.setRunning(true);

        assertTrue(model.runningProperty().get(), model.messageProperty().get());
        assertEquals("http://127.0.0.1:" + port + "/api/v1/lineage", model.addressProperty().get());
        assertEquals(405, get(model.addressProperty().get()), "the address answers: events need POST");

        model.setRunning(false);
        assertFalse(model.runningProperty().get());
        assertEquals("", model.addressProperty().get());
        assertTrue(model.messageProperty().get().startsWith("Receiver stopped: 0 new events"), model.messageProperty().get());
        assertThrows(IOException.class, () -> get("http://127.0.0.1:" + port + "/api/v1/lineage"));

        model.setRunning(true);
        assertTrue(model.runningProperty().get(), "on again at the same port: " + model.messageProperty().get());
        model.close();
        assertThrows(IOException.class, () -> get("http://127.0.0.1:" + port + "/api/v1/lineage"));
    }

    @Test
    void listensWhereTheSettingsSayAndAsksForTheirToken() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        LineageReceiverViewModel model = new LineageReceiverViewModel(starter,
                () -> new OpenLineageReceiver.Settings("127.0.0.1", port, "s3cret"), new ImmediateTaskRunner(), scheduler,
                Duration.ofMillis(50));

        model.setRunning(true);

        assertTrue(model.messageProperty().get().endsWith("(bearer token required)"), model.messageProperty().get());
        String address = model.addressProperty().get();
        assertEquals(401, post(address, null), "no token");
        assertEquals(401, post(address, "Bearer wrong"), "a wrong token");
        assertEquals(400, post(address, "Bearer s3cret"), "the token lets the request in; an empty body is then refused");
        model.close();
    }

    @Test
    void settingsThatCannotBeMetAreSaidAndNothingStarts() {
        LineageReceiverViewModel model = new LineageReceiverViewModel(starter, () -> {
            throw new IllegalStateException("the environment variable OL_TOKEN named for the receiver's token is not set or empty");
        }, new ImmediateTaskRunner(), scheduler, Duration.ofMillis(50));

        model.setRunning(true);

        assertFalse(model.runningProperty().get());
        assertFalse(model.busyProperty().get());
        assertEquals("Could not start the receiver: the environment variable OL_TOKEN named for the receiver's token is not set"
                + " or empty", model.messageProperty().get());
    }

    private static int post(String address, String authorization) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(""));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(String address) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(address)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
