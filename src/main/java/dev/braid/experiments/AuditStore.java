package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The audit log table: appended to, never changed. */
final class AuditStore {
    private final String actor;

    /** @param actor who makes the edits (written on each line), or null when unknown */
    AuditStore(String actor) {
        this.actor = actor;
    }

    /** Appends one line. */
    void append(Connection c, long sourceId, RunEditAction action, String target, String oldValue, String newValue,
                long at, String outcome, String detail) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_log(source_id, action, target, old_value,"
                + " new_value, at, outcome, detail, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, sourceId);
            st.setString(2, action.name());
            st.setString(3, target);
            st.setString(4, oldValue);
            st.setString(5, newValue);
            st.setLong(6, at);
            st.setString(7, outcome);
            st.setString(8, detail);
            st.setString(9, actor);
            st.executeUpdate();
        }
    }

    /** Appends the outcome of sending {@code entry}. */
    void outcome(Connection c, OutboxEntry entry, long at, OutboxState outcome, String detail) throws SQLException {
        append(c, entry.sourceId(), entry.action(), entry.target(), entry.oldValue(), entry.newValue(), at,
                outcome.name(), "outbox #" + entry.id() + (detail == null ? "" : ": " + detail));
    }

    /** The newest {@code limit} lines, newest first. */
    List<AuditEntry> newest(Connection c, int limit) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, source_id, action, target, old_value, new_value, at,"
                + " outcome, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long source = rs.getLong(2);
                    Long sourceId = rs.wasNull() ? null : source;
                    out.add(new AuditEntry(rs.getLong(1), sourceId, RunEditAction.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                            rs.getString(9)));
                }
            }
        }
        return out;
    }
}
