package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events written and sent by the real openlineage-python client become exactly the expected graph. */
class OpenLineageClientTest {
    @TempDir
    Path tmp;
    Database db;
    LineageService lineage;
    OpenLineageValidator validator = new OpenLineageValidator(EventLimits.STANDARD);
    OpenLineageIngest ingest;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        lineage = new LineageService(db, Clock.systemUTC());
        ingest = new OpenLineageIngest(lineage);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void bothFileTransportModesImportNodeByNodeAndEdgeByEdge() throws Exception {
        JsonNode emitted = PythonEmitter.run(tmp.resolve("py"), Map.of(), "files", tmp.resolve("ol").toString());
        OpenLineageImporter importer = new OpenLineageImporter(validator, ingest);
        ImportReport report = importer.importPaths(List.of(tmp.resolve("ol")));
        assertEquals(List.of(), report.problems());
        assertEquals(9, report.files());
        // The two scenarios' DatasetEvents are the same event: the second is a repeat.
        assertEquals(15, report.added());
        assertEquals(1, report.repeated());
        assertGraph(emitted, "perfile", "append");
        assertEquals("out of memory", GraphDump.property(db, Scenario.run(emitted.get("append"), "train"), "error"));
        assertEquals("amount double", GraphDump.property(db, Scenario.RAW, "schema"));
        assertEquals(List.of("amount <- " + Scenario.RAW + ".amount IDENTITY"),
                lineage.columns(new NodeId("dataset:s3://bucket:perfile/features.parquet")).stream()
                        .map(c -> c.field() + " <- " + c.inputDataset() + "." + c.inputField() + " " + c.transformation()).toList());

        ImportReport again = importer.importPaths(List.of(tmp.resolve("ol/append/events.jsonl"), tmp.resolve("ol/perfile")));
        assertEquals(0, again.added());
        assertEquals(16, again.repeated());
        assertGraph(emitted, "perfile", "append");
    }

    @Test
    void theHttpTransportWithGzipAndATokenLandsAndAWrongTokenIsRefused() throws Exception {
        try (OpenLineageReceiver receiver = OpenLineageReceiver.start(new OpenLineageReceiver.Settings(null, 0, "tok-123"),
                validator, ingest)) {
            String base = "http://127.0.0.1:" + receiver.address().getPort();
            JsonNode refused = PythonEmitter.run(tmp.resolve("py"), Map.of(), "http", base, "wrong", "gzip");
            assertEquals(401, refused.get("error").asInt(), refused.toString());
            assertEquals(List.of(), GraphDump.nodes(db));

            JsonNode sent = PythonEmitter.run(tmp.resolve("py"), Map.of(), "http", base, "tok-123", "gzip");
            assertEquals(8, receiver.counts().added(), sent.toString());
            assertGraph(objectWith("http", sent), "http");
            assertEquals(8, GraphDump.count(db, "lineage_events"));
        }
    }

    private static JsonNode objectWith(String name, JsonNode runs) {
        var node = Events.JSON.createObjectNode();
        node.set(name, runs);
        return node;
    }

    private void assertGraph(JsonNode emitted, String... scenarios) {
        TreeSet<String> nodes = new TreeSet<>(Scenario.sharedNodes());
        TreeSet<String> edges = new TreeSet<>(List.of(Scenario.REPO + " -contains-> " + Scenario.COMMIT));
        for (String name : scenarios) {
            nodes.addAll(Scenario.nodes(name, emitted.get(name)));
            edges.addAll(Scenario.edges(name, emitted.get(name)));
        }
        assertEquals(new ArrayList<>(nodes), GraphDump.nodes(db));
        assertEquals(new ArrayList<>(edges), GraphDump.edges(db));
    }
}
