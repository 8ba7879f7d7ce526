package dev.braid.experiments.ui;

import dev.braid.app.AppContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Registered models, versions and logged models written straight into a cache that holds the
 * runs of {@link ExperimentRows#churn}: "churn-classifier" v1 (xgb-run, @challenger), v2
 * (lgbm-run, @champion, registered from the logged model "lgbm-model") and v3 (a run the cache
 * does not hold); "fraud-detector" v1 (fraud-run); and the logged models "lgbm-model" (made by
 * lgbm-run) and "draft" (no run, still pending).
 */
final class RegistryRows {
    private RegistryRows() {
    }

    static void write(AppContext context) {
        long source = context.experiments().sources().get(0).id();
        context.database().write(c -> {
            model(c, source, "churn-classifier", "Predicts which customers cancel.", 5_000_000L);
            tag(c, "INSERT INTO registered_model_tags(source_id, name, key, value) VALUES (?, ?, ?, ?)", source,
                    "churn-classifier", "team", "ml-core");
            version(c, source, "churn-classifier", "1", "r1", "runs:/r1/model", "Staging", 5_100_000L);
            version(c, source, "churn-classifier", "2", "r2", "models:/m-lgbm", "None", 5_200_000L);
            version(c, source, "churn-classifier", "3", "gone-run-1234", "runs:/gone-run-1234/model", "None", 5_300_000L);
            tag(c, "INSERT INTO model_version_tags(source_id, name, version, key, value) VALUES (?, ?, '2', ?, ?)", source,
                    "churn-classifier", "validated", "yes");
            alias(c, source, "churn-classifier", "champion", "2");
            alias(c, source, "churn-classifier", "challenger", "1");
            model(c, source, "fraud-detector", null, 6_000_000L);
            version(c, source, "fraud-detector", "1", "f1", "runs:/f1/model", "Production", 6_100_000L);
            logged(c, source, "m-lgbm", "1", "lgbm-model", "r2", "READY", 2_050_000L);
            logged(c, source, "m-draft", "2", "draft", null, "PENDING", 7_000_000L);
            return null;
        });
    }

    private static void model(Connection c, long source, String name, String description, long created) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO registered_models(source_id, name, description,"
                + " creation_timestamp, last_updated_timestamp) VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, source);
            st.setString(2, name);
            st.setString(3, description);
            st.setLong(4, created);
            st.setLong(5, created);
            st.executeUpdate();
        }
    }

    private static void version(Connection c, long source, String name, String version, String runId, String from,
                                String stage, long created) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO model_versions(source_id, name, version, source, run_id,"
                + " status, current_stage, creation_timestamp, last_updated_timestamp) VALUES (?, ?, ?, ?, ?, 'READY', ?, ?, ?)")) {
            st.setLong(1, source);
            st.setString(2, name);
            st.setString(3, version);
            st.setString(4, from);
            st.setString(5, runId);
            st.setString(6, stage);
            st.setLong(7, created);
            st.setLong(8, created);
            st.executeUpdate();
        }
    }

    private static void alias(Connection c, long source, String name, String alias, String version) throws SQLException {
        tag(c, "INSERT INTO model_aliases(source_id, name, alias, version) VALUES (?, ?, ?, ?)", source, name, alias, version);
    }

    private static void tag(Connection c, String sql, long source, String owner, String key, String value) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, source);
            st.setString(2, owner);
            st.setString(3, key);
            st.setString(4, value);
            st.executeUpdate();
        }
    }

    private static void logged(Connection c, long source, String id, String experimentId, String name, String runId,
                               String status, long created) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO logged_models(source_id, model_id, experiment_id, name,"
                + " source_run_id, status, model_type, creation_timestamp, last_updated_timestamp)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'classifier', ?, ?)")) {
            st.setLong(1, source);
            st.setString(2, id);
            st.setString(3, experimentId);
            st.setString(4, name);
            st.setString(5, runId);
            st.setString(6, status);
            st.setLong(7, created);
            st.setLong(8, created);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO logged_model_params(source_id, model_id, key, value) VALUES (?, ?, 'C', '0.5')")) {
            st.setLong(1, source);
            st.setString(2, id);
            st.executeUpdate();
        }
    }
}
