package dev.braid.pipelines;

import dev.braid.sync.SyncCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes pipeline runs (migration 030). A sync stages what it fetched in batches
 * ({@link #stage}) and publishes it in one transaction at its end ({@link #publish}): until then
 * readers see the runs as they were, and a killed sync leaves only staged rows that the next sync
 * clears.
 */
public final class PipelineStore {
    static final String RUN_COLUMNS = "run_id, number, pipeline, status, source_status, ref, sha, event, title, author,"
            + " created_at, started_at, finished_at, queued_ms, duration_ms, attempt, url, parent_run_id, job_count,"
            + " jobs_failed, version, etag, content_hash, definition_hash";
    static final String JOB_COLUMNS = "job_id, name, stage, kind, status, source_status, created_at, started_at,"
            + " finished_at, queued_ms, duration_ms, attempt, retried, allow_failure, runner, needs, url, position,"
            + " downstream_id, downstream_project, downstream_url, downstream_status, steps";

    /** What the cache holds of a run, enough to decide whether to fetch it again. */
    public record Cached(String version, boolean finished, String etag) {
    }

    /** Removes whatever an unfinished sync of the source left staged. */
    public void clearStaged(Connection c, long sourceId) throws SQLException {
        for (String table : new String[] {"pipeline_jobs_staged", "pipeline_runs_staged", "pipeline_runs_seen"}) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE source_id = ?")) {
                st.setLong(1, sourceId);
                st.executeUpdate();
            }
        }
    }

    /** Every cached run of the source by id, with its version and whether it has finished. */
    public Map<String, Cached> cached(Connection c, long sourceId) throws SQLException {
        Map<String, Cached> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT run_id, version, status, etag FROM pipeline_runs WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    PipelineStatus status = PipelineStatus.valueOf(rs.getString(3));
                    out.put(rs.getString(1), new Cached(rs.getString(2), status.finished(), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Stages runs with their jobs; a run staged twice keeps its latest copy. */
    public void stage(Connection c, long sourceId, Collection<RunData> runs) throws SQLException {
        try (PreparedStatement dropJobs = c.prepareStatement(
                "DELETE FROM pipeline_jobs_staged WHERE source_id = ? AND run_id = ?");
             PreparedStatement run = c.prepareStatement("INSERT OR REPLACE INTO pipeline_runs_staged(source_id, "
                     + RUN_COLUMNS + ") VALUES (?" + ", ?".repeat(24) + ")");
             PreparedStatement job = c.prepareStatement("INSERT OR REPLACE INTO pipeline_jobs_staged(source_id, run_id, "
                     + JOB_COLUMNS + ") VALUES (?, ?" + ", ?".repeat(23) + ")")) {
            for (RunData r : runs) {
                r.complete();
                dropJobs.setLong(1, sourceId);
                dropJobs.setString(2, r.runId);
                dropJobs.executeUpdate();
                bindRun(run, sourceId, r);
                run.executeUpdate();
                for (JobData j : r.jobs) {
                    bindJob(job, sourceId, r.runId, j);
                    job.addBatch();
                }
                job.executeBatch();
            }
        }
    }

    /** Remembers run ids a full reconciliation listed. */
    public void markSeen(Connection c, long sourceId, Collection<String> runIds) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT OR IGNORE INTO pipeline_runs_seen(source_id, run_id) VALUES (?, ?)")) {
            for (String id : runIds) {
                st.setLong(1, sourceId);
                st.setString(2, id);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /**
     * Moves the staged runs into the cache: new runs are added, runs whose content changed replace
     * theirs (jobs and all), unchanged ones only refresh their ETag. With {@code full}, cached runs
     * the reconciliation did not list are removed; {@code gone} are removed in any case.
     */
    public SyncCounts publish(Connection c, long sourceId, boolean full, Set<String> gone) throws SQLException {
        long added = count(c, "SELECT COUNT(*) FROM pipeline_runs_staged s WHERE s.source_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM pipeline_runs r WHERE r.source_id = s.source_id AND r.run_id = s.run_id)", sourceId);
        long changed = count(c, "SELECT COUNT(*) FROM pipeline_runs_staged s JOIN pipeline_runs r ON r.source_id = s.source_id"
                + " AND r.run_id = s.run_id WHERE s.source_id = ? AND r.content_hash <> s.content_hash", sourceId);
        update(c, "UPDATE pipeline_runs SET etag = s.etag FROM pipeline_runs_staged s WHERE s.source_id = ?1"
                + " AND pipeline_runs.source_id = s.source_id AND pipeline_runs.run_id = s.run_id"
                + " AND pipeline_runs.content_hash = s.content_hash AND pipeline_runs.etag IS NOT s.etag", sourceId);
        update(c, "DELETE FROM pipeline_runs_staged WHERE source_id = ?1 AND EXISTS (SELECT 1 FROM pipeline_runs r"
                + " WHERE r.source_id = pipeline_runs_staged.source_id AND r.run_id = pipeline_runs_staged.run_id"
                + " AND r.content_hash = pipeline_runs_staged.content_hash)", sourceId);
        update(c, "DELETE FROM pipeline_jobs WHERE run_pk IN (SELECT r.run_pk FROM pipeline_runs r JOIN pipeline_runs_staged s"
                + " ON s.source_id = r.source_id AND s.run_id = r.run_id WHERE s.source_id = ?1)", sourceId);
        StringBuilder set = new StringBuilder();
        for (String column : RUN_COLUMNS.split(",\\s*")) {
            if (!column.equals("run_id")) {
                set.append(set.length() == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
            }
        }
        update(c, "INSERT INTO pipeline_runs(source_id, " + RUN_COLUMNS + ") SELECT source_id, " + RUN_COLUMNS
                + " FROM pipeline_runs_staged WHERE source_id = ?1 ON CONFLICT(source_id, run_id) DO UPDATE SET " + set, sourceId);
        update(c, "INSERT INTO pipeline_jobs(run_pk, " + JOB_COLUMNS + ") SELECT r.run_pk, " + prefixed("j.", JOB_COLUMNS)
                + " FROM pipeline_jobs_staged j JOIN pipeline_runs r ON r.source_id = j.source_id AND r.run_id = j.run_id"
                + " WHERE j.source_id = ?1", sourceId);
        long removed = 0;
        if (full) {
            removed += update(c, "DELETE FROM pipeline_runs WHERE source_id = ?1 AND NOT EXISTS (SELECT 1 FROM"
                    + " pipeline_runs_seen s WHERE s.source_id = ?1 AND s.run_id = pipeline_runs.run_id)", sourceId);
        }
        if (!gone.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM pipeline_runs WHERE source_id = ? AND run_id = ?")) {
                for (String id : new HashSet<>(gone)) {
                    st.setLong(1, sourceId);
                    st.setString(2, id);
                    removed += st.executeUpdate();
                }
            }
        }
        clearStaged(c, sourceId);
        return new SyncCounts(added, changed, removed);
    }

    private static String prefixed(String prefix, String columns) {
        StringBuilder out = new StringBuilder();
        for (String column : columns.split(",\\s*")) {
            out.append(out.length() == 0 ? "" : ", ").append(prefix).append(column);
        }
        return out.toString();
    }

    private static long count(Connection c, String sql, long sourceId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static int update(Connection c, String sql, long sourceId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, sourceId);
            return st.executeUpdate();
        }
    }

    private static void bindRun(PreparedStatement st, long sourceId, RunData r) throws SQLException {
        int i = 1;
        st.setLong(i++, sourceId);
        st.setString(i++, r.runId);
        setLong(st, i++, r.number);
        st.setString(i++, r.pipeline);
        st.setString(i++, r.status.name());
        st.setString(i++, r.sourceStatus);
        st.setString(i++, r.ref);
        st.setString(i++, r.sha);
        st.setString(i++, r.event);
        st.setString(i++, r.title);
        st.setString(i++, r.author);
        setLong(st, i++, r.createdAt);
        setLong(st, i++, r.startedAt);
        setLong(st, i++, r.finishedAt);
        setLong(st, i++, r.queuedMs);
        setLong(st, i++, r.durationMs);
        st.setInt(i++, r.attempt);
        st.setString(i++, r.url);
        st.setString(i++, r.parentRunId);
        st.setInt(i++, r.jobCount());
        st.setInt(i++, r.jobsFailed());
        st.setString(i++, r.version);
        st.setString(i++, r.etag);
        st.setString(i++, RunHash.of(r));
        st.setString(i, r.definitionHash);
    }

    private static void bindJob(PreparedStatement st, long sourceId, String runId, JobData j) throws SQLException {
        int i = 1;
        st.setLong(i++, sourceId);
        st.setString(i++, runId);
        st.setString(i++, j.jobId);
        st.setString(i++, j.name == null ? j.jobId : j.name);
        st.setString(i++, j.stage);
        st.setString(i++, j.kind);
        st.setString(i++, j.status.name());
        st.setString(i++, j.sourceStatus);
        setLong(st, i++, j.createdAt);
        setLong(st, i++, j.startedAt);
        setLong(st, i++, j.finishedAt);
        setLong(st, i++, j.queuedMs);
        setLong(st, i++, j.durationMs);
        st.setInt(i++, j.attempt);
        st.setInt(i++, j.retried ? 1 : 0);
        st.setInt(i++, j.allowFailure ? 1 : 0);
        st.setString(i++, j.runner);
        st.setString(i++, j.needs.isEmpty() ? null : PipelineJson.write(j.needs));
        st.setString(i++, j.url);
        st.setInt(i++, j.position);
        st.setString(i++, j.downstreamId);
        st.setString(i++, j.downstreamProject);
        st.setString(i++, j.downstreamUrl);
        st.setString(i++, j.downstreamStatus);
        st.setString(i, j.steps.isEmpty() ? null : PipelineJson.writeSteps(j.steps));
    }

    private static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setLong(index, value);
        }
    }

    /** Counts every cached run of every pipeline source (for tests and the status line). */
    public long runCount(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pipeline_runs")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
