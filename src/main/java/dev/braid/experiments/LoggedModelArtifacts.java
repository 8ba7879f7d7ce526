package dev.braid.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MLflow 3 logged model's artifacts through its tracking server: listed with
 * {@code logged-models/<id>/artifacts/directories} and fetched with the UI's
 * {@code ajax-api/2.0/mlflow/logged-models/<id>/artifacts/files} (the server resolves the
 * model's artifact location, proxied or not). Checked against MLflow 3.17's server.
 */
final class LoggedModelArtifacts implements ArtifactReader {
    private final MlflowHttp http;
    private final String modelId;

    LoggedModelArtifacts(MlflowHttp http, String modelId) {
        this.http = http;
        this.modelId = modelId;
    }

    @Override
    public List<ArtifactEntry> list(String path) throws ExperimentException {
        Map<String, Object> query = new LinkedHashMap<>();
        if (!path.isEmpty()) {
            query.put("artifact_directory_path", path);
        }
        JsonNode page = http.get("logged-models/" + modelId + "/artifacts/directories", query);
        List<ArtifactEntry> out = new ArrayList<>();
        for (JsonNode file : page.path("files")) {
            JsonNode size = file.get("file_size");
            String name = file.path("path").asText("");
            // Like artifacts/list, paths come relative to the model's root, with the folder asked for.
            out.add(new ArtifactEntry(name, file.path("is_dir").asBoolean(false),
                    size == null || size.isNull() ? null : size.asLong()));
        }
        return out;
    }

    @Override
    public InputStream open(String path) throws ExperimentException {
        return http.download("ajax-api/2.0/mlflow/logged-models/" + modelId + "/artifacts/files",
                Map.of("artifact_file_path", path), "no artifact " + path + " in logged model " + modelId);
    }
}
