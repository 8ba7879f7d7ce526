package dev.braid.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.LineageIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads which CI jobs the lineage graph places above an MLflow run ({@link PipelineLineage}). */
final class CiJobRefs {
    private static final ObjectMapper JSON = new ObjectMapper();

    List<CiJobRef> of(Connection c, long mlflowSourceId, String mlflowRunId) throws SQLException {
        String sourceName;
        try (PreparedStatement st = c.prepareStatement("SELECT name FROM sources WHERE id = ?")) {
            st.setLong(1, mlflowSourceId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                sourceName = rs.getString(1);
            }
        }
        List<CiJobRef> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT n.properties, e.properties FROM lineage_edges e"
                + " JOIN lineage_nodes n ON n.id = e.from_id WHERE e.to_id = ? AND e.kind = ? AND n.kind = ?"
                + " ORDER BY e.asserted_at, e.from_id")) {
            st.setString(1, LineageIds.mlflowRun(sourceName, mlflowRunId).value());
            st.setString(2, EdgeKind.PARENT.id());
            st.setString(3, PipelineLineage.CI_JOB.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    JsonNode job = read(rs.getString(1));
                    boolean inferred = read(rs.getString(2)).path("inferred").asText("").equals("true");
                    ref(c, job.path("source").asText(null), job.path("runId").asText(null), job.path("jobId").asText(null),
                            inferred).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static java.util.Optional<CiJobRef> ref(Connection c, String source, String runId, String jobId, boolean inferred)
            throws SQLException {
        if (source == null || runId == null || jobId == null) {
            return java.util.Optional.empty();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT r.number, r.status, j.name, j.status FROM pipeline_runs r"
                + " JOIN sources s ON s.id = r.source_id JOIN pipeline_jobs j ON j.run_pk = r.run_pk"
                + " WHERE s.name = ? AND r.run_id = ? AND j.job_id = ?")) {
            st.setString(1, source);
            st.setString(2, runId);
            st.setString(3, jobId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                Long number = PipelineReader.longOrNull(rs, 1);
                return java.util.Optional.of(new CiJobRef(source, runId, number == null ? runId : "#" + number,
                        PipelineStatus.valueOf(rs.getString(2)), jobId, rs.getString(3), PipelineStatus.valueOf(rs.getString(4)),
                        inferred));
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
