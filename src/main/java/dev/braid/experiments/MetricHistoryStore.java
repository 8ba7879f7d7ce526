package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
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
                    out.add(new MetricPoint(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : value));
                }
            }
        }
        return Optional.of(out);
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
