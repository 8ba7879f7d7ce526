package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cached metric histories: complete per (run, key) once {@code metric_history_state} says so. */
final class MetricHistoryStore {
    /** The cached history, in the order it was fetched, or empty when it was never fetched (or went stale). */
    Optional<List<MetricPoint>> cached(Connection c, long runPk, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM metric_history_state WHERE run_pk = ? AND key = ?")) {
            st.setLong(1, runPk);
            st.setString(2, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        List<MetricPoint> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT step, timestamp, value FROM metric_history WHERE run_pk = ? AND key = ? ORDER BY seq")) {
            st.setLong(1, runPk);
            st.setString(2, key);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(3);
                    // wasNull() speaks of the last column read, so it is asked before reading the others.
                    Double point = rs.wasNull() ? null : value;
                    out.add(new MetricPoint(rs.getLong(1), rs.getLong(2), point));
                }
            }
        }
        return Optional.of(out);
    }

    /** Count, min and max (NaN left out) of every key of the run whose history is complete in the cache. */
    Map<String, MetricStats> stats(Connection c, long runPk) throws SQLException {
        Map<String, MetricStats> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT s.key, s.points, MIN(h.value), MAX(h.value)"
                + " FROM metric_history_state s LEFT JOIN metric_history h ON h.run_pk = s.run_pk AND h.key = s.key"
                + " WHERE s.run_pk = ? GROUP BY s.key ORDER BY s.key")) {
            st.setLong(1, runPk);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double min = rs.getDouble(3);
                    Double minValue = rs.wasNull() ? null : min;
                    double max = rs.getDouble(4);
                    Double maxValue = rs.wasNull() ? null : max;
                    out.put(rs.getString(1), new MetricStats(rs.getInt(2), minValue, maxValue));
                }
            }
        }
        return out;
    }

    /**
     * Caches a fetched history unless its run went (a sync removed it) or the history arrived
     * meanwhile from another fetch; returns whether it was written.
     */
    boolean saveIfCurrent(Connection c, long runPk, String key, List<MetricPoint> points, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT (SELECT COUNT(*) FROM runs WHERE run_pk = ?),"
                + " (SELECT COUNT(*) FROM metric_history_state WHERE run_pk = ? AND key = ?)")) {
            st.setLong(1, runPk);
            st.setLong(2, runPk);
            st.setString(3, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getInt(1) == 0 || rs.getInt(2) > 0) {
                    return false;
                }
            }
        }
        save(c, runPk, key, points, now);
        return true;
    }

    /** Replaces the cached history of one key, marking it complete. */
    void save(Connection c, long runPk, String key, List<MetricPoint> points, long now) throws SQLException {
        for (String table : new String[] {"metric_history", "metric_history_state"}) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE run_pk = ? AND key = ?")) {
                st.setLong(1, runPk);
                st.setString(2, key);
                st.executeUpdate();
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO metric_history(run_pk, key, step, timestamp, value, seq) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (MetricPoint p : points) {
                st.setLong(1, runPk);
                st.setString(2, key);
                st.setLong(3, p.step());
                st.setLong(4, p.timestamp());
                if (p.value() == null) {
                    st.setNull(5, Types.REAL);
                } else {
                    st.setDouble(5, p.value());
                }
                st.setInt(6, seq++);
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO metric_history_state(run_pk, key, points, fetched_at) VALUES (?, ?, ?, ?)")) {
            st.setLong(1, runPk);
            st.setString(2, key);
            st.setInt(3, points.size());
            st.setLong(4, now);
            st.executeUpdate();
        }
    }
}
