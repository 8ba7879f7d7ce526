package dev.braid.lineage;

import static dev.braid.lineage.Events.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLineageImportTest {
    static final String TRAIN = "0d6a4c1e-5b7f-4f60-9d3a-2c8e1f0a9b71";
    static final String PIPELINE = "9b2e7d14-3c5a-4e8f-a1b6-7d0c2e4f6a83";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;
    Database db;
    OpenLineageImporter importer;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        LineageService lineage = new LineageService(db, Clock.systemUTC());
        importer = new OpenLineageImporter(new OpenLineageValidator(EventLimits.STANDARD), new OpenLineageIngest(lineage));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ObjectNode trainStart() {
        ObjectNode e = Events.run("START", "2026-03-01T10:00:00Z", TRAIN, "pipelines", "train");
        Events.input(e, Events.versioned("s3://Bucket/", "/features/train.parquet", "v7"));
        ObjectNode parent = Events.runFacets(e).putObject("parent");
        parent.putObject("run").put("runId", PIPELINE);
        parent.putObject("job").put("namespace", "pipelines").put("name", "nightly");
        ObjectNode location = Events.jobFacets(e).putObject("sourceCodeLocation");
        location.put("type", "git").put("url", "https://github.com/acme/fraud/blob/" + SHA + "/train.py").put("version", SHA);
        return e;
    }

    static ObjectNode trainFail() {
        ObjectNode e = Events.run("FAIL", "2026-03-01T10:05:00Z", TRAIN, "pipelines", "train");
        ObjectNode out = Events.versioned("s3://bucket", "models/fraud.pkl", "m1");
        ObjectNode fields = ((ObjectNode) out.get("facets")).putObject("columnLineage").putObject("fields");
        fields.putObject("score").put("transformationType", "INDIRECT").putArray("inputFields").addObject()
                .put("namespace", "s3://bucket").put("name", "features/train.parquet").put("field", "amount");
        Events.output(e, out);
        Events.runFacets(e).putObject("errorMessage").put("message", "out of memory").put("programmingLanguage", "python");
        return e;
    }

    @Test
    void aJsonLinesFileBecomesTheGraphNodeByNodeAndEdgeByEdge() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        Files.writeString(file, Events.text(trainStart()) + "\n" + Events.text(trainFail()) + "\n");
        ImportReport report = importer.importPaths(List.of(file));
        assertEquals(List.of(), report.problems());
        assertEquals(2, report.added());

        String run = "job-run:" + TRAIN;
        String parent = "job-run:" + PIPELINE;
        String commit = "commit:github.com/acme/fraud:" + SHA;
        assertEquals(List.of(
                commit + "|0123456789ab|",
                "dataset-version:s3://bucket:features/train.parquet@v7|features/train.parquet@v7|",
                "dataset-version:s3://bucket:models/fraud.pkl@m1|models/fraud.pkl@m1|",
                "dataset:s3://bucket:features/train.parquet|features/train.parquet|",
                "dataset:s3://bucket:models/fraud.pkl|models/fraud.pkl|",
                "job-run:" + TRAIN + "|train #1f0a9b71|FAILED",
                "job-run:" + PIPELINE + "|nightly #2e4f6a83|",
                "job:pipelines:nightly|nightly|",
                "job:pipelines:train|train|",
                "repo:github.com/acme/fraud|github.com/acme/fraud|"), GraphDump.nodes(db));
        assertEquals(List.of(
                commit + " -built-from-> " + run,
                "dataset-version:s3://bucket:features/train.parquet@v7 -input-> " + run,
                "dataset:s3://bucket:features/train.parquet -version-> dataset-version:s3://bucket:features/train.parquet@v7",
                "dataset:s3://bucket:models/fraud.pkl -version-> dataset-version:s3://bucket:models/fraud.pkl@m1",
                run + " -output-> dataset-version:s3://bucket:models/fraud.pkl@m1",
                run + " -output-> dataset:s3://bucket:models/fraud.pkl",
                parent + " -parent-> " + run,
                "job:pipelines:nightly -run-of-> " + parent,
                "job:pipelines:train -run-of-> " + run,
                "repo:github.com/acme/fraud -contains-> " + commit), GraphDump.edges(db));
        assertEquals("out of memory", GraphDump.property(db, run, "error"));
        assertEquals("2026-03-01T10:00:00Z", GraphDump.property(db, run, "started"));
        assertEquals("2026-03-01T10:05:00Z", GraphDump.property(db, run, "ended"));
        assertEquals(List.of("dataset:s3://bucket:models/fraud.pkl|score|dataset:s3://bucket:features/train.parquet|amount|INDIRECT"),
                GraphDump.lines(db, "SELECT dataset_id || '|' || field || '|' || input_dataset_id || '|' || input_field || '|'"
                        + " || transformation FROM lineage_columns"));
        assertEquals(List.of("2026-03-01T10:00:00Z"), GraphDump.lines(db,
                "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', asserted_at / 1000, 'unixepoch') FROM lineage_edges WHERE kind = 'parent'"));
    }

    @Test
    void anOlderEventArrivingLateNeverRegressesTheStatus() throws Exception {
        Path late = tmp.resolve("late.jsonl");
        Files.writeString(late, Events.text(trainFail()) + "\n" + Events.text(trainStart()) + "\n");
        importer.importPaths(List.of(late));
        assertTrue(GraphDump.nodes(db).contains("job-run:" + TRAIN + "|train #1f0a9b71|FAILED"), GraphDump.nodes(db).toString());
    }

    @Test
    void repeatsAreIdempotentAndRawEventsAreKept() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        Files.writeString(file, Events.text(trainStart()) + "\n" + Events.text(trainFail()) + "\n");
        importer.importPaths(List.of(file));
        List<String> nodes = GraphDump.nodes(db);
        List<String> edges = GraphDump.edges(db);
        Path pretty = tmp.resolve("again.json");
        Files.writeString(pretty, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(trainStart()));
        ImportReport again = importer.importPaths(List.of(file, pretty));
        assertEquals(0, again.added());
        assertEquals(3, again.repeated());
        assertEquals(nodes, GraphDump.nodes(db));
        assertEquals(edges, GraphDump.edges(db));
        assertEquals(2, GraphDump.count(db, "lineage_events"));
        assertEquals(List.of("file:" + file + ":1", "file:" + file + ":2"),
                GraphDump.lines(db, "SELECT origin FROM lineage_events ORDER BY event_time"));
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndTheRestLands() throws Exception {
        Path file = tmp.resolve("mixed.jsonl");
        ObjectNode badUuid = Events.run("START", "2026-03-01T09:00:00Z", "not-a-uuid", "pipelines", "x");
        Files.writeString(file, String.join("\n", Events.text(trainStart()), "{\"eventTime\": ", "",
                Events.text(badUuid), "x".repeat(5000), Events.text(trainFail())) + "\n");
        OpenLineageImporter tight = new OpenLineageImporter(new OpenLineageValidator(new EventLimits(4096, 64, 1000)),
                new OpenLineageIngest(new LineageService(db, Clock.systemUTC())));
        ImportReport report = tight.importPaths(List.of(file, tmp.resolve("missing.jsonl")));
        assertEquals(2, report.added());
        List<String> problems = report.problems().stream().map(Object::toString).toList();
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(tmp.resolve("missing.jsonl") + ": no such file or folder", problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ":2: eventTime: not valid JSON: Unexpected end-of-input"), problems.get(1));
        assertEquals(file + ":4: run.runId: not a UUID: \"not-a-uuid\"", problems.get(2));
        assertEquals(file + ":5: the event is 5000 bytes, more than the 4096 allowed", problems.get(3));
        assertEquals(2, GraphDump.count(db, "lineage_events"));
    }

    @Test
    void foldersOfOneEventPerFileAreImportedInNameOrder() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("ol/nested"));
        Files.writeString(folder.resolve("events-20260301-100000.000001.json"), Events.text(trainStart()) + "\n");
        Files.writeString(folder.resolve("events-20260301-100500.000001.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(trainFail()));
        Files.writeString(folder.resolve("README.md"), "not events");
        Files.writeString(folder.resolve(".hidden.json"), "{");
        ImportReport report = importer.importPaths(List.of(tmp.resolve("ol")));
        assertEquals(2, report.files());
        assertEquals(2, report.added());
        assertEquals(List.of(), report.problems());
        assertTrue(GraphDump.nodes(db).contains("job-run:" + TRAIN + "|train #1f0a9b71|FAILED"));
    }

    @Test
    void aHostileCorpusIsRefusedLineByLineAndLeavesTheGraphEmpty() throws Exception {
        ObjectNode good = trainStart();
        List<String> corpus = List.of(
                Events.text(Events.remove(good, "/job")),
                Events.text(Events.remove(good, "/run/runId")),
                Events.text(Events.set(good, "/run/runId", Events.JSON.getNodeFactory().numberNode(42))),
                Events.text(Events.set(good, "/run/runId", com.fasterxml.jackson.databind.node.TextNode.valueOf("3f1c2b9e"))),
                Events.text(Events.set(good, "/eventType", com.fasterxml.jackson.databind.node.TextNode.valueOf("start"))),
                Events.text(Events.set(good, "/eventTime", com.fasterxml.jackson.databind.node.TextNode.valueOf("01/03/2026"))),
                Events.text(Events.set(good, "/inputs/0/name", Events.JSON.createArrayNode())),
                Events.text(Events.set(good, "/job/facets/sourceCodeLocation/url", Events.JSON.getNodeFactory().numberNode(1))),
                Events.text(good).replace("\"runId\"", "\"runId\":\"x\",\"runId\""),
                Events.text(good).replaceFirst("\\{", "{\"pad\":\"" + "A".repeat(1_000_001) + "\","),
                "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                "[" + Events.text(good) + "]",
                "null",
                "\u0000\u0001garbage",
                Events.text(good).substring(0, 100));
        Path file = tmp.resolve("hostile.jsonl");
        Files.writeString(file, String.join("\n", corpus) + "\n");
        ImportReport report = importer.importPaths(List.of(file));
        assertEquals(0, report.added());
        assertEquals(corpus.size(), report.problems().size(), report.problems().toString());
        for (int i = 0; i < corpus.size(); i++) {
            assertTrue(report.problems().get(i).where().equals(file + ":" + (i + 1)), report.problems().get(i).toString());
        }
        assertEquals(List.of(), GraphDump.nodes(db));
        assertEquals(List.of(), GraphDump.edges(db));
        assertEquals(0, GraphDump.count(db, "lineage_events"));
    }

    @Test
    void aJsonLinesFileWhoseFirstLineIsCutShortStillYieldsTheRest() throws Exception {
        Path file = tmp.resolve("cut.jsonl");
        Files.writeString(file, Events.text(trainStart()).substring(0, 120) + "\n" + Events.text(trainStart()) + "\n"
                + Events.text(trainFail()) + "\n");
        ImportReport report = importer.importPaths(List.of(file));
        assertEquals(2, report.added());
        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).toString().startsWith(file + ":1: "), report.problems().toString());
    }

    @Test
    void jobAndDatasetEventsAddTheirJobsDatasetsVersionsAndCode() throws Exception {
        ObjectNode job = Events.remove(Events.remove(trainStart(), "/run"), "/eventType");
        ObjectNode dataset = Events.JSON.createObjectNode();
        dataset.put("eventTime", "2026-03-01T11:00:00Z").put("producer", "p").put("schemaURL", "s");
        dataset.set("dataset", Events.versioned("s3://bucket", "raw/extra.csv", "r9"));
        Path file = tmp.resolve("static.jsonl");
        Files.writeString(file, Events.text(job) + "\n" + Events.text(dataset) + "\n");
        assertEquals(2, importer.importPaths(List.of(file)).added());
        String commit = "commit:github.com/acme/fraud:" + SHA;
        assertEquals(List.of(
                commit + " -built-from-> job:pipelines:train",
                "dataset-version:s3://bucket:features/train.parquet@v7 -input-> job:pipelines:train",
                "dataset:s3://bucket:features/train.parquet -version-> dataset-version:s3://bucket:features/train.parquet@v7",
                "dataset:s3://bucket:raw/extra.csv -version-> dataset-version:s3://bucket:raw/extra.csv@r9",
                "repo:github.com/acme/fraud -contains-> " + commit), GraphDump.edges(db));
    }

    @Test
    void eventsWithoutSchemaUrlAreImportedAndCountedInOneWarning() throws Exception {
        Path file = tmp.resolve("no-schema.jsonl");
        Files.writeString(file, Events.text(Events.remove(trainStart(), "/schemaURL")) + "\n"
                + Events.text(Events.remove(trainFail(), "/schemaURL")) + "\n" + Events.text(trainStart()) + "\n"
                + "{\"eventTime\":\"2026-03-01T10:00:00Z\",\"job\":{\"namespace\":\"n\",\"name\":\"j\"}}\n");
        ImportReport report = importer.importPaths(List.of(file));
        assertEquals(3, report.added(), "an event and the same one with a schemaURL are two events as received");
        assertEquals(1, report.problems().size(), "without a producer it is still refused");
        assertEquals(List.of(new ImportReport.Warning(OpenLineageValidator.NO_SCHEMA_URL, 2, file + ":1")), report.warnings());
    }
}
