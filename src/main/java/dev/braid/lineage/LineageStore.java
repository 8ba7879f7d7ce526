package dev.braid.lineage;

import dev.braid.lineage.GraphChanges.ColumnLink;
import dev.braid.lineage.GraphChanges.EdgeWrite;
import dev.braid.lineage.GraphChanges.NodeWrite;
import dev.braid.store.FlatJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage tables (migration 007) inside the caller's connection or transaction: node upserts
 * that merge properties and never let an older event regress a run's status, edge assertions
 * that keep the first time a source asserted them, column links, raw events and labels.
 */
final class LineageStore {
    private static final String NODE_COLUMNS = "id, name, status, properties";
    // Rows are written in the order of each table's key: consecutive rows land on the same pages.
    // The sorts are stable, so writes to one row keep their order; rows already in order (as
    // ChangeMerger leaves them) cost one comparison each.
    static final Comparator<NodeWrite> NODE_ORDER = Comparator.comparing(n -> n.id().value());
    static final Comparator<EdgeWrite> EDGE_ORDER = Comparator.<EdgeWrite, String>comparing(w -> w.edge().from().value())
            .thenComparing(w -> w.edge().to().value()).thenComparing(w -> w.edge().kind().id())
            .thenComparing(w -> w.edge().assertedBy());
    static final Comparator<ColumnLink> COLUMN_ORDER = Comparator.<ColumnLink, String>comparing(l -> l.dataset().value())
            .thenComparing(ColumnLink::field).thenComparing(l -> l.inputDataset().value()).thenComparing(ColumnLink::inputField);
    private final FlatJson json = new FlatJson();

    void write(Connection c, GraphChanges changes, Instant now) throws SQLException {
        // A newer status wins; at the same instant an ending (COMPLETE, FAILED...) beats RUNNING.
        String newer = "excluded.status <> '' AND (excluded.status_at > status_at"
                + " OR (excluded.status_at = status_at AND excluded.status <> 'RUNNING'))";
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO lineage_nodes(id, kind, name, status, status_at, properties, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    name = CASE WHEN ?8 = 0 AND excluded.name <> '' THEN excluded.name ELSE name END,
                    status = CASE WHEN %1$s THEN excluded.status ELSE status END,
                    status_at = CASE WHEN %1$s THEN excluded.status_at ELSE status_at END,
                    properties = json_patch(properties, excluded.properties),
                    updated_at = max(updated_at, excluded.updated_at)""".formatted(newer))) {
            for (NodeWrite node : sorted(changes.nodes(), NODE_ORDER)) {
                String rest = node.id().value().substring(node.id().value().indexOf(':') + 1);
                st.setString(1, node.id().value());
                st.setString(2, node.id().kind().id());
                st.setString(3, node.name().isEmpty() ? rest : node.name());
                st.setString(4, node.status());
                st.setLong(5, node.statusAt().toEpochMilli());
                st.setString(6, encode(node.properties()));
                st.setLong(7, now.toEpochMilli());
                // A fallback (or blank) name only names a node not stored yet; a stored name stays.
                st.setInt(8, node.fallbackName() ? 1 : 0);
                st.addBatch();
            }
            st.executeBatch();
        }
        // Edges and column links asserted again with nothing new (a later time, the same facts)
        // leave their rows alone: most assertions repeat, and an update rewrites the indexes.
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO lineage_edges(from_id, to_id, kind, asserted_by, asserted_at, properties)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(from_id, to_id, kind, asserted_by) DO UPDATE SET
                    asserted_at = min(asserted_at, excluded.asserted_at),
                    properties = json_patch(properties, excluded.properties)
                WHERE excluded.asserted_at < asserted_at OR json_patch(properties, excluded.properties) IS NOT properties""")) {
            for (EdgeWrite write : sorted(changes.edges(), EDGE_ORDER)) {
                LineageEdge e = write.edge();
                st.setString(1, e.from().value());
                st.setString(2, e.to().value());
                st.setString(3, e.kind().id());
                st.setString(4, e.assertedBy());
                st.setLong(5, e.assertedAt().toEpochMilli());
                st.setString(6, encode(write.properties()));
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO lineage_columns(dataset_id, field, input_dataset_id, input_field, transformation, asserted_by, asserted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET transformation = excluded.transformation,
                    asserted_at = min(asserted_at, excluded.asserted_at)
                WHERE excluded.transformation IS NOT transformation OR excluded.asserted_at < asserted_at""")) {
            for (ColumnLink link : sorted(changes.columns(), COLUMN_ORDER)) {
                st.setString(1, link.dataset().value());
                st.setString(2, link.field());
                st.setString(3, link.inputDataset().value());
                st.setString(4, link.inputField());
                st.setString(5, link.transformation());
                st.setString(6, link.assertedBy());
                st.setLong(7, link.assertedAt().toEpochMilli());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static <T> List<T> sorted(List<T> rows, Comparator<T> order) {
        List<T> copy = new ArrayList<>(rows);
        copy.sort(order);
        return copy;
    }

    /**
     * Deletes every edge, ended edge and column link {@code source} asserted (a source being
     * removed: its history goes with it); returns how many live edges went.
     */
    int deleteAssertedBy(Connection c, String source) throws SQLException {
        int removed;
        try (PreparedStatement st = c.prepareStatement("DELETE FROM lineage_edges WHERE asserted_by = ?")) {
            st.setString(1, source);
            removed = st.executeUpdate();
        }
        for (String table : List.of("lineage_edges_ended", "lineage_columns")) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE asserted_by = ?")) {
                st.setString(1, source);
                st.executeUpdate();
            }
        }
        return removed;
    }

    /**
     * Keeps accepted events, in order; for each, whether it was new (false when an event with the
     * same canonical hash was kept before, or earlier in the same list).
     */
    boolean[] insertEvents(Connection c, List<OpenLineageIngest.Kept> events, Instant receivedAt) throws SQLException {
        boolean[] added = new boolean[events.size()];
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO lineage_events(hash, event_kind, event_type, event_time, received_at, origin, body)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING""")) {
            // In arrival order: the table appends (migration 009), and the first of two equal events is the one kept.
            for (int i = 0; i < events.size(); i++) {
                OpenLineageIngest.Kept event = events.get(i);
                st.setString(1, event.hash());
                st.setString(2, event.kind());
                st.setString(3, event.eventType().isEmpty() ? null : event.eventType());
                st.setLong(4, event.eventTime().toEpochMilli());
                st.setLong(5, receivedAt.toEpochMilli());
                st.setString(6, event.origin());
                st.setString(7, event.raw());
                added[i] = st.executeUpdate() == 1;
            }
        }
        return added;
    }

    Optional<LineageNode> node(Connection c, NodeId id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + NODE_COLUMNS + " FROM lineage_nodes WHERE id = ?")) {
            st.setString(1, id.value());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(node(rs)) : Optional.empty();
            }
        }
    }

    /** The stored nodes among {@code ids}; ids without a row are left out. */
    List<LineageNode> nodes(Connection c, Collection<String> ids) throws SQLException {
        List<LineageNode> out = new ArrayList<>();
        for (List<String> chunk : Chunks.of(ids)) {
            try (PreparedStatement st = c.prepareStatement("SELECT " + NODE_COLUMNS + " FROM lineage_nodes WHERE id IN ("
                    + Chunks.placeholders(chunk.size()) + ")")) {
                Chunks.bind(st, 1, chunk);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(node(rs));
                    }
                }
            }
        }
        return out;
    }

    List<LineageNode> find(Connection c, String text, int limit) throws SQLException {
        return find(c, text, null, limit);
    }

    /** Nodes (of {@code kind} when not null) whose id or name contains {@code text}, exact and prefix matches first. */
    List<LineageNode> find(Connection c, String text, NodeKind kind, int limit) throws SQLException {
        String needle = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (PreparedStatement st = c.prepareStatement("SELECT " + NODE_COLUMNS + """
                 FROM lineage_nodes WHERE (lower(id) LIKE ?1 ESCAPE '\\' OR lower(name) LIKE ?1 ESCAPE '\\')
                 AND (?5 IS NULL OR kind = ?5)
                ORDER BY CASE WHEN lower(name) = ?2 OR lower(id) = ?2 THEN 0 WHEN lower(name) LIKE ?3 ESCAPE '\\' THEN 1 ELSE 2 END,
                         length(name), name LIMIT ?4""")) {
            st.setString(1, needle);
            st.setString(2, text.toLowerCase(java.util.Locale.ROOT));
            st.setString(3, needle.substring(1));
            st.setInt(4, limit);
            st.setString(5, kind == null ? null : kind.id());
            List<LineageNode> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(node(rs));
                }
            }
            return out;
        }
    }

    private LineageNode node(ResultSet rs) throws SQLException {
        return new LineageNode(new NodeId(rs.getString(1)), rs.getString(2), rs.getString(3), decode(rs.getString(4)));
    }

    String encode(Map<String, String> properties) {
        return json.write(properties);
    }

    Map<String, String> decode(String text) {
        try {
            return json.read(text);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
