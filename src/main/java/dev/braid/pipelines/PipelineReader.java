package dev.braid.pipelines;

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

/** Reads cached pipeline runs and jobs: pages of a query, one run in full, the runs of a commit. */
final class PipelineReader {
    static final String RUN_SELECT = "SELECT r.run_pk, s.name, s.kind, r.run_id, r.number, r.pipeline, r.status,"
            + " r.source_status, r.ref, r.sha, r.event, r.title, r.author, r.created_at, r.started_at, r.finished_at,"
            + " r.queued_ms, r.duration_ms, r.attempt, r.url, r.parent_run_id, r.job_count, r.jobs_failed"
            + " FROM pipeline_runs r JOIN sources s ON s.id = r.source_id";

    /** A page of the runs {@code q} matches; {@code matching} is their count, or -1 when not known. */
    List<PipelineRun> runs(Connection c, PipelineQuery q, long matching) throws SQLException {
        return byKeys(c, RunPageKeys.keys(c, q, matching));
    }

    List<PipelineRun> runs(Connection c, PipelineQuery q) throws SQLException {
        return runs(c, q, -1);
    }

    long count(Connection c, PipelineQuery q) throws SQLException {
        return RunPageKeys.count(c, RunPageKeys.filter(c, q));
    }

    /** The runs of {@code keys}, in that order. */
    static List<PipelineRun> byKeys(Connection c, List<Long> keys) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement st = c.prepareStatement(RUN_SELECT + " WHERE r.run_pk IN (SELECT value FROM json_each(?))")) {
            st.setString(1, keys.toString());
            Map<Long, PipelineRun> found = new HashMap<>();
            readRuns(st).forEach(r -> found.put(r.runPk(), r));
            List<PipelineRun> out = new ArrayList<>(keys.size());
            keys.stream().map(found::get).filter(java.util.Objects::nonNull).forEach(out::add);
            return withCommits(c, out);
        }
    }

    Optional<PipelineRun> run(Connection c, String source, String runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RUN_SELECT + " WHERE s.name = ? AND r.run_id = ?")) {
            st.setString(1, source);
            st.setString(2, runId);
            return withCommits(c, readRuns(st)).stream().findFirst();
        }
    }

    List<PipelineJob> jobs(Connection c, long runPk) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + PipelineStore.JOB_COLUMNS
                + " FROM pipeline_jobs WHERE run_pk = ? ORDER BY position, job_id")) {
            st.setLong(1, runPk);
            List<PipelineJob> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(job(rs));
                }
            }
            return out;
        }
    }

    /** Runs that name {@code run} as their parent, or that a bridge of it started. */
    List<PipelineRun> downstream(Connection c, PipelineRun run) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RUN_SELECT + " WHERE s.name = ?1 AND (r.parent_run_id = ?2 OR r.run_id IN"
                + " (SELECT j.downstream_id FROM pipeline_jobs j WHERE j.run_pk = ?3 AND j.downstream_id IS NOT NULL))"
                + " ORDER BY r.created_at, r.run_pk")) {
            st.setString(1, run.source());
            st.setString(2, run.id());
            st.setLong(3, run.runPk());
            return withCommits(c, readRuns(st));
        }
    }

    /** The run that started {@code run}: its parent, or the run whose bridge names it. */
    Optional<PipelineRun> parent(Connection c, PipelineRun run) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RUN_SELECT + " WHERE s.name = ?1 AND (r.run_id = ?2 OR r.run_pk IN"
                + " (SELECT j.run_pk FROM pipeline_jobs j JOIN pipeline_runs o ON o.run_pk = j.run_pk JOIN sources so"
                + " ON so.id = o.source_id WHERE so.name = ?1 AND j.downstream_id = ?3)) LIMIT 1")) {
            st.setString(1, run.source());
            st.setString(2, run.parentId() == null ? "\u0000" : run.parentId());
            st.setString(3, run.id());
            return withCommits(c, readRuns(st)).stream().findFirst();
        }
    }

    private static String marks(int n) {
        return RunPageKeys.marks(n);
    }

    private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
        RunPageKeys.bind(st, args);
    }

    static List<PipelineRun> readRuns(PreparedStatement st) throws SQLException {
        List<PipelineRun> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new PipelineRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), longOrNull(rs, 5),
                        rs.getString(6), PipelineStatus.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), instant(rs, 14),
                        instant(rs, 15), instant(rs, 16), longOrNull(rs, 17), longOrNull(rs, 18), rs.getInt(19),
                        rs.getString(20), rs.getString(21), rs.getInt(22), rs.getInt(23)));
            }
        }
        return out;
    }

    /** Fills commit subjects and authors the source left out from the indexed repositories. */
    static List<PipelineRun> withCommits(Connection c, List<PipelineRun> runs) throws SQLException {
        List<String> missing = runs.stream().filter(r -> r.title() == null && r.sha() != null).map(PipelineRun::sha)
                .distinct().toList();
        if (missing.isEmpty()) {
            return runs;
        }
        Map<String, String[]> found = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT hash, subject, author_name FROM commits WHERE repo_id IN"
                + " (SELECT source_id FROM repositories) AND hash IN (" + marks(missing.size()) + ")")) {
            bind(st, new ArrayList<>(missing));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.putIfAbsent(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        List<PipelineRun> out = new ArrayList<>(runs.size());
        for (PipelineRun run : runs) {
            String[] commit = run.sha() == null ? null : found.get(run.sha());
            out.add(commit == null ? run : run.withCommit(commit[0], commit[1]));
        }
        return out;
    }

    private static PipelineJob job(ResultSet rs) throws SQLException {
        PipelineJob.Downstream downstream = rs.getString(19) == null ? null
                : new PipelineJob.Downstream(rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22));
        return new PipelineJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                PipelineStatus.valueOf(rs.getString(5)), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                longOrNull(rs, 10), longOrNull(rs, 11), rs.getInt(12), rs.getInt(13) == 1, rs.getInt(14) == 1,
                rs.getString(15), PipelineJson.readList(rs.getString(16)), rs.getString(17), rs.getInt(18), downstream,
                PipelineJson.readSteps(rs.getString(23)));
    }

    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Long value = longOrNull(rs, column);
        return value == null ? null : Instant.ofEpochMilli(value);
    }
}
