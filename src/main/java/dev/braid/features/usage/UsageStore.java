package dev.braid.features.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The {@code feature_uses} table, replaced as a whole by each derivation (it holds nothing of its own). */
public final class UsageStore {
    private final UsageDeriver deriver = new UsageDeriver();

    /** Derives every use again and replaces the table, inside the caller's transaction; returns how many. */
    public int rebuild(Connection c) throws SQLException {
        List<UseRow> rows = deriver.derive(c);
        try (PreparedStatement st = c.prepareStatement("DELETE FROM feature_uses")) {
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO feature_uses(view_pk, version, run_pk, node_id, used_at, via, evidence, pinned)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (UseRow row : rows) {
                st.setLong(1, row.viewPk());
                st.setString(2, row.version());
                st.setObject(3, row.runPk());
                st.setString(4, row.nodeId());
                st.setObject(5, row.usedAt());
                st.setString(6, row.via());
                st.setString(7, row.evidence());
                st.setInt(8, row.pinned() ? 1 : 0);
                st.addBatch();
            }
            st.executeBatch();
        }
        return rows.size();
    }
}
