package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.lineage.DatasetIdentity.DatasetName;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the lineage an MLflow source holds from its cached tables (migration 003): run → commit
 * (from {@code mlflow.source.git.commit} and {@code repoURL}, placed in the indexed repository
 * whose remote or folder matches, or that holds the commit), dataset version → run (the digest
 * is the version; the contexts, such as training or eval, are an edge property), parent run →
 * child run, run → MLflow 3 logged model → model version (a version registered from
 * {@code models:/m-…}), run → artifact → model version (a version registered from a path the
 * run logged, {@code runs:/<run>/<path>} or a URI ending {@code /<run>/artifacts/<path>}; any
 * other version hangs straight off its run), registered model → model version → alias. All edges are asserted by {@code mlflow:<source name>}.
 */
final class MlflowEdges {
    private static final String REPO_URL_TAG = "mlflow.source.git.repoURL";
    private final ObjectMapper json = new ObjectMapper();

    static String assertedBy(String sourceName) {
        return "mlflow:" + sourceName;
    }

    GraphChanges derive(Connection c, long sourceId, String sourceName, Instant now) throws SQLException {
        GraphChanges.Builder out = GraphChanges.builder();
        String by = assertedBy(sourceName);
        Repositories repos = Repositories.read(c);
        Map<Long, NodeId> runs = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT r.run_pk, r.run_id, r.run_name, r.status, r.start_time, r.end_time, r.parent_run_id, r.source_commit,
                       e.name, (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = ?)
                FROM runs r LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id
                WHERE r.source_id = ? AND r.lifecycle_stage = 'active'""")) {
            st.setString(1, REPO_URL_TAG);
            st.setLong(2, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String runId = rs.getString(2);
                    NodeId run = LineageIds.mlflowRun(sourceName, runId);
                    Instant at = rs.getObject(5) == null ? now : Instant.ofEpochMilli(rs.getLong(5));
                    runs.put(rs.getLong(1), run);
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("runId", runId);
                    props.put("source", sourceName);
                    if (rs.getString(9) != null) {
                        props.put("experiment", rs.getString(9));
                    }
                    out.node(run, rs.getString(3) == null ? runId : rs.getString(3), rs.getString(4), at, props);
                    if (rs.getString(7) != null) {
                        NodeId parent = LineageIds.mlflowRun(sourceName, rs.getString(7));
                        out.node(parent, "");
                        out.edge(parent, run, EdgeKind.PARENT, by, at);
                    }
                    String sha = rs.getString(8);
                    if (sha != null && sha.matches("[0-9a-fA-F]{4,64}")) {
                        repos.commitEdges(sha, rs.getString(10), run, by, at, out);
                    }
                }
            }
        }
        datasets(c, sourceId, runs, sourceName, by, now, out);
        Set<String> logged = loggedModels(c, sourceId, sourceName, by, now, out);
        registry(c, sourceId, sourceName, logged, by, now, out);
        return out.build();
    }

    /** One run reading one dataset version, with every context it read it in. */
    private record Read(NodeId version, NodeId run, Instant at, TreeSet<String> contexts) {
    }

    private void datasets(Connection c, long sourceId, Map<Long, NodeId> runs, String sourceName, String by, Instant now,
                          GraphChanges.Builder out) throws SQLException {
        Map<String, Read> reads = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT d.run_pk, d.name, d.digest, d.source_type, d.source, d.context, r.start_time
                FROM run_dataset_inputs d JOIN runs r ON r.run_pk = d.run_pk WHERE r.source_id = ?""")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    NodeId run = runs.get(rs.getLong(1));
                    if (run == null) {
                        continue;
                    }
                    String datasetName = rs.getString(2);
                    String digest = rs.getString(3);
                    DatasetName name = datasetName(sourceName, datasetName, rs.getString(5));
                    NodeId dataset = name.nodeId();
                    NodeId version = name.versionId(digest);
                    Instant at = rs.getObject(7) == null ? now : Instant.ofEpochMilli(rs.getLong(7));
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("namespace", name.namespace());
                    props.put("uri", name.uri());
                    if (rs.getString(4) != null) {
                        props.put("sourceType", rs.getString(4));
                    }
                    out.node(dataset, datasetName.isBlank() ? name.name() : datasetName, props);
                    out.node(version, datasetName + "@" + digest, Map.of("version", digest, "dataset", dataset.value()));
                    out.edge(dataset, version, EdgeKind.VERSION, by, at);
                    Read read = reads.computeIfAbsent(version.value() + "\n" + run.value(),
                            k -> new Read(version, run, at, new TreeSet<>()));
                    if (rs.getString(6) != null && !rs.getString(6).isBlank()) {
                        read.contexts().add(rs.getString(6));
                    }
                }
            }
        }
        for (Read read : reads.values()) {
            Map<String, String> props = read.contexts().isEmpty() ? Map.of() : Map.of("context", String.join(",", read.contexts()));
            out.edge(read.version(), read.run(), EdgeKind.INPUT, by, read.at(), props);
        }
    }

    /** The dataset an MLflow dataset source names: its uri, url or path, else a name within the MLflow source. */
    DatasetName datasetName(String sourceName, String name, String source) {
        if (source != null && !source.isBlank()) {
            try {
                JsonNode node = json.readTree(source);
                for (String field : new String[] {"uri", "url", "path"}) {
                    if (node.path(field).isTextual() && !node.get(field).asText().isBlank()) {
                        return DatasetIdentity.fromUri(node.get(field).asText());
                    }
                }
            } catch (IOException | IllegalArgumentException notALocation) {
                // Falls through: named within the MLflow source.
            }
        }
        return new DatasetName("mlflow:" + sourceName, name == null || name.isBlank() ? "dataset" : name);
    }

    /** MLflow 3 logged models and the runs that logged them; returns the ids of the models cached. */
    private static Set<String> loggedModels(Connection c, long sourceId, String sourceName, String by, Instant now,
                                            GraphChanges.Builder out) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT model_id, name, source_run_id, status, model_type, creation_timestamp FROM logged_models
                WHERE source_id = ?""")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String modelId = rs.getString(1);
                    ids.add(modelId);
                    NodeId model = LineageIds.loggedModel(sourceName, modelId);
                    Instant at = rs.getObject(6) == null ? now : Instant.ofEpochMilli(rs.getLong(6));
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("modelId", modelId);
                    props.put("source", sourceName);
                    if (rs.getString(5) != null && !rs.getString(5).isBlank()) {
                        props.put("modelType", rs.getString(5));
                    }
                    out.node(model, rs.getString(2), rs.getString(4), at, props);
                    if (rs.getString(3) != null && !rs.getString(3).isBlank()) {
                        NodeId run = LineageIds.mlflowRun(sourceName, rs.getString(3));
                        out.node(run, "");
                        out.edge(run, model, EdgeKind.LOGGED, by, at);
                    }
                }
            }
        }
        return ids;
    }

    /** The logged model a version was registered from ({@code models:/m-…}), or null for a run's artifact path. */
    static String loggedModelId(String versionSource) {
        if (versionSource == null || !versionSource.startsWith("models:/m-")) {
            return null;
        }
        String id = versionSource.substring("models:/".length());
        // models:/<name>/<version> and models:/<name>@<alias> name registered models, not logged ones.
        return id.indexOf('/') < 0 && id.indexOf('@') < 0 ? id : null;
    }

    /**
     * The path under {@code runId}'s artifact root that a version was registered from:
     * {@code runs:/<run>/<path>}, or a stored artifact URI ({@code mlflow-artifacts:}, {@code s3:},
     * {@code file:} …) ending {@code /<run>/artifacts/<path>}; null for anything else.
     */
    static String runArtifactPath(String versionSource, String runId) {
        if (versionSource == null || runId == null || runId.isBlank()) {
            return null;
        }
        String path = null;
        String runsPrefix = "runs:/" + runId + "/";
        String marker = "/" + runId + "/artifacts/";
        if (versionSource.startsWith(runsPrefix)) {
            path = versionSource.substring(runsPrefix.length());
        } else if (versionSource.contains(marker)) {
            path = versionSource.substring(versionSource.lastIndexOf(marker) + marker.length());
        }
        if (path == null) {
            return null;
        }
        path = path.replaceAll("/+$", "");
        return path.isEmpty() ? null : path;
    }

    private static void registry(Connection c, long sourceId, String sourceName, Set<String> logged, String by,
                                 Instant now, GraphChanges.Builder out) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT v.name, v.version, v.run_id, v.status, v.creation_timestamp, v.source
                FROM model_versions v JOIN registered_models m ON m.source_id = v.source_id AND m.name = v.name
                WHERE v.source_id = ?""")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String model = rs.getString(1);
                    NodeId modelId = LineageIds.model(sourceName, model);
                    NodeId version = LineageIds.modelVersion(sourceName, model, rs.getString(2));
                    Instant at = rs.getObject(5) == null ? now : Instant.ofEpochMilli(rs.getLong(5));
                    out.node(modelId, model, Map.of("source", sourceName));
                    out.node(version, model + " v" + rs.getString(2), rs.getString(4), at, Map.of("model", model, "version", rs.getString(2)));
                    out.edge(modelId, version, EdgeKind.CONTAINS, by, at);
                    String loggedId = loggedModelId(rs.getString(6));
                    String runId = rs.getString(3);
                    NodeId run = runId == null || runId.isBlank() ? null : LineageIds.mlflowRun(sourceName, runId);
                    if (loggedId != null) {
                        NodeId loggedModel = LineageIds.loggedModel(sourceName, loggedId);
                        out.edge(loggedModel, version, EdgeKind.REGISTERED, by, at);
                        if (!logged.contains(loggedId)) {
                            // Not cached (deleted, or not listed by the server): known only through the version.
                            out.node(loggedModel, loggedId, Map.of("modelId", loggedId, "source", sourceName));
                            if (run != null) {
                                out.node(run, "");
                                out.edge(run, loggedModel, EdgeKind.LOGGED, by, at);
                            }
                        }
                    } else if (run != null) {
                        out.node(run, "");
                        String path = runArtifactPath(rs.getString(6), runId);
                        if (path == null) {
                            out.edge(run, version, EdgeKind.REGISTERED, by, at);
                        } else {
                            NodeId artifact = LineageIds.artifact(sourceName, runId, path);
                            out.node(artifact, path, Map.of("run", runId, "path", path, "source", sourceName));
                            out.edge(run, artifact, EdgeKind.LOGGED, by, at);
                            out.edge(artifact, version, EdgeKind.REGISTERED, by, at);
                        }
                    }
                }
            }
        }
        // MLflow keeps no time for an alias. The registry's own stamps bound it: not before the version
        // existed, and a file store stamps the model when an alias is set. When a later sync sees the
        // alias moved and no stamp says when, the move is dated when Braid saw it (EdgeHistory).
        try (PreparedStatement st = c.prepareStatement("""
                SELECT a.name, a.alias, a.version, max(coalesce(m.last_updated_timestamp, 0), coalesce(v.creation_timestamp, 0))
                FROM model_aliases a JOIN registered_models m ON m.source_id = a.source_id AND m.name = a.name
                LEFT JOIN model_versions v ON v.source_id = a.source_id AND v.name = a.name AND v.version = a.version
                WHERE a.source_id = ?""")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    NodeId alias = LineageIds.alias(sourceName, rs.getString(1), rs.getString(2));
                    Instant at = rs.getLong(4) == 0 ? now : Instant.ofEpochMilli(Math.min(rs.getLong(4), now.toEpochMilli()));
                    out.node(alias, rs.getString(1) + "@" + rs.getString(2), Map.of("version", rs.getString(3)));
                    out.edge(LineageIds.modelVersion(sourceName, rs.getString(1), rs.getString(3)), alias, EdgeKind.ALIAS, by, at);
                }
            }
        }
    }
}
