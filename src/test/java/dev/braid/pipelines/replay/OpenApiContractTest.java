package dev.braid.pipelines.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The description checks catch answers that break GitHub's and CircleCI's published schemas, and
 * pass the replays' own answers (which every sync test also checks through the replay server).
 */
class OpenApiContractTest {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void aWorkflowRunWithoutItsRepositoryOrWithAWrongTypeIsCaught() {
        OpenApiContract github = OpenApiContract.gitHub();
        List<String> missing = github.check("GET", "/repos/acme/churn/actions/runs/5", 200, JSON,
                bytes("{\"id\": 5, \"node_id\": \"x\"}"));
        assertTrue(missing.stream().anyMatch(p -> p.contains("repository")), missing.toString());
        List<String> list = github.check("GET", "/repos/acme/churn/actions/runs", 200, JSON,
                bytes("{\"total_count\": \"many\", \"workflow_runs\": []}"));
        assertTrue(list.stream().anyMatch(p -> p.contains("total_count")), list.toString());
        List<String> jobs = github.check("GET", "/repos/acme/churn/actions/runs/5/jobs", 200, JSON,
                bytes("{\"total_count\": 1, \"jobs\": [{\"id\": 1, \"status\": \"exploded\"}]}"));
        assertTrue(jobs.stream().anyMatch(p -> p.contains("status")), jobs.toString());
        assertFalse(github.check("GET", "/repos/acme/churn/actions/jobs/7/logs", 302, Map.of(), new byte[0]).isEmpty(),
                "a log redirect without Location");
        assertEquals(List.of(), github.check("GET", "/repos/acme/churn/actions/jobs/7/logs", 302,
                Map.of("Location", "https://logs.example.org/7"), new byte[0]));
        assertFalse(github.check("GET", "/repos/acme/churn/actions/runs", 401, JSON, bytes("{\"message\": 401}")).isEmpty(),
                "errors are basic-error bodies");
    }

    @Test
    void circleCiNullablesFollowItsXNullableMarksAndEnumsAreChecked() {
        OpenApiContract circle = OpenApiContract.circleCi();
        String job = "{\"id\": \"5034460f-c7c4-4c43-9457-de07e2029e7b\", \"name\": \"test\", \"started_at\": \"2026-01-01T00:00:00Z\","
                + " \"dependencies\": [], \"project_slug\": \"gh/acme/churn\", \"status\": \"%s\", \"type\": \"build\","
                + " \"stopped_at\": null}";
        String page = "{\"items\": [" + job + "], \"next_page_token\": null}";
        assertEquals(List.of(), circle.check("GET", "/api/v2/workflow/5034460f-c7c4-4c43-9457-de07e2029e7b/job", 200, JSON,
                bytes(String.format(page, "success"))));
        List<String> bad = circle.check("GET", "/api/v2/workflow/5034460f-c7c4-4c43-9457-de07e2029e7b/job", 200, JSON,
                bytes(String.format(page, "exploded")));
        assertTrue(bad.stream().anyMatch(p -> p.contains("status")), bad.toString());
        List<String> slug = circle.check("GET", "/api/v2/project/gh/acme/churn/pipeline", 200, JSON, bytes("{\"items\": 3}"));
        assertFalse(slug.isEmpty(), "a project slug of three segments still finds its path");
        assertEquals(List.of(), circle.check("GET", "/api/v1.1/project/gh/acme/churn/12", 200, JSON, bytes("{}")),
                "API v1.1 is not in the v2 description");
    }

    @Test
    void theReplayServerFailsOnCloseWhenAnAnswerBrokeTheDescription() throws Exception {
        CiHistory history = CiHistory.generate(3, 3, 1);
        GitHubReplay api = new GitHubReplay(history, "acme/churn", null);
        ReplayServer server = ReplayServer.start(api);
        api.base(server.url());
        HttpClient client = HttpClient.newHttpClient();
        server.fail(ReplayServer.pathContains("/runs"), 1, ReplayServer.Reply.json(200, "{\"workflow_runs\": 3}"));
        client.send(HttpRequest.newBuilder(URI.create(server.url() + "/repos/acme/churn/actions/runs")).build(),
                HttpResponse.BodyHandlers.discarding());
        IllegalStateException failed = assertThrows(IllegalStateException.class, server::close);
        assertTrue(failed.getMessage().contains("/repos/acme/churn/actions/runs"), failed.getMessage());
        assertFalse(server.violations().isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
