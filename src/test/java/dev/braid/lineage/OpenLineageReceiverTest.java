package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver over real HTTP on 127.0.0.1: good events land once, every bad request is refused and stores nothing. */
class OpenLineageReceiverTest {
    private static final String TOKEN = "s3cret-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;
    Database db;
    OpenLineageReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        OpenLineageIngest ingest = new OpenLineageIngest(new LineageService(db, Clock.systemUTC()));
        receiver = OpenLineageReceiver.start(new OpenLineageReceiver.Settings(null, 0, TOKEN),
                new OpenLineageValidator(new EventLimits(64 * 1024, 64, 10_000)), ingest);
    }

    @AfterEach
    void stop() {
        receiver.close();
        db.close();
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertTrue(receiver.address().getAddress().isLoopbackAddress());
        assertTrue(receiver.uri().toString().matches("http://127\\.0\\.0\\.1:\\d+/api/v1/lineage"), receiver.uri().toString());
    }

    @Test
    void anEventWithoutSchemaUrlIsStoredAndTheAnswerCarriesTheWarning() throws Exception {
        byte[] event = Events.bytes(Events.remove(OpenLineageImportTest.trainStart(), "/schemaURL"));
        HttpResponse<String> answer = post(BodyPublishers.ofByteArray(event), "application/json", null, "Bearer " + TOKEN);
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("{\"stored\":true,\"warnings\":[\"" + OpenLineageValidator.NO_SCHEMA_URL + "\"]}", answer.body());
        assertEquals(1, GraphDump.count(db, "lineage_events"));
    }

    @Test
    void acceptsPlainAndGzippedEventsOnceEach() throws Exception {
        byte[] event = Events.bytes(OpenLineageImportTest.trainStart());
        HttpResponse<String> first = post(BodyPublishers.ofByteArray(event), "application/json", null, "Bearer " + TOKEN);
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> again = post(BodyPublishers.ofByteArray(gzip(event)), "application/json; charset=utf-8", "gzip",
                "Bearer " + TOKEN);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"repeat\":true"));
        HttpResponse<String> second = post(BodyPublishers.ofByteArray(gzip(Events.bytes(OpenLineageImportTest.trainFail()))),
                "application/json", "gzip", "Bearer " + TOKEN);
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(2, GraphDump.count(db, "lineage_events"));
        assertTrue(GraphDump.nodes(db).contains("job-run:" + OpenLineageImportTest.TRAIN + "|train #1f0a9b71|FAILED"));
        assertEquals(new OpenLineageReceiver.Counts(2, 1, 0), receiver.counts());
    }

    @Test
    void hostileAndMalformedRequestsAreRefusedWithTheReasonAndLeaveTheGraphUnchanged() throws Exception {
        byte[] good = Events.bytes(OpenLineageImportTest.trainStart());
        String bearer = "Bearer " + TOKEN;
        expect(401, "bearer token", post(BodyPublishers.ofByteArray(good), "application/json", null, null));
        expect(401, "bearer token", post(BodyPublishers.ofByteArray(good), "application/json", null, "Bearer wrong"));
        expect(415, "Content-Type must be application/json, not text/plain", post(BodyPublishers.ofByteArray(good), "text/plain", null, bearer));
        expect(415, "Content-Type must be application/json, not missing", post(BodyPublishers.ofByteArray(good), null, null, bearer));
        expect(415, "Content-Encoding must be gzip or none, not br", post(BodyPublishers.ofByteArray(good), "application/json", "br", bearer));
        byte[] broken = gzip(good);
        broken = Arrays.copyOf(broken, broken.length / 2);
        expect(400, "the body is not valid gzip", post(BodyPublishers.ofByteArray(broken), "application/json", "gzip", bearer));
        expect(400, "the body is not valid gzip", post(BodyPublishers.ofByteArray(good), "application/json", "gzip", bearer));
        byte[] oversized = new byte[70 * 1024];
        Arrays.fill(oversized, (byte) ' ');
        expect(413, "more than the 65536", post(BodyPublishers.ofByteArray(oversized), "application/json", null, bearer));
        expect(413, "more than the 65536", post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)),
                "application/json", null, bearer));
        byte[] bomb = new byte[10 * 1024 * 1024];
        Arrays.fill(bomb, (byte) ' ');
        expect(413, "more than the 65536", post(BodyPublishers.ofByteArray(gzip(bomb)), "application/json", "gzip", bearer));
        expect(400, "run.runId: not a UUID", post(BodyPublishers.ofByteArray(Events.bytes(Events.set(OpenLineageImportTest.trainStart(),
                "/run/runId", com.fasterxml.jackson.databind.node.TextNode.valueOf("42")))), "application/json", null, bearer));
        expect(400, "eventType: must be one of", post(BodyPublishers.ofByteArray(Events.bytes(Events.set(OpenLineageImportTest.trainStart(),
                "/eventType", com.fasterxml.jackson.databind.node.TextNode.valueOf("DONE")))), "application/json", null, bearer));
        expect(400, "nesting depth", post(BodyPublishers.ofByteArray(("{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}")
                .getBytes()), "application/json", null, bearer));
        expect(400, "String value length", post(BodyPublishers.ofByteArray(("{\"run\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes()), "application/json", null, bearer));
        expect(400, "not valid JSON", post(BodyPublishers.ofByteArray("{\"eventTime\": [".getBytes()), "application/json", null, bearer));
        expect(405, "use POST", http.send(HttpRequest.newBuilder(receiver.uri()).header("Authorization", bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        expect(404, "not found", http.send(HttpRequest.newBuilder(receiver.uri().resolve("/api/v1/other"))
                .POST(BodyPublishers.ofByteArray(good)).build(), HttpResponse.BodyHandlers.ofString()));

        assertEquals(List.of(), GraphDump.nodes(db));
        assertEquals(List.of(), GraphDump.edges(db));
        assertEquals(0, GraphDump.count(db, "lineage_events"));
        assertEquals(201, post(BodyPublishers.ofByteArray(good), "application/json", null, bearer).statusCode());
    }

    private static void expect(int status, String reason, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(reason), "expected \"" + reason + "\" in " + response.body());
    }

    private HttpResponse<String> post(BodyPublisher body, String contentType, String encoding, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.uri()).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

}
