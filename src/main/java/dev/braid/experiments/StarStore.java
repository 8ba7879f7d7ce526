package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Stars on runs ({@code run_stars}, kept across syncs) and on experiments ({@code experiments.starred}). */
final class StarStore {
    void starRun(Connection c, long sourceId, String runId, boolean star, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(star
                ? "INSERT INTO run_stars(source_id, run_id, starred_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM run_stars WHERE source_id = ? AND run_id = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, runId);
            if (star) {
                st.setLong(3, now);
            }
            st.executeUpdate();
        }
    }

    /** Returns false when the experiment is not cached. */
    boolean starExperiment(Connection c, ExperimentKey key, boolean star) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE experiments SET starred = ? WHERE source_id = ? AND experiment_id = ?")) {
            st.setInt(1, star ? 1 : 0);
            st.setLong(2, key.sourceId());
            st.setString(3, key.experimentId());
            return st.executeUpdate() > 0;
        }
    }

    Set<ExperimentKey> starredExperiments(Connection c) throws SQLException {
        Set<ExperimentKey> out = new LinkedHashSet<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT source_id, experiment_id FROM experiments WHERE starred = 1 ORDER BY source_id, experiment_id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new ExperimentKey(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }
}
