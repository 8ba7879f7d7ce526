package dev.braid.lineage;

import dev.braid.lineage.GraphChanges.EdgeWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces what a derived source (an MLflow server, a repository's DVC files) asserts while keeping
 * what it no longer asserts as history: such an edge moves to {@code lineage_edges_ended} with the
 * time it ended, so "as of" an earlier moment still sees it (migration 011).
 *
 * <p>When an edge ended because another took its place (an alias moved to another version, a
 * run's commit tag re-pointed: the same target and kind, a new origin), the old one ends when the
 * new one begins. That moment is the source's own timestamp when it is later than everything the
 * target had before (a file store stamps its registered model when an alias is set), else the
 * time of this sync, the moment Braid first saw the move. An edge asserted again keeps the time it
 * was first asserted.
 */
final class EdgeHistory {
    private record Key(String from, String to, String kind) {
    }

    private record Old(long assertedAt, String properties) {
    }

    private record Target(String to, String kind) {
    }

    private record Ended(Key key, Old old, long at) {
    }

    private EdgeHistory() {
    }

    /** Returns how many edges {@code assertedBy} asserted before. */
    static int replace(Connection c, LineageStore store, String assertedBy, GraphChanges changes, Instant now)
            throws SQLException {
        long nowMs = now.toEpochMilli();
        GraphChanges merged = ChangeMerger.merge(List.of(changes));
        Map<Key, Old> before = live(c, assertedBy);
        Map<Key, EdgeWrite> after = new HashMap<>();
        for (EdgeWrite write : merged.edges()) {
            LineageEdge e = write.edge();
            after.put(new Key(e.from().value(), e.to().value(), e.kind().id()), write);
        }
        // Targets whose origin changed: the old edges' latest start, and the new edges' earliest claim.
        Map<Target, Long> endedSince = new HashMap<>();
        Map<Target, Long> newClaim = new HashMap<>();
        for (Map.Entry<Key, Old> old : before.entrySet()) {
            if (!after.containsKey(old.getKey())) {
                endedSince.merge(target(old.getKey()), old.getValue().assertedAt(), Math::max);
            }
        }
        for (Map.Entry<Key, EdgeWrite> fresh : after.entrySet()) {
            if (!before.containsKey(fresh.getKey())) {
                newClaim.merge(target(fresh.getKey()), fresh.getValue().edge().assertedAt().toEpochMilli(), Math::min);
            }
        }
        Map<Target, Long> switchAt = new HashMap<>();
        for (Map.Entry<Target, Long> claim : newClaim.entrySet()) {
            Target t = claim.getKey();
            long since = Math.max(endedSince.getOrDefault(t, Long.MIN_VALUE),
                    t.kind().equals(EdgeKind.ALIAS.id()) ? lastEnded(c, assertedBy, t) : Long.MIN_VALUE);
            if (since != Long.MIN_VALUE) {
                long claimed = claim.getValue();
                switchAt.put(t, claimed > since && claimed <= nowMs ? claimed : nowMs);
            }
        }
        List<EdgeWrite> writes = new ArrayList<>(after.size());
        List<Key> deletes = new ArrayList<>();
        List<Ended> ended = new ArrayList<>();
        for (Map.Entry<Key, EdgeWrite> fresh : after.entrySet()) {
            EdgeWrite write = fresh.getValue();
            LineageEdge e = write.edge();
            Old old = before.get(fresh.getKey());
            long at;
            if (old != null) {
                at = Math.min(old.assertedAt(), e.assertedAt().toEpochMilli());
                if (!store.decode(old.properties()).equals(write.properties())) {
                    deletes.add(fresh.getKey()); // rewritten whole: properties a source dropped go too
                }
            } else {
                at = Math.max(e.assertedAt().toEpochMilli(), switchAt.getOrDefault(target(fresh.getKey()), Long.MIN_VALUE));
            }
            writes.add(new EdgeWrite(new LineageEdge(e.from(), e.to(), e.kind(), e.assertedBy(), Instant.ofEpochMilli(at)),
                    write.properties()));
        }
        for (Map.Entry<Key, Old> old : before.entrySet()) {
            if (!after.containsKey(old.getKey())) {
                long end = switchAt.getOrDefault(target(old.getKey()), nowMs);
                deletes.add(old.getKey());
                if (end > old.getValue().assertedAt()) {
                    ended.add(new Ended(old.getKey(), old.getValue(), end));
                }
            }
        }
        keepEnded(c, assertedBy, ended);
        delete(c, assertedBy, deletes);
        try (PreparedStatement st = c.prepareStatement("DELETE FROM lineage_columns WHERE asserted_by = ?")) {
            st.setString(1, assertedBy);
            st.executeUpdate();
        }
        store.write(c, new GraphChanges(merged.nodes(), writes, merged.columns()), now);
        return before.size();
    }

    private static Target target(Key key) {
        return new Target(key.to(), key.kind());
    }

    private static Map<Key, Old> live(Connection c, String assertedBy) throws SQLException {
        Map<Key, Old> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT from_id, to_id, kind, asserted_at, properties FROM lineage_edges WHERE asserted_by = ?")) {
            st.setString(1, assertedBy);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), new Old(rs.getLong(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** When an earlier span into {@code target} ended (an alias removed in an earlier sync), or MIN_VALUE. */
    private static long lastEnded(Connection c, String assertedBy, Target target) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT max(ended_at) FROM lineage_edges_ended WHERE asserted_by = ? AND to_id = ? AND kind = ?")) {
            st.setString(1, assertedBy);
            st.setString(2, target.to());
            st.setString(3, target.kind());
            try (ResultSet rs = st.executeQuery()) {
                long value = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Long.MIN_VALUE : value;
            }
        }
    }

    private static void keepEnded(Connection c, String assertedBy, List<Ended> ended) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO lineage_edges_ended(from_id, to_id, kind, asserted_by, asserted_at, ended_at, properties)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET ended_at = max(ended_at, excluded.ended_at)""")) {
            for (Ended row : ended) {
                st.setString(1, row.key().from());
                st.setString(2, row.key().to());
                st.setString(3, row.key().kind());
                st.setString(4, assertedBy);
                st.setLong(5, row.old().assertedAt());
                st.setLong(6, row.at());
                st.setString(7, row.old().properties());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void delete(Connection c, String assertedBy, List<Key> keys) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM lineage_edges WHERE from_id = ? AND to_id = ? AND kind = ? AND asserted_by = ?")) {
            for (Key key : keys) {
                st.setString(1, key.from());
                st.setString(2, key.to());
                st.setString(3, key.kind());
                st.setString(4, assertedBy);
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
