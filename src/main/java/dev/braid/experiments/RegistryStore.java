package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model registry in the cache: replaced as a whole per source, read back as records. */
final class RegistryStore {
    /** Replaces everything cached about the source's registry; returns how many models it holds now. */
    int replace(Connection c, long sourceId, List<RegisteredModel> models) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM registered_models WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            st.executeUpdate();
        }
        for (RegisteredModel m : models) {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO registered_models(source_id, name, description, creation_timestamp, last_updated_timestamp)
                    VALUES (?, ?, ?, ?, ?)""")) {
                st.setLong(1, sourceId);
                st.setString(2, m.name());
                st.setString(3, m.description());
                ExperimentStore.setLong(st, 4, m.creationTimestamp());
                ExperimentStore.setLong(st, 5, m.lastUpdatedTimestamp());
                st.executeUpdate();
            }
            insertTags(c, "INSERT INTO registered_model_tags(source_id, name, key, value) VALUES (?, ?, ?, ?)",
                    sourceId, List.of(m.name()), m.tags());
            insertTags(c, "INSERT INTO model_aliases(source_id, name, alias, version) VALUES (?, ?, ?, ?)",
                    sourceId, List.of(m.name()), m.aliases());
            for (ModelVersion v : m.versions()) {
                insertVersion(c, sourceId, v);
            }
        }
        return models.size();
    }

    private static void insertVersion(Connection c, long sourceId, ModelVersion v) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO model_versions(source_id, name, version, source, run_id, status, current_stage, description,
                                           creation_timestamp, last_updated_timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            st.setLong(1, sourceId);
            st.setString(2, v.name());
            st.setString(3, v.version());
            st.setString(4, v.source());
            st.setString(5, v.runId());
            st.setString(6, v.status());
            st.setString(7, v.currentStage());
            st.setString(8, v.description());
            ExperimentStore.setLong(st, 9, v.creationTimestamp());
            ExperimentStore.setLong(st, 10, v.lastUpdatedTimestamp());
            st.executeUpdate();
        }
        insertTags(c, "INSERT INTO model_version_tags(source_id, name, version, key, value) VALUES (?, ?, ?, ?, ?)",
                sourceId, List.of(v.name(), v.version()), v.tags());
    }

    private static void insertTags(Connection c, String sql, long sourceId, List<String> owner, Map<String, String> pairs)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                int i = 1;
                st.setLong(i++, sourceId);
                for (String part : owner) {
                    st.setString(i++, part);
                }
                st.setString(i++, pair.getKey());
                st.setString(i, pair.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Every cached registered model (of one source, or of all when {@code sourceId} is null), by name. */
    List<RegisteredModel> models(Connection c, Long sourceId) throws SQLException {
        String where = sourceId == null ? "" : " WHERE source_id = ?";
        Map<String, Map<String, String>> tags = pairs(c, "SELECT source_id, name, key, value FROM registered_model_tags" + where, sourceId);
        Map<String, Map<String, String>> aliases = pairs(c, "SELECT source_id, name, alias, version FROM model_aliases" + where, sourceId);
        Map<String, List<ModelVersion>> versions = versions(c, where, sourceId, aliases);
        List<RegisteredModel> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, name, description, creation_timestamp,"
                + " last_updated_timestamp FROM registered_models" + where + " ORDER BY name COLLATE NOCASE, source_id")) {
            bind(st, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getLong(1) + "/" + rs.getString(2);
                    out.add(new RegisteredModel(rs.getLong(1), rs.getString(2), rs.getString(3), RunReader.getLong(rs, 4),
                            RunReader.getLong(rs, 5), tags.getOrDefault(key, Map.of()), aliases.getOrDefault(key, Map.of()),
                            versions.getOrDefault(key, List.of())));
                }
            }
        }
        return out;
    }

    private static Map<String, List<ModelVersion>> versions(Connection c, String where, Long sourceId,
                                                            Map<String, Map<String, String>> aliases) throws SQLException {
        Map<String, Map<String, String>> tags = pairs(c, "SELECT source_id, name || '/' || version, key, value"
                + " FROM model_version_tags" + where, sourceId);
        Map<String, List<ModelVersion>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, name, version, source, run_id, status,"
                + " current_stage, description, creation_timestamp, last_updated_timestamp FROM model_versions" + where
                + " ORDER BY source_id, name, CAST(version AS INTEGER) DESC")) {
            bind(st, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String model = rs.getLong(1) + "/" + rs.getString(2);
                    String version = rs.getString(3);
                    List<String> pointing = aliases.getOrDefault(model, Map.of()).entrySet().stream()
                            .filter(a -> a.getValue().equals(version)).map(Map.Entry::getKey).sorted().toList();
                    out.computeIfAbsent(model, k -> new ArrayList<>()).add(new ModelVersion(rs.getString(2), version,
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            RunReader.getLong(rs, 9), RunReader.getLong(rs, 10),
                            tags.getOrDefault(model + "/" + version, Map.of()), pointing));
                }
            }
        }
        return out;
    }

    /** Rows of (source_id, owner, key, value) grouped as "source/owner" → {key: value}. */
    private static Map<String, Map<String, String>> pairs(Connection c, String sql, Long sourceId) throws SQLException {
        Map<String, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1) + "/" + rs.getString(2), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getString(4));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement st, Long sourceId) throws SQLException {
        if (sourceId != null) {
            st.setLong(1, sourceId);
        }
    }
}
