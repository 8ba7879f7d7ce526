package dev.braid.repos;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cached refs and commits of git repositories. Only commits a finished sync has published
 * (id at most {@code repositories.published_id}) are ever returned by the queries here.
 */
public final class CommitStore {
    static final String ROW_COLUMNS = "c.hash, c.parents, c.author_name, c.author_email, c.author_time, c.author_tz, c.subject";
    private static final String VISIBLE = " c.repo_id = ? AND c.id <= (SELECT published_id FROM repositories WHERE source_id = c.repo_id)";
    private final Database db;

    public CommitStore(Database db) {
        this.db = db;
    }

    /** Writes commits that are not cached yet; returns how many were new. */
    int insert(Connection c, long repoId, List<IndexedCommit> commits) throws SQLException {
        int added = 0;
        try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO commits(repo_id, hash, parents,"
                + " author_name, author_email, author_time, author_tz, committer_name, committer_email, commit_time,"
                + " commit_tz, subject, message, sort_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (IndexedCommit commit : commits) {
                st.setLong(1, repoId);
                st.setString(2, commit.hash());
                st.setString(3, commit.parents());
                st.setString(4, commit.authorName());
                st.setString(5, commit.authorEmail());
                st.setLong(6, commit.authorTime());
                st.setInt(7, commit.authorTz());
                st.setString(8, commit.committerName());
                st.setString(9, commit.committerEmail());
                st.setLong(10, commit.commitTime());
                st.setInt(11, commit.commitTz());
                st.setString(12, commit.subject());
                st.setString(13, commit.message());
                st.setLong(14, commit.sortKey());
                st.addBatch();
            }
            // One call into the driver for the batch instead of one per commit.
            for (int count : st.executeBatch()) {
                added += Math.max(count, 0);
            }
        }
        return added;
    }

    /** The sort keys of the given commits that the cache holds (published or not). */
    Map<String, Long> sortKeys(Connection c, long repoId, Collection<String> hashes) throws SQLException {
        Map<String, Long> keys = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT sort_key FROM commits WHERE repo_id = ? AND hash = ?")) {
            for (String hash : hashes) {
                st.setLong(1, repoId);
                st.setString(2, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        keys.put(hash, rs.getLong(1));
                    }
                }
            }
        }
        return keys;
    }

    /** Sets corrected sort keys (hash → key) on commits already written. */
    int updateSortKeys(Connection c, long repoId, Map<String, Long> keys) throws SQLException {
        int updated = 0;
        try (PreparedStatement st = c.prepareStatement("UPDATE commits SET sort_key = ? WHERE repo_id = ? AND hash = ?")) {
            for (Map.Entry<String, Long> entry : keys.entrySet()) {
                st.setLong(1, entry.getValue());
                st.setLong(2, repoId);
                st.setString(3, entry.getKey());
                updated += st.executeUpdate();
            }
        }
        return updated;
    }

    /** Whether an earlier sync wrote commits it never published (it failed or was killed). */
    boolean hasUnpublished(Connection c, long repoId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM commits WHERE repo_id = ?"
                + " AND id > (SELECT published_id FROM repositories WHERE source_id = ?))")) {
            st.setLong(1, repoId);
            st.setLong(2, repoId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** Every cached hash of the repository, published or not. */
    List<String> allHashes(Connection c, long repoId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT hash FROM commits WHERE repo_id = ?")) {
            st.setLong(1, repoId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    int delete(Connection c, long repoId, Collection<String> hashes) throws SQLException {
        int removed = 0;
        try (PreparedStatement st = c.prepareStatement("DELETE FROM commits WHERE repo_id = ? AND hash = ?")) {
            for (String hash : hashes) {
                st.setLong(1, repoId);
                st.setString(2, hash);
                removed += st.executeUpdate();
            }
        }
        return removed;
    }

    /** Makes every commit written so far visible and records the repository's new refs. */
    void publish(Connection c, long repoId, List<GitRef> refs) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM refs WHERE repo_id = ?")) {
            del.setLong(1, repoId);
            del.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO refs(repo_id, name, kind, target, tag_object, symbolic) VALUES (?,?,?,?,?,?)")) {
            for (GitRef ref : refs) {
                st.setLong(1, repoId);
                st.setString(2, ref.name());
                st.setString(3, ref.kind().name());
                st.setString(4, ref.target());
                st.setString(5, ref.tagObject());
                st.setString(6, ref.symbolic());
                st.executeUpdate();
            }
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE repositories SET"
                + " published_id = (SELECT COALESCE(MAX(id), 0) FROM commits WHERE repo_id = ?),"
                + " commit_count = (SELECT COUNT(*) FROM commits WHERE repo_id = ?) WHERE source_id = ?")) {
            st.setLong(1, repoId);
            st.setLong(2, repoId);
            st.setLong(3, repoId);
            st.executeUpdate();
        }
    }

    public List<GitRef> refs(long repoId) {
        return db.read(c -> refs(c, repoId));
    }

    List<GitRef> refs(Connection c, long repoId) throws SQLException {
        List<GitRef> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT name, kind, target, tag_object, symbolic FROM refs WHERE repo_id = ? ORDER BY name")) {
            st.setLong(1, repoId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new GitRef(rs.getString(1), RefKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** Commits of a repository, newest first and children before parents, {@code limit} from {@code offset}. */
    public List<CommitRow> history(long repoId, String text, int offset, int limit) {
        return db.read(c -> {
            String sql = "SELECT " + ROW_COLUMNS + " FROM commits c WHERE" + VISIBLE + textFilter(text)
                    + " ORDER BY c.sort_key DESC, c.id DESC LIMIT ? OFFSET ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = bindText(st, 1, repoId, text);
                st.setInt(i++, limit);
                st.setInt(i, offset);
                return rows(st);
            }
        });
    }

    /**
     * Hands {@code each} the published commits reachable from {@code tip} (every published commit
     * when {@code tip} is null), newest first and children before parents, at most {@code limit},
     * until it returns false. One read, so a sync that publishes meanwhile is seen whole or not at
     * all, and nothing is held but the commits still awaited.
     *
     * <p>With a tip this is git's own walk over the history order: one scan of the
     * {@code commits_history} index from the tip down, keeping a commit when a commit kept before
     * it named it as a parent. Children always come before their parents in that order (ADR 2),
     * so when a commit is reached every commit that could name it has been seen. The first page
     * costs about as many rows as it shows, instead of a reachability query over the whole history.
     */
    public void forEachInHistory(long repoId, String tip, long limit, Predicate<CommitRow> each) {
        db.read(c -> {
            if (tip == null) {
                try (PreparedStatement st = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM commits c WHERE"
                        + VISIBLE + " ORDER BY c.sort_key DESC, c.id DESC LIMIT ?")) {
                    st.setLong(1, repoId);
                    st.setLong(2, limit);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next() && each.test(row(rs, 1))) {
                            // handed over
                        }
                    }
                }
                return null;
            }
            long sortKey;
            long id;
            try (PreparedStatement st = c.prepareStatement("SELECT c.sort_key, c.id FROM commits c WHERE" + VISIBLE
                    + " AND c.hash = ?")) {
                st.setLong(1, repoId);
                st.setString(2, tip);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    sortKey = rs.getLong(1);
                    id = rs.getLong(2);
                }
            }
            Set<String> awaited = new HashSet<>();
            awaited.add(tip);
            long handed = 0;
            try (PreparedStatement st = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM commits c WHERE" + VISIBLE
                    + " AND (c.sort_key < ? OR (c.sort_key = ? AND c.id <= ?)) ORDER BY c.sort_key DESC, c.id DESC")) {
                st.setLong(1, repoId);
                st.setLong(2, sortKey);
                st.setLong(3, sortKey);
                st.setLong(4, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (handed < limit && !awaited.isEmpty() && rs.next()) {
                        if (awaited.remove(rs.getString(1))) {
                            CommitRow row = row(rs, 1);
                            awaited.addAll(row.parents());
                            handed++;
                            if (!each.test(row)) {
                                break;
                            }
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * Row ids of the published commits reachable from {@code tip}, in history order; with the
     * watermark they were read at, so callers can tell when a later sync made them stale.
     */
    ReachableIds reachableIds(long repoId, String tip, String text) {
        return db.read(c -> {
            long watermark;
            try (PreparedStatement st = c.prepareStatement("SELECT published_id FROM repositories WHERE source_id = ?")) {
                st.setLong(1, repoId);
                try (ResultSet rs = st.executeQuery()) {
                    watermark = rs.next() ? rs.getLong(1) : 0;
                }
            }
            String sql = "WITH RECURSIVE reach(hash) AS (SELECT ? UNION SELECT j.value FROM reach"
                    + " JOIN commits p ON p.repo_id = ? AND p.hash = reach.hash,"
                    + " json_each('[\"' || replace(p.parents, ' ', '\",\"') || '\"]') j WHERE p.parents <> '')"
                    + " SELECT c.id FROM commits c JOIN reach ON reach.hash = c.hash"
                    + " WHERE c.id <= ? AND" + " c.repo_id = ?" + textFilter(text) + " ORDER BY c.sort_key DESC, c.id DESC";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, tip);
                st.setLong(2, repoId);
                st.setLong(3, watermark);
                bindText(st, 4, repoId, text);
                long[] ids = new long[1024];
                int n = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (n == ids.length) {
                            ids = java.util.Arrays.copyOf(ids, n * 2);
                        }
                        ids[n++] = rs.getLong(1);
                    }
                }
                return new ReachableIds(watermark, java.util.Arrays.copyOf(ids, n));
            }
        });
    }

    /** The watermark of what readers can see now; it moves when a sync publishes. */
    long watermark(long repoId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT published_id FROM repositories WHERE source_id = ?")) {
                st.setLong(1, repoId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** The commits with the row ids {@code ids[from..to)}, in that order. */
    List<CommitRow> rowsByIds(long repoId, long[] ids, int from, int to) {
        if (from >= to) {
            return List.of();
        }
        return db.read(c -> {
            StringBuilder list = new StringBuilder("[");
            for (int i = from; i < to; i++) {
                list.append(i == from ? "" : ",").append(ids[i]);
            }
            String sql = "SELECT c.id, " + ROW_COLUMNS + " FROM commits c"
                    + " WHERE c.repo_id = ? AND c.id IN (SELECT value FROM json_each(?))";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, repoId);
                st.setString(2, list.append(']').toString());
                Map<Long, CommitRow> byId = new HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byId.put(rs.getLong(1), row(rs, 2));
                    }
                }
                List<CommitRow> out = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    CommitRow row = byId.get(ids[i]);
                    if (row != null) {
                        out.add(row);
                    }
                }
                return out;
            }
        });
    }

    /** Commit row ids in history order, and the watermark they were read at. */
    record ReachableIds(long watermark, long[] ids) {
    }

    /** Full hashes in the repository that start with {@code prefix} (at most {@code limit}). */
    public List<String> resolvePrefix(long repoId, String prefix, int limit) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT c.hash FROM commits c WHERE" + VISIBLE
                    + " AND c.hash >= ? AND c.hash < ? ORDER BY c.hash LIMIT ?")) {
                st.setLong(1, repoId);
                st.setString(2, prefix);
                st.setString(3, prefix + "\uffff");
                st.setInt(4, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    public Optional<CommitDetail> detail(long repoId, String hash) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT c.hash, c.parents, c.author_name, c.author_email,"
                    + " c.author_time, c.author_tz, c.committer_name, c.committer_email, c.commit_time, c.commit_tz,"
                    + " c.subject, c.message FROM commits c WHERE" + VISIBLE + " AND c.hash = ?")) {
                st.setLong(1, repoId);
                st.setString(2, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<GitRef> labels = refs(c, repoId).stream().filter(r -> hash.equals(r.target())).toList();
                    return Optional.of(new CommitDetail(rs.getString(1), parents(rs.getString(2)), rs.getString(3),
                            rs.getString(4), time(rs.getLong(5), rs.getInt(6)), rs.getString(7), rs.getString(8),
                            time(rs.getLong(9), rs.getInt(10)), rs.getString(11), rs.getString(12), labels));
                }
            }
        });
    }

    /** Commits of every repository whose subject or author contains {@code text}, or whose hash starts with it. */
    public List<CommitHit> search(String text, int limit) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT c.repo_id, s.name, " + ROW_COLUMNS
                    + " FROM commits c JOIN sources s ON s.id = c.repo_id JOIN repositories r ON r.source_id = c.repo_id"
                    + " WHERE c.id <= r.published_id AND (c.subject LIKE ? ESCAPE '\\' OR c.author_name LIKE ? ESCAPE '\\'"
                    + " OR c.author_email LIKE ? ESCAPE '\\' OR c.hash LIKE ? ESCAPE '\\')"
                    + " ORDER BY c.sort_key DESC LIMIT ?")) {
                String contains = "%" + escapeLike(text) + "%";
                st.setString(1, contains);
                st.setString(2, contains);
                st.setString(3, contains);
                st.setString(4, escapeLike(text.toLowerCase()) + "%");
                st.setInt(5, limit);
                List<CommitHit> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CommitHit(rs.getLong(1), rs.getString(2), row(rs, 3)));
                    }
                }
                return out;
            }
        });
    }

    private static String textFilter(String text) {
        return text == null || text.isBlank() ? ""
                : " AND (c.subject LIKE ? ESCAPE '\\' OR c.author_name LIKE ? ESCAPE '\\' OR c.hash LIKE ? ESCAPE '\\')";
    }

    private static int bindText(PreparedStatement st, int start, long repoId, String text) throws SQLException {
        int i = start;
        st.setLong(i++, repoId);
        if (text != null && !text.isBlank()) {
            String contains = "%" + escapeLike(text.strip()) + "%";
            st.setString(i++, contains);
            st.setString(i++, contains);
            st.setString(i++, escapeLike(text.strip().toLowerCase()) + "%");
        }
        return i;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<CommitRow> rows(PreparedStatement st) throws SQLException {
        List<CommitRow> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, 1));
            }
        }
        return out;
    }

    private static CommitRow row(ResultSet rs, int first) throws SQLException {
        return new CommitRow(rs.getString(first), parents(rs.getString(first + 1)), rs.getString(first + 2),
                rs.getString(first + 3), time(rs.getLong(first + 4), rs.getInt(first + 5)), rs.getString(first + 6));
    }

    static List<String> parents(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    static OffsetDateTime time(long epochSeconds, int offsetMinutes) {
        // The same value as OffsetDateTime.ofInstant, without building the offset's ZoneRules for every commit.
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(epochSeconds, 0, offset), offset);
    }
}
