package dev.braid.pipelines.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.PythonEnv;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Airflow replay answers as the published descriptions say: Airflow 3.3.2's {@code /api/v2}
 * (read from the Airflow installed for the real-server tests) and Airflow 2.10.5's {@code /api/v1}.
 * Every kind of answer Braid reads is checked, including a mapped task's tries and a log.
 */
class AirflowReplayConformanceTest {
    private static final String PASSWORD = "s3cret-pw";
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Path v2Description() throws Exception {
        Path venv = PythonEnv.named("airflow").ensure().dir();
        try (Stream<Path> files = Files.find(venv.resolve("lib"), 9, (p, a) -> p.endsWith(
                "airflow/api_fastapi/core_api/openapi/v2-rest-api-generated.yaml"))) {
            return files.findFirst().orElseThrow(() -> new IllegalStateException("no v2-rest-api-generated.yaml in " + venv));
        }
    }

    static Path v1Description() {
        return PythonEnv.ROOT.resolve("src/test/resources/dev/braid/pipelines/apis/airflow-2.10.5-v1.yaml");
    }

    @Test
    void airflow3AnswersMatchTheApiV2Description() throws Exception {
        OpenApiCheck spec = OpenApiCheck.read(v2Description());
        AirflowHistory history = AirflowHistory.generate(12, 8, 7);
        try (ReplayServer server = ReplayServer.start(new AirflowReplay(history, true, PASSWORD))) {
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/auth/token"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + AirflowReplay.USER + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, login.statusCode());
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("access_token").asText();
            String auth = "Bearer " + token;
            List<String> problems = checkAll(spec, server, "/api/v2", auth, history, true);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    @Test
    void airflow2AnswersMatchTheApiV1Description() throws Exception {
        OpenApiCheck spec = OpenApiCheck.read(v1Description());
        AirflowHistory history = AirflowHistory.generate(12, 8, 7);
        try (ReplayServer server = ReplayServer.start(new AirflowReplay(history, false, PASSWORD))) {
            String auth = "Basic " + Base64.getEncoder().encodeToString((AirflowReplay.USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            List<String> problems = checkAll(spec, server, "/api/v1", auth, history, false);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    private List<String> checkAll(OpenApiCheck spec, ReplayServer server, String prefix, String auth, AirflowHistory history,
                                  boolean v2) throws Exception {
        AirflowHistory.Run run = history.runs().stream().filter(r -> r.instances.stream().anyMatch(i -> i.tries.size() > 1))
                .findFirst().orElseThrow();
        AirflowHistory.Instance retried = run.instances.stream().filter(i -> i.tries.size() > 1).findFirst().orElseThrow();
        AirflowHistory.Instance mapped = run.instances.stream().filter(i -> i.mapIndex == 1).findFirst().orElseThrow();
        String runPath = "/dags/" + run.dagId + "/dagRuns/" + enc(run.runId);
        String template = "/dags/{dag_id}/dagRuns/{dag_run_id}";
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[] {"/version", "/version"});
        calls.add(new String[] {"/dags?limit=100&offset=0", "/dags"});
        calls.add(new String[] {"/dags/" + run.dagId + "/tasks", "/dags/{dag_id}/tasks"});
        calls.add(new String[] {"/dags/~/dagRuns?limit=5&order_by=id&offset=0", "/dags/{dag_id}/dagRuns"});
        calls.add(new String[] {"/dags/~/dagRuns?limit=5&order_by=id&updated_at_gte=2026-01-01T00:05:00Z&offset=0",
                "/dags/{dag_id}/dagRuns"});
        if (v2) {
            calls.add(new String[] {"/dags/~/dagRuns?limit=5&order_by=id&cursor=", "/dags/{dag_id}/dagRuns"});
        }
        calls.add(new String[] {runPath, template});
        calls.add(new String[] {runPath + "/taskInstances?limit=100&offset=0", template + "/taskInstances"});
        calls.add(new String[] {runPath + "/taskInstances/" + retried.taskId + "/tries?limit=100",
                template + "/taskInstances/{task_id}/tries"});
        calls.add(new String[] {runPath + "/taskInstances/" + mapped.taskId + "/1/tries?limit=100",
                template + "/taskInstances/{task_id}/{map_index}/tries"});
        if (v2) {
            calls.add(new String[] {runPath + "/taskInstances/" + retried.taskId + "/logs/1?full_content=true",
                    template + "/taskInstances/{task_id}/logs/{try_number}"});
        }
        List<String> problems = new ArrayList<>();
        for (String[] call : calls) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + prefix + call[0]))
                    .header("Authorization", auth).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                problems.add(call[0] + " answered " + r.statusCode() + ": " + r.body());
                continue;
            }
            spec.check("GET", prefix.equals("/api/v2") ? prefix + call[1] : call[1], 200, r.body())
                    .forEach(p -> problems.add(call[0] + ": " + p));
        }
        return problems;
    }

    private static String enc(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
