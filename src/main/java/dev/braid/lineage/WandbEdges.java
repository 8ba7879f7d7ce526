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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the lineage a W&B source holds from its cached runs (migration 003) and their artifacts
 * (migration 110), ADR 23: run → the commit it recorded (placed in the indexed repository whose
 * remote matches, as for MLflow), and each artifact as a version of a dataset (or of a model, for
 * W&B's {@code model} type) named {@code wandb://<entity>/<project>} + the artifact's name. Offline,
 * W&B has not numbered the version yet, so the version is W&B's own manifest digest (the same
 * files give the same version, as on W&B's server); its aliases are a property. The run that
 * logged it → the version ({@code logged}), the version → a run that used it ({@code input}).
 * All edges are asserted by {@code wandb:<source name>}.
 */
final class WandbEdges {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String assertedBy(String sourceName) {
        return "wandb:" + sourceName;
    }

    GraphChanges derive(Connection c, long sourceId, String sourceName, Instant now) throws SQLException {
        GraphChanges.Builder out = GraphChanges.builder();
        String by = assertedBy(sourceName);
        Repositories repos = Repositories.read(c);
        Map<Long, NodeId> runs = new LinkedHashMap<>();
        Map<Long, Instant> times = new LinkedHashMap<>();
        Map<Long, String> projects = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT r.run_pk, r.run_id, r.run_name, r.status, r.start_time, r.source_commit, r.experiment_id,
                       (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'mlflow.source.git.repoURL'),
                       (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'wandb.entity')
                FROM runs r WHERE r.source_id = ? AND r.lifecycle_stage = 'active'""")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String runId = rs.getString(2);
                    NodeId run = LineageIds.mlflowRun(sourceName, runId);
                    Instant at = rs.getObject(5) == null ? now : Instant.ofEpochMilli(rs.getLong(5));
                    runs.put(rs.getLong(1), run);
                    times.put(rs.getLong(1), at);
                    String entity = rs.getString(9) == null ? "local" : rs.getString(9);
                    projects.put(rs.getLong(1), "wandb://" + entity + "/" + rs.getString(7));
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("runId", runId);
                    props.put("source", sourceName);
                    props.put("sourceKind", "wandb");
                    props.put("experiment", rs.getString(7));
                    out.node(run, rs.getString(3) == null ? runId : rs.getString(3), rs.getString(4), at, props);
                    String sha = rs.getString(6);
                    if (sha != null && sha.matches("[0-9a-fA-F]{4,64}")) {
                        repos.commitEdges(sha, rs.getString(8), run, by, at, out);
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT a.run_pk, a.role, a.name, a.type, a.digest, a.aliases, a.version, a.files FROM wandb_run_artifacts a
                JOIN runs r ON r.run_pk = a.run_pk WHERE r.source_id = ? ORDER BY a.run_pk, a.seq""")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long pk = rs.getLong(1);
                    NodeId run = runs.get(pk);
                    if (run == null) {
                        continue;
                    }
                    String name = rs.getString(3);
                    String type = rs.getString(4);
                    String digest = rs.getString(5);
                    DatasetName collection = new DatasetName(projects.get(pk), name);
                    boolean model = "model".equals(type);
                    NodeId dataset = model ? NodeId.of(NodeKind.MODEL, collection.namespace() + ":" + name) : collection.nodeId();
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("namespace", collection.namespace());
                    if (type != null) {
                        props.put("wandbType", type);
                    }
                    out.node(dataset, name, props);
                    boolean used = "used".equals(rs.getString(2));
                    if (digest == null || digest.isBlank()) {
                        // A use an offline log names without its digest: the run reads the artifact itself.
                        out.edge(dataset, run, EdgeKind.INPUT, by, times.get(pk));
                        continue;
                    }
                    NodeId version = model ? NodeId.of(NodeKind.MODEL_VERSION, collection.namespace() + ":" + name + "/" + digest)
                            : collection.versionId(digest);
                    Map<String, String> versionProps = new LinkedHashMap<>(props);
                    versionProps.put("digest", digest);
                    String number = rs.getString(7);
                    if (number != null) {
                        versionProps.put("version", number);
                    }
                    List<String> aliases = aliases(rs.getString(6));
                    if (!aliases.isEmpty()) {
                        versionProps.put("aliases", String.join(", ", aliases));
                    }
                    out.node(version, name + ":" + (number != null ? number : digest.substring(0, Math.min(8, digest.length()))),
                            versionProps);
                    out.edge(dataset, version, EdgeKind.VERSION, by, times.get(pk));
                    if (used) {
                        out.edge(version, run, EdgeKind.INPUT, by, times.get(pk));
                    } else {
                        out.edge(run, version, EdgeKind.LOGGED, by, times.get(pk));
                    }
                    for (DatasetName referenced : WandbReferences.datasets(rs.getString(8))) {
                        // ADR 8: the storage a reference entry points at is the dataset DVC, MLflow
                        // or OpenLineage name by the same path; the W&B version is made from it.
                        out.nodeWithFallbackName(referenced.nodeId(), referenced.name(), Map.of("namespace", referenced.namespace()));
                        out.edge(referenced.nodeId(), version, EdgeKind.REFERENCES, by, times.get(pk));
                    }
                }
            }
        }
        return out.build();
    }

    private static List<String> aliases(String json) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(json == null ? "[]" : json)) {
                out.add(n.asText());
            }
        } catch (IOException e) {
            // A hand-edited cache row: show the version without aliases.
        }
        return out;
    }
}
