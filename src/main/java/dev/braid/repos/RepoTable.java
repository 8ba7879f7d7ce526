package dev.braid.repos;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code repositories} table: where each repository lives and what Braid last found there. */
final class RepoTable {
    private static final String SUMMARY = "SELECT s.id, s.name, r.path, r.remote_url, r.head_ref, r.head_commit,"
            + " r.health, r.health_note, r.ahead, r.behind,"
            + " (SELECT COUNT(*) FROM commits c WHERE c.repo_id = s.id AND c.id <= r.published_id),"
            + " (SELECT MAX(ended_at) FROM sync_runs x WHERE x.source_id = s.id AND x.outcome = 'SUCCEEDED')"
            + " FROM sources s JOIN repositories r ON r.source_id = s.id";
    private final Database db;

    RepoTable(Database db) {
        this.db = db;
    }

    void insert(Connection c, long sourceId, String path, String remoteUrl) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO repositories(source_id, path, remote_url) VALUES (?,?,?)")) {
            st.setLong(1, sourceId);
            st.setString(2, path);
            st.setString(3, remoteUrl);
            st.executeUpdate();
        }
    }

    void restore(long sourceId, String path, String remoteUrl) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR IGNORE INTO repositories(source_id, path, remote_url) VALUES (?,?,?)")) {
                st.setLong(1, sourceId);
                st.setString(2, path);
                st.setString(3, remoteUrl);
                return st.executeUpdate();
            }
        });
    }

    Optional<String> path(long sourceId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT path FROM repositories WHERE source_id = ?")) {
                st.setLong(1, sourceId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    Optional<String> nameForPath(Connection c, String path) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT s.name FROM repositories r JOIN sources s ON s.id = r.source_id WHERE r.path = ?")) {
            st.setString(1, path);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        }
    }

    void updateState(long sourceId, RepoState state) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE repositories SET health = ?, health_note = ?,"
                    + " head_ref = COALESCE(?, head_ref), head_commit = COALESCE(?, head_commit), ahead = ?, behind = ?,"
                    + " remote_url = COALESCE(?, remote_url) WHERE source_id = ?")) {
                st.setString(1, state.health().name());
                st.setString(2, state.note());
                st.setString(3, state.headRef());
                st.setString(4, state.headCommit());
                setNullable(st, 5, state.ahead());
                setNullable(st, 6, state.behind());
                st.setString(7, state.remoteUrl());
                st.setLong(8, sourceId);
                return st.executeUpdate();
            }
        });
    }

    void updateHealth(long sourceId, RepoHealth health, String note) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE repositories SET health = ?, health_note = ? WHERE source_id = ?")) {
                st.setString(1, health.name());
                st.setString(2, note);
                st.setLong(3, sourceId);
                return st.executeUpdate();
            }
        });
    }

    List<RepoSummary> list() {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SUMMARY + " ORDER BY s.name COLLATE NOCASE")) {
                return summaries(st);
            }
        });
    }

    Optional<RepoSummary> find(long sourceId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SUMMARY + " WHERE s.id = ?")) {
                st.setLong(1, sourceId);
                return summaries(st).stream().findFirst();
            }
        });
    }

    Optional<RepoSummary> find(String name) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SUMMARY + " WHERE s.name = ?")) {
                st.setString(1, name);
                return summaries(st).stream().findFirst();
            }
        });
    }

    private static List<RepoSummary> summaries(PreparedStatement st) throws SQLException {
        List<RepoSummary> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Integer ahead = (Integer) rs.getObject(9);
                Integer behind = (Integer) rs.getObject(10);
                long ended = rs.getLong(12);
                Instant lastSync = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
                out.add(new RepoSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), RepoHealth.valueOf(rs.getString(7)), rs.getString(8), ahead, behind,
                        rs.getLong(11), lastSync));
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement st, int index, Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, java.sql.Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }

    /** What a sync found: health and HEAD, and how HEAD's branch compares with its upstream. */
    record RepoState(RepoHealth health, String note, String headRef, String headCommit, Integer ahead, Integer behind,
                     String remoteUrl) {
    }
}
