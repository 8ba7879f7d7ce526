package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the model registry of an MLflow SQL store: models, versions, aliases and tags. */
final class SqliteRegistry {
    /** MLflow keeps deleted versions as rows in this stage; its own searches leave them out. */
    private static final String DELETED_STAGE = "Deleted_Internal";

    private SqliteRegistry() {
    }

    /**
     * The registry, whichever MLflow wrote the store: none before the registry (MLflow 1.4), no
     * tags before their tables, no aliases before MLflow 2.3.
     */
    static List<RegisteredModel> models(Connection c, SqliteSchema schema, long sourceId) throws SQLException {
        if (!schema.has("registered_models") || !schema.has("model_versions")) {
            return List.of();
        }
        Map<String, Map<String, String>> modelTags = schema.has("registered_model_tags")
                ? pairs(c, "SELECT name, key, value FROM registered_model_tags") : Map.of();
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        Map<String, List<String>> versionAliases = new LinkedHashMap<>();
        if (schema.has("registered_model_aliases")) {
            try (PreparedStatement st = c.prepareStatement("SELECT name, alias, version FROM registered_model_aliases ORDER BY alias");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    aliases.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                    versionAliases.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(3), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        Map<String, Map<String, String>> versionTags = schema.has("model_version_tags") ? pairs(c,
                "SELECT name || char(0) || version, key, value FROM model_version_tags") : Map.of();
        Map<String, List<ModelVersion>> versions = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT name, version, source, run_id, status, current_stage, description, creation_time, last_updated_time
                FROM model_versions WHERE current_stage IS NULL OR current_stage <> ? ORDER BY name, version DESC""")) {
            st.setString(1, DELETED_STAGE);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ModelVersion(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), SqliteRuns.longOrNull(rs, 8), SqliteRuns.longOrNull(rs, 9),
                            versionTags.getOrDefault(key, Map.of()), versionAliases.getOrDefault(key, List.of())));
                }
            }
        }
        List<RegisteredModel> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT name, description, creation_time, last_updated_time FROM registered_models ORDER BY name");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                out.add(new RegisteredModel(sourceId, name, rs.getString(2), SqliteRuns.longOrNull(rs, 3),
                        SqliteRuns.longOrNull(rs, 4), modelTags.getOrDefault(name, Map.of()),
                        aliases.getOrDefault(name, Map.of()), versions.getOrDefault(name, List.of())));
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> pairs(Connection c, String sql) throws SQLException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getString(3));
            }
        }
        return out;
    }
}
