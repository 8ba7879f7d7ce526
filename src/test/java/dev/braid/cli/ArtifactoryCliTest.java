package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.artifacts.ArtifactoryFixture;
import dev.braid.artifacts.ArtifactoryReplay;
import dev.braid.pipelines.replay.ReplayServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid artifactory add/files/builds} against a replay of Artifactory, and the lineage it adds. */
class ArtifactoryCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    private ReplayServer server;
    private ArtifactoryReplay api;

    @BeforeEach
    void start() throws Exception {
        api = new ArtifactoryReplay(ArtifactoryFixture.TOKEN, "ci-bot", "hunter2-api-key");
        ArtifactoryFixture.project(api);
        server = ReplayServer.start(api);
        api.base(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun cli(String token) {
        return new CliRun(home, Map.of("DISPLAY", ":0", "ART_TOKEN", token));
    }

    @Test
    void addSyncsOnceAndTheFilesAndBuildsAreListed() throws Exception {
        CliRun add = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, add.run("artifactory", "add", server.url() + "/artifactory", "--repo", "ml-models-local",
                "--repo", "datasets-local", "--token-env", "ART_TOKEN", "--name", "jfrog"), add.err());
        assertTrue(add.err().contains("Added jfrog; syncing it now."), add.err());
        assertTrue(add.out().startsWith("jfrog: "), add.out());

        CliRun files = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, files.run("artifactory", "files", "jfrog", "--repo", "ml-models-local", "--json"), files.err());
        String[] lines = files.out().strip().split("\n");
        assertEquals(6, lines.length);
        JsonNode first = JSON.readTree(lines[0]);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("repo", "path", "size", "modified", "sha256", "sha1", "md5", "properties", "verdict"), fields);
        JsonNode model = java.util.Arrays.stream(lines).map(ArtifactoryCliTest::read)
                .filter(n -> n.get("path").asText().equals("fraud/2/model.onnx")).findFirst().orElseThrow();
        assertEquals(ArtifactoryFixture.sha("model-2"), model.get("sha256").asText());
        assertEquals("production", model.get("properties").get("stage").get(0).asText());

        CliRun builds = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, builds.run("artifactory", "builds", "jfrog"), builds.err());
        assertTrue(builds.out().contains("train-fraud") && builds.out().contains("222222222222"), builds.out());

        // Follow the model to the commit it was built from.
        CliRun path = cli(ArtifactoryFixture.TOKEN);
        String host = server.url().replace("http://", "") + "/artifactory";
        assertEquals(0, path.run("lineage", "path", "commit:github.com/acme/fraud:2222222222222222222222222222222222222222",
                "dataset-version:artifactory://" + host + "/ml-models-local:fraud/2/model.onnx@" + ArtifactoryFixture.sha("model-2"),
                "--json"), path.err());
        assertTrue(path.out().contains("build:jfrog:train-fraud/2"), path.out());
    }

    @Test
    void scanFlagsTheMaliciousPickleFailsOnDangerousAndShowsTheVerdictOnTheFile() throws Exception {
        byte[] evil = "cposix\nsystem\n(S'echo owned'\ntR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] fine = "(dp0\nS'a'\nI1\ns.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        api.repository("scan-local", "LOCAL", "Generic");
        api.stored("scan-local", "evil/model.pkl", java.time.Instant.parse("2026-11-01T09:00:00Z"), evil);
        api.stored("scan-local", "fine/model.joblib", java.time.Instant.parse("2026-11-01T09:01:00Z"), fine);
        CliRun add = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, add.run("artifactory", "add", server.url() + "/artifactory", "--repo", "scan-local",
                "--token-env", "ART_TOKEN", "--name", "jfrog"), add.err());

        CliRun scan = cli(ArtifactoryFixture.TOKEN);
        assertEquals(1, scan.run("artifactory", "scan", "jfrog", "--fail-on", "dangerous"), scan.err());
        assertTrue(scan.out().startsWith("dangerous   jfrog  (2 model files, 2 downloaded, 0 other files)"), scan.out());
        assertTrue(scan.out().contains("posix.system"), scan.out());

        CliRun again = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, again.run("artifactory", "scan", "jfrog", "--repo", "scan-local", "--json"), again.err());
        List<JsonNode> lines = java.util.Arrays.stream(again.out().strip().split("\n")).map(ArtifactoryCliTest::read).toList();
        assertEquals(2, lines.size());
        assertTrue(lines.stream().noneMatch(n -> n.get("downloaded").asBoolean()), again.out());
        assertEquals(2, server.count(r -> r.path().startsWith("/artifactory/scan-local/")), "downloaded once each");

        CliRun files = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, files.run("artifactory", "files", "jfrog", "--json"), files.err());
        Map<String, String> verdicts = new java.util.TreeMap<>();
        for (String line : files.out().strip().split("\n")) {
            JsonNode n = read(line);
            verdicts.put(n.get("path").asText(), n.get("verdict").asText());
        }
        assertEquals(Map.of("evil/model.pkl", "dangerous", "fine/model.joblib", "safe"), verdicts);
    }

    @Test
    void renamingASourceNamesItsBuildsAfterTheNewNameAndRemovingItTakesThemAway() {
        CliRun add = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, add.run("artifactory", "add", server.url() + "/artifactory", "--token-env", "ART_TOKEN",
                "--name", "jfrog"), add.err());
        CliRun rename = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, rename.run("source", "rename", "jfrog", "jf"), rename.err());

        CliRun renamed = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, renamed.run("lineage", "show", "build:jf:train-fraud/1", "--json"), renamed.err());
        assertTrue(renamed.out().contains("commit:github.com/acme/fraud:1111111111111111111111111111111111111111"),
                renamed.out());
        CliRun old = cli(ArtifactoryFixture.TOKEN);
        assertEquals(2, old.run("lineage", "show", "build:jfrog:train-fraud/1", "--json"), old.out());

        CliRun remove = cli(ArtifactoryFixture.TOKEN);
        assertEquals(0, remove.run("source", "remove", "jf", "--yes"), remove.err());
        CliRun gone = cli(ArtifactoryFixture.TOKEN);
        assertEquals(2, gone.run("lineage", "show", "build:jf:train-fraud/1", "--json"), gone.out());
        CliRun files = cli(ArtifactoryFixture.TOKEN);
        assertEquals(2, files.run("artifactory", "files", "jf"));
    }

    @Test
    void aWrongTokenFailsTheAddWithoutPrintingItAndAnUnknownSourceIsAUsageError() {
        CliRun add = cli("wrong-token-value-42");
        assertEquals(1, add.run("artifactory", "add", server.url() + "/artifactory", "--token-env", "ART_TOKEN"), add.err());
        String all = add.out() + add.err();
        assertTrue(all.contains("401") && all.contains("$ART_TOKEN"), all);
        assertFalse(all.contains("wrong-token-value-42"), all);

        CliRun unknown = cli(ArtifactoryFixture.TOKEN);
        assertEquals(2, unknown.run("artifactory", "files", "nope"));
        assertTrue(unknown.err().contains("unknown Artifactory source: nope"), unknown.err());

        CliRun both = cli(ArtifactoryFixture.TOKEN);
        assertEquals(1, both.run("artifactory", "add", server.url() + "/artifactory", "--token-env", "ART_TOKEN",
                "--user", "ci-bot"));
        assertTrue(both.err().contains("either --token-env or --user"), both.err());
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
