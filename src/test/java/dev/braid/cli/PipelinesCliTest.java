package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.ReplayServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RUN_FIELDS = List.of("source", "source_kind", "id", "number", "status", "source_status",
            "ref", "sha", "event", "created_at", "started_at", "finished_at", "duration_s", "url");
    @TempDir
    Path home;
    private CiHistory history;
    private ReplayServer server;

    @BeforeEach
    void start() throws Exception {
        history = CiHistory.generate(40, 4, 5);
        GitLabReplay api = new GitLabReplay(history, "acme/churn", null);
        server = ReplayServer.start(api);
        api.base(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun added() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("pipelines", "add", "gitlab", server.url(), "--project", "acme/churn"), cli.err());
        return cli;
    }

    @Test
    void addSyncsOnceAndNamesTheSource() {
        CliRun cli = added();
        assertTrue(cli.out().startsWith("gitlab:acme/churn: "), cli.out());
        assertTrue(cli.err().contains("Added gitlab:acme/churn; syncing it now."), cli.err());
        CliRun sync = new CliRun(home);
        assertEquals(0, sync.run("sync", "gitlab:acme/churn"), sync.err());
    }

    @Test
    void listJsonHasExactlyTheContractsFieldsNewestFirst() throws Exception {
        added();
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("pipelines", "list", "--json", "--limit", "3"), cli.err());

        String[] lines = cli.out().strip().split("\n");
        assertEquals(3, lines.length);
        JsonNode first = JSON.readTree(lines[0]);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(RUN_FIELDS, fields);
        CiHistory.Run newest = history.runs().get(39);
        assertEquals("gitlab:acme/churn", first.get("source").asText());
        assertEquals("gitlab", first.get("source_kind").asText());
        assertEquals(Long.toString(newest.id), first.get("id").asText());
        assertEquals("running", first.get("status").asText());
        assertTrue(first.get("created_at").asText().endsWith("+00:00"));
        JsonNode second = JSON.readTree(lines[1]);
        assertTrue(second.get("duration_s").isNumber());
    }

    @Test
    void listFiltersByStatusBranchAndCommit() throws Exception {
        added();
        CiHistory.Run run = history.runs().get(5);
        CliRun bySha = new CliRun(home);
        assertEquals(0, bySha.run("pipelines", "list", "--json", "--sha", run.sha.substring(0, 10)), bySha.err());
        assertEquals(1, bySha.out().strip().split("\n").length);
        CliRun failed = new CliRun(home);
        assertEquals(0, failed.run("pipelines", "list", "--json", "--status", "failed", "--branch", "main"), failed.err());
        for (String line : failed.out().strip().split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertEquals("failed", node.get("status").asText());
                assertEquals("main", node.get("ref").asText());
            }
        }
        CliRun bad = new CliRun(home);
        assertEquals(2, bad.run("pipelines", "list", "--status", "broken"));
        assertTrue(bad.err().contains("unknown status: broken"), bad.err());
    }

    @Test
    void showGivesTheJobsWithNameStageAttemptAndNeeds() throws Exception {
        added();
        CiHistory.Run flaky = history.runs().get(3);
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("pipelines", "show", "gitlab:acme/churn", Long.toString(flaky.id), "--json"), cli.err());

        JsonNode run = JSON.readTree(cli.out());
        assertEquals(Long.toString(flaky.id), run.get("id").asText());
        JsonNode jobs = run.get("jobs");
        assertEquals(5, jobs.size());
        List<String> fields = new ArrayList<>();
        jobs.get(0).fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>(RUN_FIELDS);
        expected.addAll(List.of("name", "stage", "attempt", "needs"));
        assertEquals(expected, fields);
        assertEquals("integration", jobs.get(1).get("name").asText());
        assertEquals(1, jobs.get(1).get("attempt").asInt());
        assertEquals(2, jobs.get(2).get("attempt").asInt());
        CliRun missing = new CliRun(home);
        assertEquals(2, missing.run("pipelines", "show", "gitlab:acme/churn", "999"));
    }

    @Test
    void logPrintsTheJobsLogAndTrendsSummarise() throws Exception {
        added();
        CiHistory.Run flaky = history.runs().get(3);
        CliRun log = new CliRun(home);
        assertEquals(0, log.run("pipelines", "log", "gitlab:acme/churn", Long.toString(flaky.jobs.get(1).id)), log.err());
        assertTrue(log.out().contains("ERROR: Job failed"), log.out());

        CliRun trends = new CliRun(home);
        assertEquals(0, trends.run("pipelines", "trends", "--json"), trends.err());
        JsonNode t = JSON.readTree(trends.out());
        assertEquals(39, t.get("runs").asInt());
        assertTrue(t.get("flakiest").size() >= 1);
        assertEquals("integration", t.get("flakiest").get(0).get("name").asText());
        assertTrue(t.get("days").get(0).has("p95_s"));
    }
}
