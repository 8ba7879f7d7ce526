package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the one cached value an edit changes (a run's tag, a run's name, a model's
 * alias), inside the caller's transaction. A null value means absent.
 */
final class RunEditCache {
    static final String RUN_NAME_TAG = "mlflow.runName";

    /** The cached value of the edit's slot, or null when absent. */
    String read(Connection c, long sourceId, RunEditAction.Slot slot, Map<String, String> payload) throws SQLException {
        return switch (slot) {
            case RUN_TAG -> single(c, "SELECT t.value FROM run_tags t JOIN runs r ON r.run_pk = t.run_pk"
                    + " WHERE r.source_id = ? AND r.run_id = ? AND t.key = ?", sourceId, payload.get("run_id"), payload.get("key"));
            case RUN_NAME -> single(c, "SELECT run_name FROM runs WHERE source_id = ? AND run_id = ?", sourceId,
                    payload.get("run_id"));
            case MODEL_ALIAS -> single(c, "SELECT version FROM model_aliases WHERE source_id = ? AND name = ? AND alias = ?",
                    sourceId, payload.get("name"), payload.get("alias"));
        };
    }

    /**
     * Makes the cache hold {@code value} for the slot. Does nothing when the run or model is no
     * longer cached (a sync removed it).
     */
    void write(Connection c, long sourceId, RunEditAction.Slot slot, Map<String, String> payload, String value)
            throws SQLException {
        switch (slot) {
            case RUN_TAG -> writeTag(c, sourceId, payload.get("run_id"), payload.get("key"), value);
            case RUN_NAME -> {
                update(c, "UPDATE runs SET run_name = ? WHERE source_id = ? AND run_id = ?", value, sourceId,
                        payload.get("run_id"));
                // MLflow keeps the name in a tag as well; the runs table and the tags must agree.
                writeTag(c, sourceId, payload.get("run_id"), RUN_NAME_TAG, value);
            }
            case MODEL_ALIAS -> {
                update(c, "DELETE FROM model_aliases WHERE source_id = ? AND name = ? AND alias = ?", sourceId,
                        payload.get("name"), payload.get("alias"));
                if (value != null) {
                    update(c, "INSERT INTO model_aliases(source_id, name, alias, version) SELECT source_id, name, ?, ?"
                            + " FROM registered_models WHERE source_id = ? AND name = ?", payload.get("alias"), value,
                            sourceId, payload.get("name"));
                }
            }
            default -> throw new IllegalArgumentException("unknown slot " + slot);
        }
    }

    /** The sources whose cache holds a run with this MLflow id. */
    List<Long> sourcesOfRun(Connection c, String runId) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement st = prepare(c, "SELECT source_id FROM runs WHERE run_id = ? ORDER BY source_id", runId);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    boolean runCached(Connection c, long sourceId, String runId) throws SQLException {
        return ExperimentStore.runPk(c, sourceId, runId) != null;
    }

    boolean versionCached(Connection c, long sourceId, String model, String version) throws SQLException {
        return single(c, "SELECT version FROM model_versions WHERE source_id = ? AND name = ? AND version = ?", sourceId,
                model, version) != null;
    }

    boolean modelCached(Connection c, long sourceId, String model) throws SQLException {
        return single(c, "SELECT name FROM registered_models WHERE source_id = ? AND name = ?", sourceId, model) != null;
    }

    private static void writeTag(Connection c, long sourceId, String runId, String key, String value) throws SQLException {
        Long pk = ExperimentStore.runPk(c, sourceId, runId);
        if (pk == null) {
            return;
        }
        if (value == null) {
            update(c, "DELETE FROM run_tags WHERE run_pk = ? AND key = ?", pk, key);
        } else {
            update(c, "INSERT INTO run_tags(run_pk, key, value) VALUES (?, ?, ?)"
                    + " ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value", pk, key, value);
        }
    }

    private static String single(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args)) {
            st.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }
}
