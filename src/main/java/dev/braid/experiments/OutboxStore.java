package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox table, inside the caller's transaction. Entries are kept in the order they were made. */
final class OutboxStore {
    private static final String COLUMNS = "id, source_id, action, target, payload, old_value, new_value, created_at,"
            + " attempts, state, last_error";
    private final ObjectMapper json = new ObjectMapper();

    /** Adds a PENDING entry; returns its id. */
    long add(Connection c, long sourceId, RunEditAction action, String target, Map<String, String> payload,
             String oldValue, String newValue, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO outbox(source_id, action, target, payload, old_value,"
                + " new_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            st.setLong(1, sourceId);
            st.setString(2, action.name());
            st.setString(3, target);
            st.setString(4, encode(payload));
            st.setString(5, oldValue);
            st.setString(6, newValue);
            st.setLong(7, now);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Optional<OutboxEntry> find(Connection c, long id) throws SQLException {
        List<OutboxEntry> found = select(c, " WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Entries in {@code state}, of one source or of all when {@code sourceId} is null, oldest first. */
    List<OutboxEntry> inState(Connection c, OutboxState state, Long sourceId) throws SQLException {
        return sourceId == null ? select(c, " WHERE state = ?", List.of(state.name()))
                : select(c, " WHERE state = ? AND source_id = ?", List.of(state.name(), sourceId));
    }

    /**
     * Moves a PENDING entry to {@code state}; returns false when it was no longer pending (another
     * sender got there first).
     */
    boolean settle(Connection c, long id, OutboxState state, String error) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE outbox SET state = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND state = 'PENDING'")) {
            st.setString(1, state.name());
            st.setString(2, error);
            st.setLong(3, id);
            return st.executeUpdate() == 1;
        }
    }

    /** Counts a failed attempt of an entry that stays PENDING. */
    void attemptFailed(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'PENDING'")) {
            st.setString(1, error);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    private List<OutboxEntry> select(Connection c, String where, List<Object> args) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox" + where + " ORDER BY id")) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEntry(rs.getLong(1), rs.getLong(2), RunEditAction.valueOf(rs.getString(3)),
                            rs.getString(4), decode(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getLong(8),
                            rs.getInt(9), OutboxState.valueOf(rs.getString(10)), rs.getString(11)));
                }
            }
        }
        return out;
    }

    private String encode(Map<String, String> payload) throws SQLException {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot encode an outbox payload: " + e.getOriginalMessage(), e);
        }
    }

    private Map<String, String> decode(String text) throws SQLException {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable outbox payload: " + e.getOriginalMessage(), e);
        }
    }
}
