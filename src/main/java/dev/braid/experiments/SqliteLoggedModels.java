package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the logged models (MLflow 3) of an MLflow SQL store the way its {@code search_logged_models}
 * does: models not deleted, with params, tags and every linked metric row.
 */
final class SqliteLoggedModels {
    private SqliteLoggedModels() {
    }

    static List<LoggedModel> models(Connection c, long sourceId, List<String> experimentIds) throws SQLException {
        Set<String> wanted = new HashSet<>(experimentIds);
        Map<String, Map<String, String>> params = pairs(c, "SELECT model_id, param_key, param_value FROM logged_model_params");
        Map<String, Map<String, String>> tags = pairs(c, "SELECT model_id, tag_key, tag_value FROM logged_model_tags");
        Map<String, List<LoggedModelMetric>> metrics = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT model_id, metric_name, metric_value, metric_timestamp_ms, metric_step, run_id, dataset_name,
                       dataset_digest FROM logged_model_metrics""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                double value = rs.getDouble(3);
                Double v = rs.wasNull() || Double.isNaN(value) ? null : value;
                metrics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new LoggedModelMetric(
                        rs.getString(2), v, rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        List<LoggedModel> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT model_id, CAST(experiment_id AS TEXT), name, source_run_id, status, status_message, model_type,
                       artifact_location, creation_timestamp_ms, last_updated_timestamp_ms
                FROM logged_models WHERE lifecycle_stage IS NULL OR lifecycle_stage <> 'deleted'
                ORDER BY creation_timestamp_ms DESC, model_id""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                if (!wanted.contains(rs.getString(2))) {
                    continue;
                }
                out.add(new LoggedModel(sourceId, id, rs.getString(2), rs.getString(3), rs.getString(4),
                        MlflowJson.loggedModelStatus(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        SqliteRuns.longOrNull(rs, 9), SqliteRuns.longOrNull(rs, 10), params.getOrDefault(id, Map.of()),
                        tags.getOrDefault(id, Map.of()), metrics.getOrDefault(id, List.of())));
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> pairs(Connection c, String sql) throws SQLException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        return out;
    }
}
