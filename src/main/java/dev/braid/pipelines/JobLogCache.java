package dev.braid.pipelines;

import dev.braid.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Job logs kept in the cache once fetched, under a total size cap (Settings): saving one drops the
 * oldest until everything fits. One log alone never takes more than the cap; its end is kept.
 */
final class JobLogCache {
    private final Database db;
    private volatile long cap;

    JobLogCache(Database db, long cap) {
        this.db = db;
        this.cap = Math.max(1, cap);
    }

    long perLogCap() {
        return Math.min(cap, 64L * 1024 * 1024);
    }

    void setCap(long bytes) {
        cap = Math.max(1, bytes);
        db.write(c -> {
            evict(c, 0);
            return null;
        });
    }

    Optional<JobLog> read(long runPk, String jobId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT text, truncated, fetched_at FROM pipeline_logs WHERE run_pk = ? AND job_id = ?")) {
                st.setLong(1, runPk);
                st.setString(2, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new JobLog(rs.getString(1), rs.getInt(2) == 1, rs.getLong(3)))
                            : Optional.<JobLog>empty();
                }
            }
        });
    }

    void save(long runPk, String jobId, JobLog log) {
        long size = log.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > cap) {
            return;
        }
        db.write(c -> {
            evict(c, size);
            try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO pipeline_logs(run_pk, job_id, fetched_at,"
                    + " size, truncated, text) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setLong(1, runPk);
                st.setString(2, jobId);
                st.setLong(3, log.fetchedAt());
                st.setLong(4, size);
                st.setInt(5, log.truncated() ? 1 : 0);
                st.setString(6, log.text());
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Drops the oldest logs until {@code incoming} more bytes fit under the cap. */
    private void evict(java.sql.Connection c, long incoming) throws java.sql.SQLException {
        long total;
        try (PreparedStatement st = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM pipeline_logs");
             ResultSet rs = st.executeQuery()) {
            total = rs.next() ? rs.getLong(1) : 0;
        }
        if (total + incoming <= cap) {
            return;
        }
        try (PreparedStatement oldest = c.prepareStatement(
                "SELECT run_pk, job_id, size FROM pipeline_logs ORDER BY fetched_at, run_pk, job_id");
             PreparedStatement drop = c.prepareStatement("DELETE FROM pipeline_logs WHERE run_pk = ? AND job_id = ?");
             ResultSet rs = oldest.executeQuery()) {
            while (total + incoming > cap && rs.next()) {
                drop.setLong(1, rs.getLong(1));
                drop.setString(2, rs.getString(2));
                drop.executeUpdate();
                total -= rs.getLong(3);
            }
        }
    }
}
