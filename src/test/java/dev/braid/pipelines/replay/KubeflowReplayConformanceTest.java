package dev.braid.pipelines.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.PythonEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kubeflow replay answers as KFP's published v2beta1 description says (run and pipeline services). */
class KubeflowReplayConformanceTest {
    private static final Path APIS = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/pipelines/apis");
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void runsRunAndPipelineVersionMatchTheDescription() throws Exception {
        OpenApiCheck runs = OpenApiCheck.read(APIS.resolve("kfp-v2beta1-run.swagger.json"));
        OpenApiCheck pipelines = OpenApiCheck.read(APIS.resolve("kfp-v2beta1-pipeline.swagger.json"));
        KubeflowReplay api = new KubeflowReplay(8, 3, "kfp-token");
        List<String> problems = new ArrayList<>();
        try (ReplayServer server = ReplayServer.start(api)) {
            String retried = api.runs().get(1).get("run_id").asText();
            check(server, runs, "/apis/v2beta1/runs?page_size=3&sort_by=created_at%20desc", "/apis/v2beta1/runs", problems);
            check(server, runs, "/apis/v2beta1/runs?page_size=3&page_token=Mw", "/apis/v2beta1/runs", problems);
            check(server, runs, "/apis/v2beta1/runs/" + retried, "/apis/v2beta1/runs/{run_id}", problems);
            check(server, runs, "/apis/v2beta1/runs/" + api.runs().get(7).get("run_id").asText(), "/apis/v2beta1/runs/{run_id}",
                    problems);
            check(server, pipelines, "/apis/v2beta1/pipelines/" + KubeflowReplay.PIPELINE_ID + "/versions/"
                    + KubeflowReplay.VERSION_ID, "/apis/v2beta1/pipelines/{pipeline_id}/versions/{pipeline_version_id}", problems);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private void check(ReplayServer server, OpenApiCheck spec, String path, String template, List<String> problems)
            throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer kfp-token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        spec.check("GET", template, 200, r.body()).forEach(p -> problems.add(path + ": " + p));
    }
}
