package dev.braid.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads node ids as people type them. A canonical id is taken as it is; a commit may be named by
 * its repository's Braid name and a prefix of its hash ({@code commit:demo-ml-project:1a2b3c4}),
 * a repository by its name ({@code repo:demo-ml-project}); any id may be shortened to a prefix
 * that only one node has ({@code mlflow-run:tracking:3f2a}). Anything else finds the closest
 * known nodes, so a typo is answered with suggestions instead of "unknown".
 */
final class NodeResolver {
    private static final int CANDIDATES = 8;
    private final LineageStore store;

    NodeResolver(LineageStore store) {
        this.store = store;
    }

    NodeResolution resolve(Connection c, String typed) throws SQLException {
        String text = typed == null ? "" : typed.strip();
        NodeId id;
        try {
            id = new NodeId(text);
        } catch (IllegalArgumentException notAnId) {
            return NodeResolution.unknown(closest(c, null, text));
        }
        if (known(c, id.value())) {
            return NodeResolution.found(id);
        }
        String rest = id.value().substring(id.value().indexOf(':') + 1);
        Set<String> candidates = new LinkedHashSet<>();
        if (id.kind().equals(NodeKind.REPOSITORY)) {
            for (String key : Repositories.keysNamed(c, rest)) {
                candidates.addAll(withPrefix(c, LineageIds.repositoryForKey(key).value(), true));
            }
        } else if (id.kind().equals(NodeKind.COMMIT) && rest.lastIndexOf(':') > 0) {
            String repo = rest.substring(0, rest.lastIndexOf(':'));
            String sha = rest.substring(rest.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
            if (sha.matches("[0-9a-f]{4,64}")) {
                for (String key : Repositories.keysNamed(c, repo)) {
                    candidates.addAll(withPrefix(c, NodeKind.COMMIT.id() + ":" + key + ":" + sha, false));
                }
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(withPrefix(c, id.value(), false));
        }
        if (candidates.size() == 1) {
            return NodeResolution.found(new NodeId(candidates.iterator().next()));
        }
        if (candidates.size() > 1) {
            List<String> some = candidates.stream().limit(CANDIDATES).toList();
            return NodeResolution.ambiguous(store.nodes(c, some).isEmpty() ? bare(some) : ordered(store.nodes(c, some), some));
        }
        return NodeResolution.unknown(closest(c, id.kind(), id.value()));
    }

    private static boolean known(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM lineage_nodes WHERE id = ?1 UNION ALL"
                + " SELECT 1 FROM lineage_edges WHERE from_id = ?1 UNION ALL SELECT 1 FROM lineage_edges WHERE to_id = ?1 LIMIT 1")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Ids starting with {@code prefix} (a range over the primary key), or equal to it when {@code exact}. */
    private static List<String> withPrefix(Connection c, String prefix, boolean exact) throws SQLException {
        if (exact) {
            return known(c, prefix) ? List.of(prefix) : List.of();
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM lineage_nodes WHERE id >= ? AND id < ? ORDER BY id LIMIT ?")) {
            st.setString(1, prefix);
            st.setString(2, prefix + Character.MAX_VALUE);
            st.setInt(3, CANDIDATES + 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The known nodes nearest what was typed: among the nodes of its kind, the ids a few edits
     * away; else those whose name or id contains the typed text, or its last part.
     */
    private List<LineageNode> closest(Connection c, NodeKind kind, String text) throws SQLException {
        if (text.isBlank()) {
            return List.of();
        }
        if (kind != null) {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM lineage_nodes WHERE kind = ? LIMIT 20000")) {
                st.setString(1, kind.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<String> near = dev.braid.sync.Suggestions.closest(text, ids, 5);
            if (!near.isEmpty()) {
                return ordered(store.nodes(c, near), near);
            }
            text = text.substring(text.indexOf(':') + 1);
        }
        List<LineageNode> found = store.find(c, text, CANDIDATES);
        if (found.isEmpty()) {
            String[] parts = text.split("[:/@]");
            String last = parts.length == 0 ? text : parts[parts.length - 1];
            if (!last.isBlank() && !last.equals(text)) {
                found = store.find(c, last, CANDIDATES);
            }
        }
        return found;
    }

    private static List<LineageNode> ordered(List<LineageNode> nodes, List<String> ids) {
        List<LineageNode> out = new ArrayList<>();
        for (String id : ids) {
            nodes.stream().filter(n -> n.id().value().equals(id)).findFirst().ifPresentOrElse(out::add,
                    () -> out.add(new LineageNode(new NodeId(id), id.substring(id.indexOf(':') + 1), "", java.util.Map.of())));
        }
        return out;
    }

    private static List<LineageNode> bare(List<String> ids) {
        return ordered(List.of(), ids);
    }
}
