package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.KubeflowReplay;
import dev.braid.pipelines.replay.ReplayServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braid pipelines add airflow|kubeflow} as the issue names them, and {@code list} and
 * {@code show} giving orchestrator runs the same JSON fields as CI runs.
 */
class PipelinesOrchestratorCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RUN_FIELDS = List.of("source", "source_kind", "id", "number", "status", "source_status",
            "ref", "sha", "event", "created_at", "started_at", "finished_at", "duration_s", "url");
    @TempDir
    Path home;
    private final List<ReplayServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ReplayServer::close);
    }

    private ReplayServer serve(ReplayServer.Api api) throws Exception {
        ReplayServer server = ReplayServer.start(api);
        servers.add(server);
        return server;
    }

    @Test
    void addAirflowThenListAndShowItsRunsLikeCiRuns() throws Exception {
        AirflowHistory history = AirflowHistory.generate(12, 9, 11);
        ReplayServer airflow = serve(new AirflowReplay(history, false, null));
        CliRun add = new CliRun(home);

        assertEquals(0, add.run("pipelines", "add", "airflow", airflow.url(), "--name", "af"), add.err());
        assertTrue(add.out().startsWith("af: "), add.out());

        CliRun list = new CliRun(home);
        assertEquals(0, list.run("pipelines", "list", "--json"), list.err());
        String[] lines = list.out().strip().split("\n");
        assertEquals(12, lines.length);
        JsonNode first = JSON.readTree(lines[0]);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(RUN_FIELDS, fields);
        assertEquals("airflow", first.get("source_kind").asText());

        AirflowHistory.Run flaky = history.runs().get(2);
        CliRun show = new CliRun(home);
        assertEquals(0, show.run("pipelines", "show", "af", flaky.dagId + "/" + flaky.runId, "--json"), show.err());
        JsonNode run = JSON.readTree(show.out());
        assertEquals(flaky.sha, run.get("sha").asText());
        List<Integer> t01Tries = new ArrayList<>();
        run.get("jobs").forEach(j -> {
            if (j.get("name").asText().equals("t01")) {
                t01Tries.add(j.get("attempt").asInt());
            }
        });
        assertEquals(List.of(1, 2), t01Tries, "each try of a retried task is a job with its attempt");
    }

    @Test
    void airflowCredentialsAreCheckedBeforeAnythingIsAdded() {
        CliRun half = new CliRun(home);
        assertEquals(2, half.run("pipelines", "add", "airflow", "http://127.0.0.1:9", "--username", "ada"));
        assertTrue(half.err().contains("--username and --password-env go together"), half.err());
        CliRun both = new CliRun(home);
        assertEquals(2, both.run("pipelines", "add", "airflow", "http://127.0.0.1:9", "--username", "ada",
                "--password-env", "AF_PW", "--token-env", "AF_TOKEN"));
        assertTrue(both.err().contains("not both"), both.err());
        CliRun list = new CliRun(home);
        assertEquals(0, list.run("pipelines", "list", "--json"), list.err());
        assertEquals("", list.out().strip());
    }

    @Test
    void addKubeflowListsItsRunsWithTheirSourceKind() throws Exception {
        ReplayServer kfp = serve(new KubeflowReplay(7, 3, null));
        CliRun add = new CliRun(home);

        assertEquals(0, add.run("pipelines", "add", "kubeflow", kfp.url(), "--name", "kfp"), add.err());

        CliRun list = new CliRun(home);
        assertEquals(0, list.run("pipelines", "list", "--json", "--source", "kfp"), list.err());
        String[] lines = list.out().strip().split("\n");
        assertEquals(7, lines.length);
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertEquals("kubeflow", node.get("source_kind").asText());
            assertNotEquals("", node.get("id").asText());
        }
    }
}
