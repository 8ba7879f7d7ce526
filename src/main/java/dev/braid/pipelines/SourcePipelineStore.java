package dev.braid.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Keeps the pipelines (DAGs) an orchestrator source listed (migration 090), beside its runs. */
final class SourcePipelineStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Replaces the source's pipelines with {@code listed}: pipelines no longer listed are dropped;
     * one listed without tasks keeps the tasks cached before.
     */
    void save(Connection c, long sourceId, List<SourcePipeline> listed) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO source_pipelines(source_id, pipeline, display_name, paused,"
                + " schedule, description, tags, owners, tasks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id, pipeline)"
                + " DO UPDATE SET display_name = excluded.display_name, paused = excluded.paused, schedule = excluded.schedule,"
                + " description = excluded.description, tags = excluded.tags, owners = excluded.owners,"
                + " tasks = COALESCE(excluded.tasks, source_pipelines.tasks)")) {
            for (SourcePipeline p : listed) {
                names.add(p.pipeline());
                st.setLong(1, sourceId);
                st.setString(2, p.pipeline());
                st.setString(3, p.displayName());
                st.setInt(4, p.paused() ? 1 : 0);
                st.setString(5, p.schedule());
                st.setString(6, p.description());
                st.setString(7, p.tags().isEmpty() ? null : PipelineJson.write(p.tags()));
                st.setString(8, p.owners().isEmpty() ? null : PipelineJson.write(p.owners()));
                st.setString(9, p.tasks() == null ? null : writeTasks(p.tasks()));
                st.addBatch();
            }
            st.executeBatch();
        }
        List<String> gone = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT pipeline FROM source_pipelines WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!names.contains(rs.getString(1))) {
                        gone.add(rs.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM source_pipelines WHERE source_id = ? AND pipeline = ?")) {
            for (String name : gone) {
                st.setLong(1, sourceId);
                st.setString(2, name);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** The pipelines of the source named {@code source}, by name. */
    List<SourcePipeline> list(Connection c, String source) throws SQLException {
        List<SourcePipeline> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT p.pipeline, p.display_name, p.paused, p.schedule, p.description,"
                + " p.tags, p.owners, p.tasks FROM source_pipelines p JOIN sources s ON s.id = p.source_id WHERE s.name = ?"
                + " ORDER BY p.pipeline")) {
            st.setString(1, source);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new SourcePipeline(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getString(4),
                            rs.getString(5), PipelineJson.readList(rs.getString(6)), PipelineJson.readList(rs.getString(7)),
                            readTasks(rs.getString(8))));
                }
            }
        }
        return out;
    }

    private static String writeTasks(List<SourcePipeline.Task> tasks) {
        ArrayNode array = JSON.createArrayNode();
        for (SourcePipeline.Task t : tasks) {
            ObjectNode o = array.addObject();
            o.put("name", t.name());
            t.needs().forEach(o.putArray("needs")::add);
            o.put("mapped", t.mapped());
            o.put("operator", t.operator());
            o.put("retries", t.retries());
        }
        return array.toString();
    }

    private static List<SourcePipeline.Task> readTasks(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            List<SourcePipeline.Task> out = new ArrayList<>();
            for (JsonNode o : JSON.readTree(text)) {
                List<String> needs = new ArrayList<>();
                o.path("needs").forEach(n -> needs.add(n.asText()));
                out.add(new SourcePipeline.Task(o.path("name").asText(""), needs, o.path("mapped").asBoolean(false),
                        o.path("operator").isNull() ? null : o.path("operator").asText(null), o.path("retries").asInt(0)));
            }
            return out;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
