package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The cached MLflow runs that ran at a commit of an indexed repository: what the DVC join needs to
 * link a run to the data versions that commit recorded (ADR 9). Read from the MLflow tables
 * (migration 003) and the repository's index, every MLflow source at once.
 */
final class CommittedRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedRuns() {
    }

    /** The active runs whose recorded commit the repository {@code repoSourceId} has indexed, by start time. */
    static List<CommittedRun> of(Connection c, long repoSourceId) throws SQLException {
        Map<Long, CommittedRun.Builder> runs = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT r.run_pk, s.name, r.run_id, lower(r.source_commit), r.start_time,
                       (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'mlflow.source.name'),
                       (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'mlflow.source.git.repoURL')
                FROM runs r JOIN sources s ON s.id = r.source_id
                WHERE r.lifecycle_stage = 'active' AND r.source_commit IS NOT NULL
                  AND EXISTS (SELECT 1 FROM commits c WHERE c.repo_id = ? AND c.hash = lower(r.source_commit))
                ORDER BY r.start_time, r.run_pk""")) {
            st.setLong(1, repoSourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Instant start = rs.getObject(5) == null ? Instant.EPOCH : Instant.ofEpochMilli(rs.getLong(5));
                    runs.put(rs.getLong(1), new CommittedRun.Builder(LineageIds.mlflowRun(rs.getString(2), rs.getString(3)),
                            rs.getString(4), start, rs.getString(6), rs.getString(7)));
                }
            }
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        for (List<String> chunk : Chunks.of(runs.keySet().stream().map(String::valueOf).toList())) {
            try (PreparedStatement st = c.prepareStatement("SELECT run_pk, source FROM run_dataset_inputs WHERE run_pk IN ("
                    + Chunks.placeholders(chunk.size()) + ")")) {
                Chunks.bind(st, 1, chunk);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String location = location(rs.getString(2));
                        if (location != null) {
                            runs.get(rs.getLong(1)).datasets.add(location);
                        }
                    }
                }
            }
        }
        List<CommittedRun> out = new ArrayList<>(runs.size());
        runs.values().forEach(b -> out.add(b.build()));
        return out;
    }

    /** Whether any active run of the MLflow source {@code mlflowSourceId} ran at a commit the repository has indexed. */
    static boolean any(Connection c, long mlflowSourceId, long repoSourceId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT 1 FROM runs r WHERE r.source_id = ? AND r.source_commit IS NOT NULL
                  AND EXISTS (SELECT 1 FROM commits c WHERE c.repo_id = ? AND c.hash = lower(r.source_commit)) LIMIT 1""")) {
            st.setLong(1, mlflowSourceId);
            st.setLong(2, repoSourceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The file or URL an MLflow dataset source names ({@code uri}, {@code url} or {@code path}), or null. */
    private static String location(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(source);
            for (String field : new String[] {"uri", "url", "path"}) {
                if (node.path(field).isTextual() && !node.get(field).asText().isBlank()) {
                    return node.get(field).asText();
                }
            }
        } catch (IOException notJson) {
            // A source that is not JSON names no location.
        }
        return null;
    }
}
