package dev.braid.lineage;

import dev.braid.sync.Source;
import dev.braid.sync.SourceCleanup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The lineage a source asserted, for {@link dev.braid.sync.SourceManager}: edges and column links
 * recorded as {@code "<prefix><source name>"} (ADR 8). Removing the source deletes them, and the
 * nodes only they mentioned (a node someone labelled stays). Renaming it either relabels the
 * edges (when node ids do not contain the source's name, as for DVC) or moves its nodes, edges and
 * ended edges to the new ids and name and derives them again (MLflow and CI sources, whose node ids
 * contain it), carrying labels, edge history and other sources' edges to those nodes (a DVC join to
 * an MLflow run, say) over to the new ids.
 *
 * <p>A new kind of source that asserts lineage as {@code "<prefix>:<name>"} registers
 * {@code LineageCleanup.relabelled(kind, prefix + ":")} with the source manager, or
 * {@link #derived} when its node ids contain its name.
 */
public final class LineageCleanup implements SourceCleanup {
    /** The kinds of MLflow node ids that contain the source's name, as {@code <kind>:<source>:...}. */
    private static final List<String> MLFLOW_ID_PREFIXES = List.of(NodeKind.EXPERIMENT_RUN.id(), NodeKind.MODEL.id(),
            NodeKind.MODEL_VERSION.id(), NodeKind.ALIAS.id(), NodeKind.LOGGED_MODEL.id(), NodeKind.ARTIFACT.id(),
            NodeKind.DATASET.id() + ":mlflow");

    /** Derives a source's edges again from the cache, inside the caller's transaction. */
    @FunctionalInterface
    public interface Rederive {
        void rederive(Connection c, Source source) throws SQLException;
    }

    private final String kind;
    private final String prefix;
    private final List<String> idKinds;
    private final Rederive rederive;

    private LineageCleanup(String kind, String prefix, List<String> idKinds, Rederive rederive) {
        this.kind = kind;
        this.prefix = prefix;
        this.idKinds = List.copyOf(idKinds);
        this.rederive = rederive;
    }

    /** Edges asserted as {@code prefix + name} by sources of {@code kind}; a rename relabels them. */
    public static LineageCleanup relabelled(String kind, String prefix) {
        return new LineageCleanup(kind, prefix, List.of(), null);
    }

    /** MLflow sources' edges; a rename derives them again from the cache under the new name. */
    public static LineageCleanup mlflow(String kind, LineageService lineage) {
        return new LineageCleanup(kind, MlflowEdges.assertedBy(""), MLFLOW_ID_PREFIXES, lineage::rebuildMlflow);
    }

    /**
     * Edges asserted as {@code prefix + name} about nodes whose ids start {@code <idKind>:<name>:}
     * for one of {@code idKinds}: removing the source also drops other sources' edges to those
     * nodes; renaming it moves labels and such edges to the new ids and calls {@code rederive}.
     */
    public static LineageCleanup derived(String kind, String prefix, List<String> idKinds, Rederive rederive) {
        return new LineageCleanup(kind, prefix, idKinds, rederive);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<String> cached(Connection c, Source source) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM lineage_edges WHERE asserted_by = ?")) {
            st.setString(1, prefix + source.name());
            try (ResultSet rs = st.executeQuery()) {
                long n = rs.next() ? rs.getLong(1) : 0;
                return n == 0 ? List.of() : List.of(String.format("%,d lineage edge%s", n, n == 1 ? "" : "s"));
            }
        }
    }

    @Override
    public void remove(Connection c, Source source) throws SQLException {
        startRemoval(c, prefix + source.name());
        for (String idKind : idKinds) {
            String start = idKind + ":" + source.name() + ":";
            // Other sources' edges to this source's nodes (a DVC join to one of its runs) end with the nodes.
            for (String table : List.of("lineage_edges", "lineage_edges_ended")) {
                for (String end : List.of("from_id", "to_id")) {
                    String other = end.equals("from_id") ? "to_id" : "from_id";
                    try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO lineage_removed_ends(id) SELECT "
                            + other + " FROM " + table + " WHERE substr(" + end + ", 1, ?) = ?")) {
                        st.setInt(1, start.length());
                        st.setString(2, start);
                        st.executeUpdate();
                    }
                    try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE substr(" + end + ", 1, ?) = ?")) {
                        st.setInt(1, start.length());
                        st.setString(2, start);
                        st.executeUpdate();
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO lineage_removed_ends(id)"
                    + " SELECT id FROM lineage_nodes WHERE substr(id, 1, ?) = ?")) {
                st.setInt(1, start.length());
                st.setString(2, start);
                st.executeUpdate();
            }
        }
        finishRemoval(c, prefix + source.name());
    }

    @Override
    public void renamed(Connection c, Source before, Source after) throws SQLException {
        String from = prefix + before.name();
        String to = prefix + after.name();
        if (rederive == null) {
            for (String table : List.of("lineage_edges", "lineage_edges_ended", "lineage_columns")) {
                try (PreparedStatement st = c.prepareStatement("UPDATE OR REPLACE " + table
                        + " SET asserted_by = ? WHERE asserted_by = ?")) {
                    st.setString(1, to);
                    st.setString(2, from);
                    st.executeUpdate();
                }
            }
            return;
        }
        // Everything moves to the new ids and name, the source's own live and ended edges too, so
        // their history (ADR 15) survives; deriving again then ends or keeps them as a sync would.
        startRemoval(c, from);
        for (String idKind : idKinds) {
            String oldStart = idKind + ":" + before.name() + ":";
            String newStart = idKind + ":" + after.name() + ":";
            move(c, "lineage_nodes", "id", oldStart, newStart, "");
            move(c, "lineage_labels", "node_id", oldStart, newStart, "");
            for (String table : List.of("lineage_edges", "lineage_edges_ended")) {
                move(c, table, "from_id", oldStart, newStart, "");
                move(c, table, "to_id", oldStart, newStart, "");
            }
            try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO lineage_removed_ends(id)"
                    + " SELECT id FROM lineage_nodes WHERE substr(id, 1, ?) = ?")) {
                st.setInt(1, oldStart.length());
                st.setString(2, oldStart);
                st.executeUpdate();
            }
        }
        for (String table : List.of("lineage_edges", "lineage_edges_ended", "lineage_columns")) {
            try (PreparedStatement st = c.prepareStatement("UPDATE OR REPLACE " + table + " SET asserted_by = ? WHERE asserted_by = ?")) {
                st.setString(1, to);
                st.setString(2, from);
                st.executeUpdate();
            }
        }
        finishRemoval(c, from);
        rederive.rederive(c, after);
    }

    /** Rewrites {@code column} from {@code oldStart...} to {@code newStart...}, leaving rows asserted by {@code except}. */
    private static void move(Connection c, String table, String column, String oldStart, String newStart, String except)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE OR IGNORE " + table + " SET " + column + " = ? || substr("
                + column + ", ?) WHERE substr(" + column + ", 1, ?) = ?" + (except.isEmpty() ? "" : " AND asserted_by <> ?"))) {
            st.setString(1, newStart);
            st.setInt(2, oldStart.length() + 1);
            st.setInt(3, oldStart.length());
            st.setString(4, oldStart);
            if (!except.isEmpty()) {
                st.setString(5, except);
            }
            st.executeUpdate();
        }
    }

    /**
     * Deletes every edge and column link {@code assertedBy} made, then the nodes at their ends that
     * no other edge mentions and nobody labelled.
     */
    static void removeAssertedBy(Connection c, String assertedBy) throws SQLException {
        startRemoval(c, assertedBy);
        finishRemoval(c, assertedBy);
    }

    /** Notes the ends of {@code assertedBy}'s edges as candidates for removal. */
    private static void startRemoval(Connection c, String assertedBy) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS lineage_removed_ends(id TEXT PRIMARY KEY) WITHOUT ROWID");
            st.execute("DELETE FROM lineage_removed_ends");
        }
        try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO lineage_removed_ends(id)"
                + " SELECT from_id FROM lineage_edges WHERE asserted_by = ?1 UNION SELECT to_id FROM lineage_edges WHERE asserted_by = ?1"
                + " UNION SELECT from_id FROM lineage_edges_ended WHERE asserted_by = ?1"
                + " UNION SELECT to_id FROM lineage_edges_ended WHERE asserted_by = ?1")) {
            st.setString(1, assertedBy);
            st.executeUpdate();
        }
    }

    /** Deletes {@code assertedBy}'s edges, then the candidate nodes no edge mentions and nobody labelled. */
    private static void finishRemoval(Connection c, String assertedBy) throws SQLException {
        new LineageStore().deleteAssertedBy(c, assertedBy);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    DELETE FROM lineage_nodes WHERE id IN (SELECT id FROM lineage_removed_ends)
                      AND NOT EXISTS (SELECT 1 FROM lineage_edges e WHERE e.from_id = lineage_nodes.id)
                      AND NOT EXISTS (SELECT 1 FROM lineage_edges e WHERE e.to_id = lineage_nodes.id)
                      AND NOT EXISTS (SELECT 1 FROM lineage_edges_ended e WHERE e.from_id = lineage_nodes.id)
                      AND NOT EXISTS (SELECT 1 FROM lineage_edges_ended e WHERE e.to_id = lineage_nodes.id)
                      AND NOT EXISTS (SELECT 1 FROM lineage_labels l WHERE l.node_id = lineage_nodes.id)""");
            st.execute("DELETE FROM lineage_removed_ends");
        }
    }
}
