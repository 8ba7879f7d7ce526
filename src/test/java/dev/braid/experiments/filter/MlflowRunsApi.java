package dev.braid.experiments.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few tracking-server calls the cross-check needs, over MLflow's REST API (the same endpoints
 * {@code MlflowClient} uses): create runs with chosen times, log params, metrics, tags and dataset
 * inputs, and {@code runs/search}.
 */
final class MlflowRunsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    MlflowRunsApi(String serverUri) {
        this.base = serverUri + "/api/2.0/mlflow/";
    }

    /** A failed call: {@code status} and MLflow's error message. */
    static final class ApiError extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiError(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }
    }

    String createExperiment(String name) throws IOException, InterruptedException {
        return post("experiments/create", JSON.createObjectNode().put("name", name)).get("experiment_id").asText();
    }

    String createRun(String experimentId, String name, String user, long startTime) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("experiment_id", experimentId).put("run_name", name)
                .put("user_id", user).put("start_time", startTime);
        return post("runs/create", body).path("run").path("info").path("run_id").asText();
    }

    void finish(String runId, String status, long endTime) throws IOException, InterruptedException {
        post("runs/update", JSON.createObjectNode().put("run_id", runId).put("status", status).put("end_time", endTime));
    }

    /** {@code metrics} values may be NaN (sent as the string "NaN", as protobuf JSON allows). */
    void logBatch(String runId, Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ArrayNode p = body.putArray("params");
        params.forEach((k, v) -> p.addObject().put("key", k).put("value", v));
        ArrayNode m = body.putArray("metrics");
        metrics.forEach((k, v) -> {
            ObjectNode metric = m.addObject().put("key", k).put("timestamp", 0).put("step", 0);
            if (v.isNaN()) {
                metric.put("value", "NaN");
            } else {
                metric.put("value", v);
            }
        });
        ArrayNode t = body.putArray("tags");
        tags.forEach((k, v) -> t.addObject().put("key", k).put("value", v));
        post("runs/log-batch", body);
    }

    void logDataset(String runId, String name, String digest, String context) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ObjectNode input = body.putArray("datasets").addObject();
        input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", context);
        input.putObject("dataset").put("name", name).put("digest", digest)
                .put("source_type", "local").put("source", "{\"uri\": \"/tmp/" + name + "\"}");
        post("runs/log-inputs", body);
    }

    /** Every run {@code runs/search} returns, in its order (all pages). */
    List<JsonNode> search(String experimentId, String filter, List<String> orderBy) throws IOException, InterruptedException {
        List<JsonNode> runs = new ArrayList<>();
        String token = null;
        do {
            ObjectNode body = JSON.createObjectNode().put("filter", filter).put("max_results", 1000);
            body.putArray("experiment_ids").add(experimentId);
            ArrayNode order = body.putArray("order_by");
            orderBy.forEach(order::add);
            if (token != null) {
                body.put("page_token", token);
            }
            JsonNode answer = post("runs/search", body);
            answer.path("runs").forEach(runs::add);
            token = answer.path("next_page_token").asText(null);
        } while (token != null && !token.isEmpty());
        return runs;
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ApiError(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
