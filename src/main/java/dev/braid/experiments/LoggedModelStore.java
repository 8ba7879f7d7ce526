package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow 3 logged models in the cache. Like the registry they are replaced as a whole per source:
 * MLflow does not move a logged model's update time when tags, params or metrics are added (the
 * tag that links it to the model versions made from it comes after it is finished), so only
 * reading them all again keeps them right.
 */
final class LoggedModelStore {
    /** Replaces everything cached about the source's logged models; returns how many it holds now. */
    int replace(Connection c, long sourceId, List<LoggedModel> models) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM logged_models WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            st.executeUpdate();
        }
        try (PreparedStatement model = c.prepareStatement("""
                INSERT INTO logged_models(source_id, model_id, experiment_id, name, source_run_id, status, status_message,
                                          model_type, artifact_location, creation_timestamp, last_updated_timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement param = c.prepareStatement(
                     "INSERT INTO logged_model_params(source_id, model_id, key, value) VALUES (?, ?, ?, ?)");
             PreparedStatement tag = c.prepareStatement(
                     "INSERT INTO logged_model_tags(source_id, model_id, key, value) VALUES (?, ?, ?, ?)");
             PreparedStatement metric = c.prepareStatement("""
                     INSERT INTO logged_model_metrics(source_id, model_id, key, value, timestamp, step, run_id,
                                                      dataset_name, dataset_digest)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (LoggedModel m : models) {
                model.setLong(1, sourceId);
                model.setString(2, m.modelId());
                model.setString(3, m.experimentId());
                model.setString(4, m.name());
                model.setString(5, m.sourceRunId());
                model.setString(6, m.status());
                model.setString(7, m.statusMessage());
                model.setString(8, m.modelType());
                model.setString(9, m.artifactLocation());
                ExperimentStore.setLong(model, 10, m.creationTimestamp());
                ExperimentStore.setLong(model, 11, m.lastUpdatedTimestamp());
                model.executeUpdate();
                pairs(param, sourceId, m.modelId(), m.params());
                pairs(tag, sourceId, m.modelId(), m.tags());
                for (LoggedModelMetric x : m.metrics()) {
                    metric.setLong(1, sourceId);
                    metric.setString(2, m.modelId());
                    metric.setString(3, x.key());
                    if (x.value() == null) {
                        metric.setNull(4, Types.REAL);
                    } else {
                        metric.setDouble(4, x.value());
                    }
                    metric.setLong(5, x.timestamp());
                    metric.setLong(6, x.step());
                    metric.setString(7, x.runId());
                    metric.setString(8, x.datasetName());
                    metric.setString(9, x.datasetDigest());
                    metric.addBatch();
                }
                metric.executeBatch();
            }
        }
        return models.size();
    }

    private static void pairs(PreparedStatement st, long sourceId, String modelId, Map<String, String> pairs)
            throws SQLException {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            st.setLong(1, sourceId);
            st.setString(2, modelId);
            st.setString(3, pair.getKey());
            st.setString(4, pair.getValue());
            st.addBatch();
        }
        st.executeBatch();
    }

    /**
     * Cached logged models, newest first: of every source when {@code sourceId} is null, and only
     * those made by {@code runId} when it is not null.
     */
    List<LoggedModel> models(Connection c, Long sourceId, String runId) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (sourceId != null) {
            where.append(" AND source_id = ?");
            args.add(sourceId);
        }
        if (runId != null) {
            where.append(" AND model_id IN (SELECT model_id FROM logged_models WHERE source_run_id = ?")
                    .append(sourceId == null ? "" : " AND source_id = ?").append(")");
            args.add(runId);
            if (sourceId != null) {
                args.add(sourceId);
            }
        }
        Map<String, Map<String, String>> params = pairs(c, "SELECT source_id, model_id, key, value FROM logged_model_params"
                + where + " ORDER BY key", args);
        Map<String, Map<String, String>> tags = pairs(c, "SELECT source_id, model_id, key, value FROM logged_model_tags"
                + where + " ORDER BY key", args);
        Map<String, List<LoggedModelMetric>> metrics = metrics(c, where.toString(), args);
        List<LoggedModel> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, model_id, experiment_id, name, source_run_id,"
                + " status, status_message, model_type, artifact_location, creation_timestamp, last_updated_timestamp"
                + " FROM logged_models" + where + " ORDER BY creation_timestamp DESC, model_id")) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getLong(1) + "/" + rs.getString(2);
                    out.add(new LoggedModel(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            RunReader.getLong(rs, 10), RunReader.getLong(rs, 11), params.getOrDefault(key, Map.of()),
                            tags.getOrDefault(key, Map.of()), metrics.getOrDefault(key, List.of())));
                }
            }
        }
        return out;
    }

    private static Map<String, List<LoggedModelMetric>> metrics(Connection c, String where, List<Object> args)
            throws SQLException {
        Map<String, List<LoggedModelMetric>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, model_id, key, value, timestamp, step, run_id,"
                + " dataset_name, dataset_digest FROM logged_model_metrics" + where
                + " ORDER BY key, step, timestamp, COALESCE(dataset_name, '')")) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(4);
                    Double v = rs.wasNull() ? null : value;
                    out.computeIfAbsent(rs.getLong(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                            .add(new LoggedModelMetric(rs.getString(3), v, rs.getLong(5), rs.getLong(6), rs.getString(7),
                                    rs.getString(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> pairs(Connection c, String sql, List<Object> args) throws SQLException {
        Map<String, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1) + "/" + rs.getString(2), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getString(4));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            st.setObject(i + 1, args.get(i));
        }
    }
}
