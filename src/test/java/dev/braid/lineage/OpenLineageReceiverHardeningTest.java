package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver against hostile clients over real sockets on 127.0.0.1: a page that reached it by
 * DNS rebinding (a foreign Host), slow clients that trickle or stall while fast ones keep being
 * answered within a second, the Authorization scheme in any case, and no unauthenticated
 * listening beyond this machine unless the user says so.
 */
class OpenLineageReceiverHardeningTest {
    private static final String TOKEN = "tok-hardening";
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path tmp;
    Database db;
    OpenLineageReceiver receiver;
    int port;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        receiver = OpenLineageReceiver.start(new OpenLineageReceiver.Settings(null, 0, TOKEN),
                new OpenLineageValidator(EventLimits.STANDARD), new OpenLineageIngest(new LineageService(db, Clock.systemUTC())),
                new ReceiverWorkers.Timeouts(HEADER_TIMEOUT, BODY_TIMEOUT));
        port = receiver.address().getPort();
    }

    @AfterEach
    void stop() {
        receiver.close();
        db.close();
    }

    @Test
    void aRequestForAnotherHostIsRefusedAsDnsRebinding() throws Exception {
        assertEquals(403, post("evil.example:" + port, "Bearer " + TOKEN, event(1)).status());
        assertEquals(403, post("127.0.0.1.evil.example", "Bearer " + TOKEN, event(1)).status());
        assertEquals(403, post(null, "Bearer " + TOKEN, event(1)).status());
        assertEquals(0, GraphDump.count(db, "lineage_events"));
        assertEquals(201, post("127.0.0.1:" + port, "Bearer " + TOKEN, event(1)).status());
        assertEquals(201, post("LOCALHOST:" + port, "Bearer " + TOKEN, event(2)).status());
        assertEquals(201, post("localhost.", "Bearer " + TOKEN, event(3)).status());
        assertEquals(201, post("[::1]:" + port, "Bearer " + TOKEN, event(4)).status());
    }

    @Test
    void theAuthorizationSchemeIsCaseInsensitive() throws Exception {
        assertEquals(201, post("127.0.0.1", "bearer " + TOKEN, event(5)).status());
        assertEquals(201, post("127.0.0.1", "BEARER   " + TOKEN, event(6)).status());
        assertEquals(401, post("127.0.0.1", "Basic " + TOKEN, event(7)).status());
        assertEquals(401, post("127.0.0.1", "Bearer " + TOKEN + "x", event(7)).status());
        assertEquals(401, post("127.0.0.1", TOKEN, event(7)).status());
    }

    @Test
    void listeningBeyondThisMachineWithoutATokenNeedsAnExplicitYes() throws Exception {
        OpenLineageReceiver.Settings open = new OpenLineageReceiver.Settings("0.0.0.0", 0, null);
        assertNotNull(open.exposureProblem());
        // Refused before anything is bound: no socket on 0.0.0.0 is ever opened by this test.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OpenLineageReceiver.start(open,
                new OpenLineageValidator(EventLimits.STANDARD), new OpenLineageIngest(new LineageService(db, Clock.systemUTC()))));
        assertTrue(refused.getMessage().contains("without a token"), refused.getMessage());
        assertNull(open.with(true, List.of()).exposureProblem());
        assertNull(new OpenLineageReceiver.Settings("0.0.0.0", 0, "t").exposureProblem());
        assertNull(new OpenLineageReceiver.Settings("127.0.0.1", 0, null).exposureProblem());
        assertNull(new OpenLineageReceiver.Settings("localhost", 0, null).exposureProblem());
    }

    /**
     * Eight clients stall (connected, sending nothing; sending headers a byte every second; a body
     * that never ends) while forty fast clients post: each fast one is answered within a second,
     * and the stalled ones are cut off at their deadlines.
     */
    @Test
    void slowClientsNeverKeepFastOnesWaitingAndAreCutOff() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ExecutorService tricklers = Executors.newCachedThreadPool();
        try {
            for (int i = 0; i < 3; i++) {
                slow.add(new Socket("127.0.0.1", port));
            }
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                slow.add(socket);
                tricklers.submit(() -> trickle(socket, "POST /api/v1/lineage HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            }
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/lineage HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"eventType\":").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            Thread.sleep(300);
            long worst = 0;
            for (int i = 0; i < 40; i++) {
                long start = System.nanoTime();
                Response response = post("127.0.0.1", "Bearer " + TOKEN, event(100 + i));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(201, response.status(), response.body());
                worst = Math.max(worst, millis);
            }
            assertTrue(worst < 1_000, "the slowest fast client waited " + worst + " ms");
            System.out.println("receiver under 8 stalled clients: slowest of 40 fast posts " + worst + " ms");

            // Connections that never send a byte wait in the server's selector, not on a worker (the
            // fast clients above got through); those that started a request are cut off at its deadline.
            for (Socket socket : slow.subList(3, slow.size())) {
                socket.setSoTimeout((int) (BODY_TIMEOUT.toMillis() + 3_000));
                assertTrue(closedByServer(socket), "a stalled client is cut off at its deadline");
            }
            assertEquals(40, GraphDump.count(db, "lineage_events"));
        } finally {
            tricklers.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[4096];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                // An answer (408, 400) before the close is fine too: the connection still ends.
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static Void trickle(Socket socket, String text) {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                Thread.sleep(1_000);
            }
        } catch (IOException | InterruptedException e) {
            // Cut off by the server, as it should be, or the test is over.
        }
        return null;
    }

    private record Response(int status, String body) {
    }

    /** One HTTP/1.1 POST over a raw socket, with the Host header as given (null: none). */
    private Response post(String host, String authorization, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST /api/v1/lineage HTTP/1.1\r\n");
            if (host != null) {
                head.append("Host: ").append(host).append("\r\n");
            }
            head.append("Authorization: ").append(authorization).append("\r\n")
                    .append("Content-Type: application/json\r\nContent-Length: ").append(body.length)
                    .append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Response(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    private static byte[] event(int n) {
        return ("{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-01-05T10:00:00Z\",\"producer\":\"https://example.com/t\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"01900000-0000-7000-8000-" + String.format("%012d", n) + "\"},"
                + "\"job\":{\"namespace\":\"hardening\",\"name\":\"job\"},\"inputs\":[],\"outputs\":[]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
