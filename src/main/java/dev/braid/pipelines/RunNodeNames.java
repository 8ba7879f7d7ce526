package dev.braid.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.lineage.AirflowRunFacets;
import dev.braid.lineage.NodeId;
import dev.braid.sync.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The lineage node of each run and job of a pipeline source (ADR 8). A run is
 * {@code pipeline-run:<source>:<run id>} and a job {@code ci-job:<source>:<run id>/<job id>}, except
 * that an Airflow DAG run or task try that Airflow's OpenLineage provider has reported is the
 * OpenLineage run ({@code job-run:<uuid>}) found by the DAG id, DAG run id, task id, map index and
 * try the provider's facets name ({@link AirflowRunFacets}): one node for one thing, whichever
 * told Braid of it first. The ids a source used before for what is now an OpenLineage run are
 * {@link #renamed()}.
 */
final class RunNodeNames {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String source;
    /** OpenLineage runs by {@code dag/run} (a DAG run) and {@code dag/run/task[map]#try} (a task try). */
    private final Map<String, NodeId> reported;
    private final Set<NodeId> renamed = new HashSet<>();

    private RunNodeNames(String source, Map<String, NodeId> reported) {
        this.source = source;
        this.reported = reported;
    }

    /** The names for {@code source}: its own, and for Airflow the OpenLineage runs of the same DAG runs and tries. */
    static RunNodeNames read(Connection c, Source source) throws SQLException {
        Map<String, NodeId> reported = new HashMap<>();
        if (source.kind().equals("airflow")) {
            try (PreparedStatement st = c.prepareStatement("SELECT id, properties FROM lineage_nodes WHERE kind = 'job-run'"
                    + " AND json_extract(properties, '$.airflowRunId') IS NOT NULL AND json_extract(properties, '$.airflowRunId')"
                    + " IN (SELECT substr(run_id, instr(run_id, '/') + 1) FROM pipeline_runs WHERE source_id = ?)")) {
                st.setLong(1, source.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String key = key(rs.getString(2));
                        if (key != null) {
                            reported.putIfAbsent(key, new NodeId(rs.getString(1)));
                        }
                    }
                }
            }
        }
        return new RunNodeNames(source.name(), reported);
    }

    private static String key(String properties) {
        try {
            JsonNode p = JSON.readTree(properties);
            String dag = p.path(AirflowRunFacets.DAG_ID).asText(null);
            String run = p.path(AirflowRunFacets.RUN_ID).asText(null);
            if (dag == null || run == null) {
                return null;
            }
            String task = p.path(AirflowRunFacets.TASK_ID).asText(null);
            if (task == null) {
                return dag + "/" + run;
            }
            String map = p.path(AirflowRunFacets.MAP_INDEX).asText(null);
            return dag + "/" + run + "/" + task + (map == null ? "" : "[" + map + "]") + "#" + p.path(AirflowRunFacets.TRY_NUMBER).asText("1");
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The node of run {@code runId}. */
    NodeId run(String runId) {
        NodeId own = PipelineLineage.run(source, runId);
        NodeId found = reported.get(runId);
        return chosen(own, found);
    }

    /** The node of the try {@code attempt} of job {@code name} ({@code jobId}) of run {@code runId}. */
    NodeId job(String runId, String jobId, String name, int attempt) {
        NodeId own = PipelineLineage.job(source, runId, jobId);
        NodeId found = reported.isEmpty() ? null : reported.get(runId + "/" + name + "#" + attempt);
        return chosen(own, found);
    }

    private NodeId chosen(NodeId own, NodeId found) {
        if (found == null) {
            return own;
        }
        renamed.add(own);
        return found;
    }

    /** The source's own ids that this derivation replaced by OpenLineage runs. */
    Set<NodeId> renamed() {
        return Set.copyOf(renamed);
    }
}
