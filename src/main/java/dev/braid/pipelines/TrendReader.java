package dev.braid.pipelines;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes {@link PipelineTrends} over the newest finished runs a query matches. */
final class TrendReader {
    static final int TOP = 10;

    PipelineTrends trends(Connection c, PipelineQuery query, int maxRuns) throws SQLException {
        List<PipelineRun> runs = new PipelineReader().runs(c, query.sorted(PipelineQuery.Sort.CREATED, false).page(0, maxRuns));
        List<PipelineRun> finished = runs.stream().filter(r -> r.status().finished() && r.status() != PipelineStatus.SKIPPED)
                .toList();
        TreeMap<LocalDate, List<PipelineRun>> byDay = new TreeMap<>();
        for (PipelineRun run : finished) {
            if (run.createdAt() != null) {
                byDay.computeIfAbsent(PipelineTrends.Day.of(run.createdAt()), d -> new ArrayList<>()).add(run);
            }
        }
        List<PipelineTrends.Day> days = new ArrayList<>();
        byDay.forEach((day, list) -> {
            List<Long> durations = list.stream().map(PipelineRun::durationMs).filter(java.util.Objects::nonNull).sorted().toList();
            days.add(new PipelineTrends.Day(day, list.size(), (int) list.stream().filter(r -> r.status() == PipelineStatus.FAILED)
                    .count(), percentile(durations, 50), percentile(durations, 95)));
        });
        List<PipelineTrends.Job> jobs = jobs(c, finished);
        long failed = finished.stream().filter(r -> r.status() == PipelineStatus.FAILED).count();
        List<PipelineTrends.Job> slowest = jobs.stream().filter(j -> j.medianMs() != null)
                .sorted(Comparator.comparing(PipelineTrends.Job::medianMs).reversed()).limit(TOP).toList();
        List<PipelineTrends.Job> flakiest = jobs.stream().filter(j -> j.flaky() > 0)
                .sorted(Comparator.comparingInt(PipelineTrends.Job::flaky).reversed()
                        .thenComparing(Comparator.comparingDouble(PipelineTrends.Job::flakyRate).reversed()))
                .limit(TOP).toList();
        Instant from = finished.stream().map(PipelineRun::createdAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        Instant to = finished.stream().map(PipelineRun::createdAt).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        return new PipelineTrends(finished.size(), finished.isEmpty() ? 0 : (double) failed / finished.size(), days, jobs,
                slowest, flakiest, from, to);
    }

    private static final class JobStats {
        final List<Long> durations = new ArrayList<>();
        int attempts;
        int failures;
        final Set<String> commits = new HashSet<>();
        final Map<String, List<long[]>> outcomes = new HashMap<>();
    }

    /** Per job: every attempt of it in the finished runs, with flaky commits found by time order. */
    private static List<PipelineTrends.Job> jobs(Connection c, List<PipelineRun> runs) throws SQLException {
        Map<Long, PipelineRun> byPk = new HashMap<>();
        runs.forEach(r -> byPk.put(r.runPk(), r));
        Map<String, JobStats> stats = new LinkedHashMap<>();
        List<Long> keys = new ArrayList<>(byPk.keySet());
        for (int from = 0; from < keys.size(); from += 500) {
            List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            try (PreparedStatement st = c.prepareStatement("SELECT run_pk, name, status, duration_ms, started_at, attempt"
                    + " FROM pipeline_jobs WHERE kind <> 'bridge' AND run_pk IN (" + String.join(",", java.util.Collections
                    .nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        PipelineRun run = byPk.get(rs.getLong(1));
                        PipelineStatus status = PipelineStatus.valueOf(rs.getString(3));
                        if (!status.finished() || status == PipelineStatus.SKIPPED) {
                            continue;
                        }
                        String key = run.source() + "\n" + (run.pipeline() == null ? "" : run.pipeline()) + "\n" + rs.getString(2);
                        JobStats s = stats.computeIfAbsent(key, k -> new JobStats());
                        s.attempts++;
                        if (status == PipelineStatus.FAILED) {
                            s.failures++;
                        }
                        long duration = rs.getLong(4);
                        if (!rs.wasNull() && status == PipelineStatus.SUCCESS) {
                            s.durations.add(duration);
                        }
                        if (run.sha() != null) {
                            s.commits.add(run.sha());
                            long when = rs.getLong(5);
                            long order = rs.wasNull() ? (run.createdAt() == null ? 0 : run.createdAt().toEpochMilli()) : when;
                            s.outcomes.computeIfAbsent(run.sha(), k -> new ArrayList<>())
                                    .add(new long[] {order, rs.getInt(6), status == PipelineStatus.FAILED ? 1 : 0});
                        }
                    }
                }
            }
        }
        List<PipelineTrends.Job> out = new ArrayList<>();
        stats.forEach((key, s) -> {
            String[] parts = key.split("\n", 3);
            s.durations.sort(null);
            int flaky = 0;
            for (List<long[]> attempts : s.outcomes.values()) {
                attempts.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
                boolean failedBefore = false;
                for (long[] a : attempts) {
                    if (a[2] == 1) {
                        failedBefore = true;
                    } else if (failedBefore) {
                        flaky++;
                        break;
                    }
                }
            }
            out.add(new PipelineTrends.Job(parts[0], parts[1].isEmpty() ? null : parts[1], parts[2], s.attempts, s.failures,
                    percentile(s.durations, 50), percentile(s.durations, 95), s.commits.size(), flaky));
        });
        out.sort(Comparator.comparing(PipelineTrends.Job::source).thenComparing(j -> String.valueOf(j.pipeline()))
                .thenComparing(PipelineTrends.Job::name));
        return out;
    }

    /** The nearest-rank percentile of sorted values; null for none. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
