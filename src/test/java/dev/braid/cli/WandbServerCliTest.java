package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.experiments.wandb.WandbReplay;
import dev.braid.pipelines.replay.ReplayServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid wandb add URL --entity E --project P --key-env VAR} against a W&B replay, then the runs commands. */
class WandbServerCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "local-0123456789abcdef0123";
    @TempDir
    Path home;
    ReplayServer server;

    @BeforeEach
    void start() throws Exception {
        WandbReplay api = new WandbReplay("acme", "churn", KEY);
        server = ReplayServer.start(api);
        api.base(server.url());
        for (String name : List.of("k3x9a1", "q7m2b4", "z0c5d8")) {
            WandbReplay.ReplayRun run = api.add(new WandbReplay.ReplayRun(name));
            run.config.put("optimizer", "adam");
            run.metric("loss", 30, s -> 1.0 / (s + 1));
            run.tags = List.of("cpu");
        }
        api.runs().get(2).state = "running";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aServerProjectsRunsAreListedLikeAnyOthersAndItsKeyNeverShows() throws Exception {
        CliRun add = new CliRun(home, Map.of("WANDB_API_KEY", KEY));
        assertEquals(0, add.run("wandb", "add", server.url(), "--entity", "acme", "--project", "churn",
                "--key-env", "WANDB_API_KEY", "--name", "team-srv"), add.err());
        assertTrue(add.out().contains("team-srv: succeeded: 3 added"), add.out());

        List<JsonNode> listed = jsonLines(Map.of(), "runs", "list", "--source", "team-srv", "--json");
        assertEquals(3, listed.size());
        for (JsonNode run : listed) {
            assertEquals("wandb", run.get("source_kind").asText());
            assertEquals("adam", run.get("params").get("optimizer").asText());
            assertEquals(1.0 / 30, run.get("metrics").get("loss").asDouble(), 1e-12);
        }
        assertEquals(List.of("FINISHED", "FINISHED", "RUNNING"), listed.stream().map(r -> r.get("status").asText()).sorted()
                .toList());
        List<JsonNode> filtered = jsonLines(Map.of(), "runs", "list", "--source", "team-srv", "--json",
                "--filter", "tags.wandb.state = 'running'");
        assertEquals(List.of("z0c5d8"), filtered.stream().map(r -> r.get("run_id").asText()).toList());

        CliRun status = new CliRun(home, Map.of("WANDB_API_KEY", KEY));
        assertEquals(0, status.run("status", "--json"), status.err());
        assertFalse(status.out().contains(KEY), status.out());
        assertTrue(status.out().contains("api_key_env") || status.out().contains("team-srv"), status.out());
    }

    @Test
    void aWrongKeyOrAnUnsetVariableIsAClearError() {
        CliRun unset = new CliRun(home);
        assertEquals(1, unset.run("wandb", "add", server.url(), "--entity", "acme", "--project", "churn",
                "--key-env", "WANDB_API_KEY"));
        assertTrue(unset.err().contains("WANDB_API_KEY is not set"), unset.err());

        CliRun wrong = new CliRun(home, Map.of("WANDB_API_KEY", "not-the-key-42424242"));
        assertEquals(1, wrong.run("wandb", "add", server.url(), "--entity", "acme", "--project", "churn",
                "--key-env", "WANDB_API_KEY"));
        String all = wrong.out() + wrong.err();
        assertTrue(all.contains("did not accept the API key from $WANDB_API_KEY"), all);
        assertFalse(all.contains("not-the-key-42424242"), all);

        CliRun folderWithEntity = new CliRun(home);
        assertEquals(1, folderWithEntity.run("wandb", "add", home.toString(), "--entity", "acme"));
        assertTrue(folderWithEntity.err().contains("are for a W&B server's URL"), folderWithEntity.err());
    }

    private List<JsonNode> jsonLines(Map<String, String> env, String... args) throws Exception {
        CliRun run = new CliRun(home, env);
        assertEquals(0, run.run(args), run.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
