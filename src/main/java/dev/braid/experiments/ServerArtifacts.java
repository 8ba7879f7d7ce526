package dev.braid.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's artifacts through its tracking server: {@code GET artifacts/list} for folders (paged
 * with {@code next_page_token} when the server pages) and {@code GET /get-artifact} for file
 * bytes. The server resolves the run's artifact location itself, so this works whether it
 * proxies artifacts ({@code mlflow-artifacts:}) or reads a store it can reach.
 */
final class ServerArtifacts implements ArtifactReader {
    private final MlflowHttp http;
    private final String runId;

    ServerArtifacts(MlflowHttp http, String runId) {
        this.http = http;
        this.runId = runId;
    }

    @Override
    public List<ArtifactEntry> list(String path) throws ExperimentException {
        List<ArtifactEntry> out = new ArrayList<>();
        String token = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("run_id", runId);
            if (!path.isEmpty()) {
                query.put("path", path);
            }
            if (token != null) {
                query.put("page_token", token);
            }
            JsonNode page = http.get("artifacts/list", query);
            for (JsonNode file : page.path("files")) {
                JsonNode size = file.get("file_size");
                out.add(new ArtifactEntry(file.path("path").asText(""), file.path("is_dir").asBoolean(false),
                        size == null || size.isNull() ? null : size.asLong()));
            }
            String next = page.path("next_page_token").asText("");
            token = next.isEmpty() || next.equals(token) ? null : next;
        } while (token != null);
        return out;
    }

    @Override
    public InputStream open(String path) throws ExperimentException {
        return http.download("get-artifact", Map.of("path", path, "run_id", runId),
                "no artifact " + path + " in run " + runId);
    }
}
