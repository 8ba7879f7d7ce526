package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes experiments and runs into the cache, inside the caller's transaction. Upserts are
 * idempotent: writing the same run twice leaves the same rows, so overlapping sync windows and
 * shifting page offsets do no harm.
 */
final class ExperimentStore {
    /** Inserts or updates one experiment and replaces its tags. */
    void upsertExperiment(Connection c, Experiment e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO experiments(source_id, experiment_id, name, artifact_location, lifecycle_stage,
                                        creation_time, last_update_time)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(source_id, experiment_id) DO UPDATE SET name = excluded.name,
                    artifact_location = excluded.artifact_location, lifecycle_stage = excluded.lifecycle_stage,
                    creation_time = excluded.creation_time, last_update_time = excluded.last_update_time""")) {
            st.setLong(1, e.sourceId());
            st.setString(2, e.experimentId());
            st.setString(3, e.name());
            st.setString(4, e.artifactLocation());
            st.setString(5, e.lifecycleStage());
            setLong(st, 6, e.creationTime());
            setLong(st, 7, e.lastUpdateTime());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM experiment_tags WHERE source_id = ? AND experiment_id = ?")) {
            st.setLong(1, e.sourceId());
            st.setString(2, e.experimentId());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO experiment_tags(source_id, experiment_id, key, value) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> tag : e.tags().entrySet()) {
                st.setLong(1, e.sourceId());
                st.setString(2, e.experimentId());
                st.setString(3, tag.getKey());
                st.setString(4, tag.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Removes the source's experiments (and their runs) that are not in {@code keep}; returns how many runs went. */
    int removeExperimentsExcept(Connection c, long sourceId, Set<String> keep) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT experiment_id FROM experiments WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!keep.contains(rs.getString(1))) {
                        gone.add(rs.getString(1));
                    }
                }
            }
        }
        int runs = 0;
        for (String id : gone) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM runs WHERE source_id = ? AND experiment_id = ?")) {
                st.setLong(1, sourceId);
                st.setString(2, id);
                runs += st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM experiments WHERE source_id = ? AND experiment_id = ?")) {
                st.setLong(1, sourceId);
                st.setString(2, id);
                st.executeUpdate();
            }
        }
        return runs;
    }

    /**
     * Inserts or refreshes one run with its params, latest metrics, tags and dataset inputs.
     * Cached metric histories of keys whose latest value moved are dropped (they are stale).
     * Returns true when the run is new to the cache.
     */
    boolean upsertRun(Connection c, long sourceId, RemoteRun run, long now) throws SQLException {
        try (StatementCache statements = new StatementCache(c)) {
            return upsertRun(statements, sourceId, run, now, runPk(c, sourceId, run.runId()));
        }
    }

    /**
     * As {@link #upsertRun(Connection, long, RemoteRun, long)} with the transaction's statements,
     * when the caller knows the cached key ({@code existing}, null for a new run).
     */
    boolean upsertRun(StatementCache statements, long sourceId, RemoteRun run, long now, Long existing) throws SQLException {
        long pk;
        if (existing == null) {
            PreparedStatement st = statements.get("""
                    INSERT INTO runs(source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time,
                                     lifecycle_stage, artifact_uri, parent_run_id, source_commit, synced_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING run_pk""");
            bindRun(st, sourceId, run, now);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                pk = rs.getLong(1);
            }
        } else {
            pk = existing;
            PreparedStatement st = statements.get("""
                    UPDATE runs SET source_id = ?, run_id = ?, experiment_id = ?, run_name = ?, user_id = ?, status = ?,
                        start_time = ?, end_time = ?, lifecycle_stage = ?, artifact_uri = ?, parent_run_id = ?,
                        source_commit = ?, synced_at = ? WHERE run_pk = ?""");
            bindRun(st, sourceId, run, now);
            st.setLong(14, pk);
            st.executeUpdate();
            dropStaleHistories(statements, pk, run.metrics());
        }
        RunChildren.replace(statements, pk, run, existing == null);
        return existing == null;
    }

    /** Removes the source's runs whose ids are not in {@code keep}; returns how many went. */
    int removeRunsExcept(Connection c, long sourceId, Set<String> keep) throws SQLException {
        List<Long> gone = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, run_id FROM runs WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!keep.contains(rs.getString(2))) {
                        gone.add(rs.getLong(1));
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM runs WHERE run_pk = ?")) {
            for (long pk : gone) {
                st.setLong(1, pk);
                st.addBatch();
            }
            st.executeBatch();
        }
        return gone.size();
    }

    /** Removes the named runs of the source; returns how many were cached. */
    int removeRuns(Connection c, long sourceId, Set<String> runIds) throws SQLException {
        int removed = 0;
        try (PreparedStatement st = c.prepareStatement("DELETE FROM runs WHERE source_id = ? AND run_id = ?")) {
            for (String runId : runIds) {
                st.setLong(1, sourceId);
                st.setString(2, runId);
                removed += st.executeUpdate();
            }
        }
        return removed;
    }

    /** The ids of the source's cached runs that were still running when last seen. */
    List<String> runningRunIds(Connection c, long sourceId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT run_id FROM runs WHERE source_id = ? AND status IN ('RUNNING', 'SCHEDULED')")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static Long runPk(Connection c, long sourceId, String runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk FROM runs WHERE source_id = ? AND run_id = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void dropStaleHistories(StatementCache statements, long pk, List<LatestMetric> latest) throws SQLException {
        Map<String, LatestMetric> now = new HashMap<>();
        latest.forEach(m -> now.put(m.key(), m));
        List<String> stale = new ArrayList<>();
        PreparedStatement select = statements.get("SELECT key, value, timestamp, step FROM run_metrics WHERE run_pk = ?");
        select.setLong(1, pk);
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                double value = rs.getDouble(2);
                LatestMetric before = new LatestMetric(rs.getString(1), rs.wasNull() ? null : value, rs.getLong(3), rs.getLong(4));
                if (!Objects.equals(before, now.get(before.key()))) {
                    stale.add(before.key());
                }
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        for (String table : new String[] {"metric_history", "metric_history_state"}) {
            PreparedStatement st = statements.get("DELETE FROM " + table + " WHERE run_pk = ? AND key = ?");
            for (String key : stale) {
                st.setLong(1, pk);
                st.setString(2, key);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void bindRun(PreparedStatement st, long sourceId, RemoteRun run, long now) throws SQLException {
        st.setLong(1, sourceId);
        st.setString(2, run.runId());
        st.setString(3, run.experimentId());
        st.setString(4, run.runName());
        st.setString(5, run.userId());
        st.setString(6, run.status());
        setLong(st, 7, run.startTime());
        setLong(st, 8, run.endTime());
        st.setString(9, run.lifecycleStage());
        st.setString(10, run.artifactUri());
        st.setString(11, run.parentRunId());
        st.setString(12, run.sourceCommit());
        st.setLong(13, now);
    }

    static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setLong(index, value);
        }
    }
}
