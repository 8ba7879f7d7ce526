package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lineage commands in this JVM over a real cache filled from an OpenLineage file. */
class LineageCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CLEAN = "11111111-2222-4333-8444-555555555555";
    static final String TRAIN = "66666666-7777-4888-9999-aaaaaaaaaaaa";
    static final String RAW = "dataset:s3://bucket:raw/events.csv";
    static final String FEATURES_V1 = "dataset-version:s3://bucket:features/train.parquet@v1";

    @TempDir
    Path home;
    Path events;

    @BeforeEach
    void importEvents() throws IOException {
        events = home.resolve("events.jsonl");
        Files.writeString(events, String.join("\n",
                event("COMPLETE", "2026-03-01T10:00:00Z", CLEAN, "clean",
                        "[{\"namespace\":\"s3://bucket\",\"name\":\"raw/events.csv\"}]",
                        "[{\"namespace\":\"s3://bucket\",\"name\":\"features/train.parquet\",\"facets\":{\"version\":{\"datasetVersion\":\"v1\"}}}]"),
                event("COMPLETE", "2026-03-02T10:00:00Z", TRAIN, "train",
                        "[{\"namespace\":\"s3://bucket\",\"name\":\"features/train.parquet\",\"facets\":{\"version\":{\"datasetVersion\":\"v1\"}}}]",
                        "[{\"namespace\":\"s3://bucket\",\"name\":\"models/fraud.pkl\"}]")) + "\n");
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("lineage", "import", events.toString()), cli.err());
        assertEquals("Imported 2 new events from 1 files (0 already imported, 0 refused).\n", cli.out());
    }

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    static String event(String type, String time, String runId, String job, String inputs, String outputs) {
        return "{\"eventType\":\"" + type + "\",\"eventTime\":\"" + time + "\",\"producer\":\"test\",\"schemaURL\":\"s\","
                + "\"run\":{\"runId\":\"" + runId + "\"},\"job\":{\"namespace\":\"pipelines\",\"name\":\"" + job + "\"},"
                + "\"inputs\":" + inputs + ",\"outputs\":" + outputs + "}";
    }

    @Test
    void showDownstreamAsJsonLinesNearestFirst() throws IOException {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("lineage", "show", RAW, "--downstream", "--depth", "3", "--json"), cli.err());
        List<String> seen = new ArrayList<>();
        for (String line : cli.out().strip().split("\n")) {
            JsonNode n = JSON.readTree(line);
            seen.add(n.get("depth").asInt() + " " + n.get("kind").asText() + " " + n.get("id").asText() + " " + n.get("name").asText());
        }
        assertEquals(List.of("0 dataset " + RAW + " raw/events.csv",
                "1 job-run job-run:" + CLEAN + " clean #55555555",
                "2 dataset-version " + FEATURES_V1 + " features/train.parquet@v1",
                "2 dataset dataset:s3://bucket:features/train.parquet features/train.parquet",
                "3 job-run job-run:" + TRAIN + " train #aaaaaaaa"), seen);
    }

    @Test
    void showUpstreamAsOfATimeBeforeTheSecondEvent() throws IOException {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("lineage", "show", FEATURES_V1, "--upstream", "--depth", "5", "--as-of", "2026-03-01", "--json"));
        List<String> ids = cli.out().lines().map(l -> {
            try {
                return JSON.readTree(l).get("id").asText();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(List.of(FEATURES_V1, "dataset:s3://bucket:features/train.parquet", "job-run:" + CLEAN, RAW,
                "job:pipelines:clean"), ids);
        CliRun before = new CliRun(home);
        assertEquals(0, before.run("lineage", "show", FEATURES_V1, "--downstream", "--as-of", "2026-03-01T12:00:00Z", "--json"));
        assertEquals(1, before.out().lines().count(), before.out());
    }

    @Test
    void pathImpactAndLabels() throws IOException {
        CliRun path = new CliRun(home);
        assertEquals(0, path.run("lineage", "path", RAW, "dataset:s3://bucket:models/fraud.pkl"), path.err());
        assertEquals(RAW + " -> job-run:" + CLEAN + " -> " + FEATURES_V1 + " -> job-run:" + TRAIN
                + " -> dataset:s3://bucket:models/fraud.pkl\n", path.out());
        CliRun none = new CliRun(home);
        assertEquals(1, none.run("lineage", "path", "dataset:s3://bucket:models/fraud.pkl", RAW));
        assertTrue(none.err().contains("no path leads from"), none.err());

        CliRun csv = new CliRun(home);
        assertEquals(0, csv.run("lineage", "impact", FEATURES_V1, "--csv"));
        assertEquals("kind,id,name,status,depth\r\n"
                + "dataset,dataset:s3://bucket:models/fraud.pkl,models/fraud.pkl,,2\r\n"
                + "job-run,job-run:" + TRAIN + ",train #aaaaaaaa,COMPLETE,1\r\n", csv.out());

        CliRun label = new CliRun(home);
        assertEquals(0, label.run("lineage", "label", RAW, "PII"), label.err());
        CliRun inherited = new CliRun(home);
        assertEquals(0, inherited.run("lineage", "label", "dataset:s3://bucket:models/fraud.pkl"));
        assertEquals("PII  from " + RAW + " -> job-run:" + CLEAN + " -> " + FEATURES_V1 + " -> job-run:" + TRAIN
                + " -> dataset:s3://bucket:models/fraud.pkl\n", inherited.out());
        assertEquals(0, new CliRun(home).run("lineage", "label", RAW, "PII", "--remove"));
        CliRun after = new CliRun(home);
        assertEquals(0, after.run("lineage", "label", "dataset:s3://bucket:models/fraud.pkl"));
        assertEquals("", after.out());
    }

    @Test
    void exportDotJsonAndSvg() throws Exception {
        CliRun dot = new CliRun(home);
        assertEquals(0, dot.run("lineage", "export", FEATURES_V1, "--depth", "1", "--format", "dot"), dot.err());
        assertTrue(dot.out().startsWith("digraph lineage {\n  rankdir=LR;"), dot.out());
        assertTrue(dot.out().contains("\"job-run:" + CLEAN + "\" -> \"" + FEATURES_V1 + "\" [label=\"output\"];"), dot.out());
        assertTrue(dot.out().contains("\"" + FEATURES_V1 + "\" [label=\"features/train.parquet@v1\\ndataset-version\", shape=hexagon"),
                dot.out());
        CliRun json = new CliRun(home);
        assertEquals(0, json.run("lineage", "export", "--format", "json"));
        JsonNode graph = JSON.readTree(json.out());
        assertEquals(8, graph.get("nodes").size());
        assertEquals(8, graph.get("edges").size());
        CliRun svg = new CliRun(home);
        assertEquals(0, svg.run("lineage", "export", "--format", "svg"), svg.err());
        org.w3c.dom.Document drawing = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("svg", drawing.getDocumentElement().getLocalName() != null
                ? drawing.getDocumentElement().getLocalName() : drawing.getDocumentElement().getTagName());
        assertTrue(drawing.getDocumentElement().getTextContent().contains("features/train.parquet"), svg.out());
    }

    @Test
    void badUsageExitsWithTwo() {
        CliRun unknown = new CliRun(home);
        assertEquals(2, unknown.run("lineage", "show", "dataset:nowhere:x"));
        assertTrue(unknown.err().startsWith("braid: unknown node: dataset:nowhere:x"), unknown.err());
        CliRun malformed = new CliRun(home);
        assertEquals(2, malformed.run("lineage", "show", "no-kind-here"));
        assertTrue(malformed.err().contains("not a node id"), malformed.err());
        assertEquals(2, new CliRun(home).run("lineage", "show", RAW, "--upstream", "--downstream"));
        assertEquals(2, new CliRun(home).run("lineage", "impact", RAW, "--json", "--csv"));
        assertEquals(2, new CliRun(home).run("lineage", "show", RAW, "--as-of", "last tuesday"));
        assertEquals(2, new CliRun(home).run("lineage", "serve", "--token-env", "NO_SUCH_VARIABLE"));
    }

    @Test
    void importReportsRefusedEventsAndExitsWithOne() throws IOException {
        Path bad = home.resolve("bad.jsonl");
        Files.writeString(bad, "{\"eventTime\":\"x\"}\n" + Files.readString(events));
        CliRun cli = new CliRun(home);
        assertEquals(1, cli.run("lineage", "import", bad.toString()));
        assertEquals("braid: " + bad + ":1: not an OpenLineage event: a RunEvent needs run and job, a JobEvent job,"
                + " a DatasetEvent dataset\n", cli.err());
        assertEquals("Imported 0 new events from 1 files (2 already imported, 1 refused).\n", cli.out());
    }

    @Test
    void textShowPrintsDepthsAndDirectionsAsJsonDoes() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("lineage", "show", FEATURES_V1, "--depth", "1"), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).matches("DEPTH +DIRECTION +KIND +STATUS +NAME +ID"), lines.get(0));
        assertTrue(lines.get(1).matches("0 +self +dataset-version .*"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.matches("1 +upstream +job-run +COMPLETE +clean #55555555 .*")), cli.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("1 +downstream +job-run +COMPLETE +train #aaaaaaaa .*")), cli.out());
    }

    @Test
    void eventsWithoutSchemaUrlAreImportedWithOneWarning() throws IOException {
        Path loose = home.resolve("loose.jsonl");
        String third = "77777777-8888-4999-aaaa-bbbbbbbbbbbb";
        Files.writeString(loose, event("START", "2026-03-03T10:00:00Z", third, "score", "[]", "[]")
                .replace("\"schemaURL\":\"s\",", "") + "\n");
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("lineage", "import", loose.toString()), cli.err());
        assertEquals("braid: warning: " + loose + ":1: no schemaURL: accepted and read as OpenLineage 2-0-2\n", cli.err());
        assertEquals("Imported 1 new events from 1 files (0 already imported, 0 refused, 1 accepted with warnings).\n", cli.out());
    }

    @Test
    void theWholeGraphExportHoldsRepositoriesAndTheirCommits() throws Exception {
        Path repo = home.resolve("dvc-repo");
        dev.braid.testing.GitCli git = new dev.braid.testing.GitCli(repo);
        Files.createDirectories(repo.resolve(".dvc"));
        git.run("init", "-q");
        Files.writeString(repo.resolve(".dvc/config"), "[core]\n");
        Files.writeString(repo.resolve("raw.csv.dvc"), "outs:\n- md5: 0cc175b9c0f1b6a831c399e269772661\n  path: raw.csv\n");
        String sha = git.commitAll("Track raw.csv");
        assertEquals(0, new CliRun(home).run("repo", "add", repo.toString(), "--name", "data-repo"));

        CliRun json = new CliRun(home);
        assertEquals(0, json.run("lineage", "export", "--format", "json"), json.err());
        JsonNode graph = JSON.readTree(json.out());
        String repoId = "repo:" + repo.toAbsolutePath();
        String commitId = "commit:" + repo.toAbsolutePath() + ":" + sha;
        boolean node = false;
        for (JsonNode n : graph.get("nodes")) {
            node |= n.get("id").asText().equals(repoId) && n.get("kind").asText().equals("repo");
        }
        assertTrue(node, "the repository is a node: " + json.out());
        boolean edge = false;
        for (JsonNode e : graph.get("edges")) {
            edge |= e.get("from").asText().equals(repoId) && e.get("to").asText().equals(commitId)
                    && e.get("kind").asText().equals("contains");
        }
        assertTrue(edge, "repository -> commit: " + json.out());
    }
}
