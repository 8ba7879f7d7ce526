package dev.braid.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indexed git repositories, for placing a commit someone else names (an MLflow run's
 * {@code mlflow.source.git.commit}) in the right repository: the one whose remote or folder has
 * the same {@link LineageIds#repoKey key} as the address given with it, else the one whose index
 * holds the commit. An indexed repository's key is its remote's when it has one, else its folder's.
 */
public final class Repositories {
    private record Indexed(long sourceId, String key, List<String> aliases) {
    }

    private final Connection c;
    private final List<Indexed> indexed;
    // Many runs name the same commit: each is looked up in the index once per derivation.
    private final Map<String, Optional<String>> keyByCommit = new HashMap<>();

    private Repositories(Connection c, List<Indexed> indexed) {
        this.c = c;
        this.indexed = indexed;
    }

    /** The indexed repositories, looked up through {@code c} while it stays open. */
    public static Repositories read(Connection c) throws SQLException {
        List<Indexed> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, path, remote_url FROM repositories ORDER BY source_id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String path = LineageIds.repoKey(rs.getString(2));
                String remote = rs.getString(3) == null || rs.getString(3).isBlank() ? null : LineageIds.repoKey(rs.getString(3));
                out.add(new Indexed(rs.getLong(1), remote != null ? remote : path, remote != null ? List.of(remote, path) : List.of(path)));
            }
        }
        return new Repositories(c, out);
    }

    /**
     * The keys of the indexed repositories a person may name {@code name}: the git source of that
     * name (its key), or the repository whose key it is. Empty when none matches.
     */
    static List<String> keysNamed(Connection c, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.path, r.remote_url, s.name FROM repositories r"
                + " JOIN sources s ON s.id = r.source_id ORDER BY r.source_id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String path = LineageIds.repoKey(rs.getString(1));
                String remote = rs.getString(2) == null || rs.getString(2).isBlank() ? null : LineageIds.repoKey(rs.getString(2));
                String key = remote != null ? remote : path;
                if (name.equals(rs.getString(3)) || name.equals(key) || name.equals(path)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /** The repository key for a commit named with {@code address} (may be null); null when nothing says which. */
    public String keyFor(String sha, String address) throws SQLException {
        if (address != null && !address.isBlank()) {
            String key = LineageIds.repoKey(address);
            return indexed.stream().filter(r -> r.aliases().contains(key)).map(Indexed::key).findFirst().orElse(key);
        }
        if (indexed.isEmpty()) {
            return null;
        }
        String hash = sha.toLowerCase(java.util.Locale.ROOT);
        Optional<String> known = keyByCommit.get(hash);
        if (known == null) {
            known = Optional.ofNullable(indexedKey(hash));
            keyByCommit.put(hash, known);
        }
        return known.orElse(null);
    }

    private String indexedKey(String hash) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT repo_id FROM commits WHERE hash = ? ORDER BY repo_id")) {
            st.setString(1, hash);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long repo = rs.getLong(1);
                    for (Indexed r : indexed) {
                        if (r.sourceId() == repo) {
                            return r.key();
                        }
                    }
                }
            }
        }
        return null;
    }

    /** repository → commit → {@code run}, or commit → run for a commit no repository claims. */
    void commitEdges(String sha, String address, NodeId run, String by, Instant at, GraphChanges.Builder out) throws SQLException {
        String key = keyFor(sha, address);
        String hash = sha.toLowerCase(java.util.Locale.ROOT);
        String shortHash = hash.substring(0, Math.min(12, hash.length()));
        if (key == null) {
            NodeId commit = LineageIds.commitInUnknownRepository(sha);
            out.nodeWithFallbackName(commit, shortHash, Map.of("sha", hash));
            out.edge(commit, run, EdgeKind.BUILT_FROM, by, at);
            return;
        }
        NodeId repo = LineageIds.repositoryForKey(key);
        NodeId commit = LineageIds.commitForKey(key, sha);
        out.nodeWithFallbackName(repo, key, Map.of());
        // The repository's own sync names its commits (by subject); a run only knows the hash.
        out.nodeWithFallbackName(commit, shortHash, Map.of("sha", hash, "repository", key));
        out.edge(repo, commit, EdgeKind.CONTAINS, by, at);
        out.edge(commit, run, EdgeKind.BUILT_FROM, by, at);
    }
}
