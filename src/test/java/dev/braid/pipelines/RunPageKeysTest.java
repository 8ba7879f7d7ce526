package dev.braid.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of runs read by walking an index and by sorting the matches both give the order a full
 * sort in Java gives (unknown values last, ties by creation time and key), for every column,
 * direction, filter and page; the walks use their index with nothing left to sort.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPageKeysTest {
    private static final String[] REFS = {"main", "develop", "feature/a", "feature/b", "release"};
    private PipelineFixture fx;
    private List<Row> rows;

    /** What the expected orders are computed from: a run's columns as cached. */
    record Row(long pk, String source, String kind, String status, String ref, String sha, Long created, Long started,
               Long duration, Long queued, Long number, long failedJobs, String pipeline) {
    }

    @BeforeAll
    void fill(@TempDir Path dir) throws Exception {
        fx = new PipelineFixture(dir, Map.of());
        Random random = new Random(42);
        String[][] sources = {{"alpha", "gitlab"}, {"beta", "github"}, {"gamma", "jenkins"}};
        PipelineStatus[] statuses = PipelineStatus.values();
        for (String[] s : sources) {
            long id = fx.db.write(c -> fx.sources.insert(c, s[1], s[0], Map.of("url", "https://ci.example.org")).id());
            List<RunData> runs = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                RunData run = new RunData(s[0] + "-" + i);
                run.number = random.nextInt(20) == 0 ? null : (long) random.nextInt(400);
                run.status = statuses[random.nextInt(statuses.length)];
                run.ref = random.nextInt(10) == 0 ? null : REFS[random.nextInt(REFS.length)];
                run.pipeline = random.nextInt(10) == 0 ? null : "pipeline-" + random.nextInt(4);
                run.sha = String.format("%040x", random.nextLong() & Long.MAX_VALUE);
                // Few distinct times, so that ties are common.
                run.createdAt = random.nextInt(30) == 0 ? null : 1_700_000_000_000L + random.nextInt(150) * 1000L;
                run.startedAt = random.nextInt(10) == 0 || run.createdAt == null ? null
                        : run.createdAt + random.nextInt(5) * 1000L;
                run.finishedAt = run.startedAt == null || random.nextInt(8) == 0 ? null
                        : run.startedAt + random.nextInt(40) * 1000L;
                int failed = random.nextInt(4) == 0 ? random.nextInt(3) + 1 : 0;
                for (int j = 0; j < 3 + failed; j++) {
                    JobData job = new JobData("j" + j, "job-" + j);
                    job.status = j < failed ? PipelineStatus.FAILED : PipelineStatus.SUCCESS;
                    run.jobs.add(job);
                }
                runs.add(run);
            }
            fx.db.write(c -> {
                PipelineStore store = new PipelineStore();
                store.stage(c, id, runs);
                store.publish(c, id, false, java.util.Set.of());
                return null;
            });
        }
        rows = fx.db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT r.run_pk, s.name, s.kind, r.status, r.ref, r.sha, r.created_at,"
                    + " r.started_at, r.duration_ms, r.queued_ms, r.number, r.jobs_failed, r.pipeline FROM pipeline_runs r JOIN sources s"
                    + " ON s.id = r.source_id"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), PipelineReader.longOrNull(rs, 7), PipelineReader.longOrNull(rs, 8),
                            PipelineReader.longOrNull(rs, 9), PipelineReader.longOrNull(rs, 10),
                            PipelineReader.longOrNull(rs, 11), rs.getLong(12), rs.getString(13)));
                }
            }
            return out;
        });
        assertEquals(720, rows.size());
    }

    @AfterAll
    void close() {
        fx.close();
    }

    /** A filter as a query and as the rows it keeps. */
    record Case(String name, PipelineQuery query, Predicate<Row> keeps) {
    }

    private List<Case> filters() {
        String sha = rows.get(17).sha().substring(0, 4);
        long from = 1_700_000_000_000L + 100_000L;
        return List.of(
                new Case("none", PipelineQuery.all(), r -> true),
                new Case("source", query(List.of("alpha"), List.of(), null, List.of(), null, null), r -> r.source().equals("alpha")),
                new Case("kinds", query(List.of(), List.of("github", "jenkins"), null, List.of(), null, null),
                        r -> !r.kind().equals("gitlab")),
                new Case("branch", query(List.of(), List.of(), "main", List.of(), null, null), r -> "main".equals(r.ref())),
                new Case("status", query(List.of(), List.of(), null, List.of(PipelineStatus.FAILED), null, null),
                        r -> r.status().equals("FAILED")),
                new Case("two statuses", query(List.of(), List.of(), null, List.of(PipelineStatus.FAILED, PipelineStatus.CANCELED),
                        null, null), r -> r.status().equals("FAILED") || r.status().equals("CANCELED")),
                new Case("source, branch and status", query(List.of("beta"), List.of(), "main", List.of(PipelineStatus.SUCCESS),
                        null, null), r -> r.source().equals("beta") && "main".equals(r.ref()) && r.status().equals("SUCCESS")),
                new Case("commit prefix", query(List.of(), List.of(), null, List.of(), sha, null), r -> r.sha().startsWith(sha)),
                new Case("since", query(List.of(), List.of(), null, List.of(), null, Instant.ofEpochMilli(from)),
                        r -> r.created() != null && r.created() >= from),
                new Case("unknown source", query(List.of("nope"), List.of(), null, List.of(), null, null), r -> false));
    }

    private static PipelineQuery query(List<String> sources, List<String> kinds, String branch, List<PipelineStatus> statuses,
                                       String sha, Instant from) {
        return new PipelineQuery(sources, kinds, branch, statuses, sha, from, null, PipelineQuery.Sort.CREATED, false, 0, 0);
    }

    @Test
    void everyOrderFilterAndPageMatchesAFullSortWhicheverWayItIsRead() {
        int checked = 0;
        for (Case c : filters()) {
            List<Row> matching = rows.stream().filter(c.keeps()).toList();
            assertEquals(matching.size(), fx.service.countRuns(c.query()), c.name());
            for (PipelineQuery.Sort sort : PipelineQuery.Sort.values()) {
                for (boolean asc : new boolean[] {true, false}) {
                    List<Long> expected = matching.stream().sorted(order(sort, asc)).map(Row::pk).toList();
                    int nulls = (int) matching.stream().filter(r -> value(sort, r) == null).count();
                    int boundary = Math.max(0, expected.size() - nulls - 7);
                    int[][] pages = {{0, 50}, {boundary, 20}, {expected.size() + 5, 10}, {0, 0}, {30, 0}, {expected.size() - 3, 50}};
                    for (int[] page : pages) {
                        int offset = Math.max(0, page[0]);
                        PipelineQuery q = c.query().sorted(sort, asc).page(offset, page[1]);
                        List<Long> want = expected.subList(Math.min(offset, expected.size()),
                                page[1] == 0 ? expected.size() : Math.min(expected.size(), offset + page[1]));
                        for (RunPageKeys.Plan plan : RunPageKeys.Plan.values()) {
                            List<Long> got = fx.db.read(conn -> RunPageKeys.keys(conn, q, -1, plan, RunPageKeys.Statements.NONE));
                            assertEquals(want, got, c.name() + ", " + sort + (asc ? " asc" : " desc") + ", offset " + offset
                                    + " limit " + page[1] + ", " + plan);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000);
    }

    @Test
    void thePageKeepsItsOrderWithTheRunsInFull() {
        PipelineQuery q = PipelineQuery.all().sorted(PipelineQuery.Sort.DURATION, false).page(10, 25);
        RunPage page = fx.service.page(q);
        assertEquals(720, page.total());
        List<Long> expected = rows.stream().sorted(order(PipelineQuery.Sort.DURATION, false)).map(Row::pk).toList().subList(10, 35);
        assertEquals(expected, page.runs().stream().map(PipelineRun::runPk).toList());
        assertEquals(expected, fx.service.runs(q).stream().map(PipelineRun::runPk).toList());
    }

    @Test
    void walksReadTheirIndexWithNothingLeftToSort() {
        for (Case c : filters()) {
            for (PipelineQuery.Sort sort : PipelineQuery.Sort.values()) {
                // Source names and kinds are in the sources table: a few of them, each walked by its own index.
                if (sort == PipelineQuery.Sort.SOURCE || sort == PipelineQuery.Sort.KIND || c.name().equals("two statuses") && sort != PipelineQuery.Sort.STATUS) {
                    continue;
                }
                for (boolean asc : new boolean[] {true, false}) {
                    List<String> plans = new ArrayList<>();
                    PipelineQuery q = c.query().sorted(sort, asc).page(0, 1000);
                    fx.db.read(conn -> RunPageKeys.keys(conn, q, -1, RunPageKeys.Plan.WALK, (sql, args) -> plans.add(plan(conn, sql, args))));
                    for (String plan : plans) {
                        assertFalse(plan.contains("TEMP B-TREE"), c.name() + ", " + sort + ": " + plan);
                        assertTrue(plan.contains("INDEX pipeline_runs_"), c.name() + ", " + sort + ": " + plan);
                    }
                }
            }
        }
    }

    @Test
    void aBroadFilterWalksTheSortIndexAndANarrowOneSortsItsMatches() {
        List<String> broad = new ArrayList<>();
        PipelineQuery failed = query(List.of("alpha"), List.of(), null, List.of(), null, null)
                .sorted(PipelineQuery.Sort.DURATION, false).page(0, 20);
        fx.db.read(conn -> RunPageKeys.keys(conn, failed, -1, RunPageKeys.Plan.CHOOSE, (sql, args) -> broad.add(sql)));
        assertTrue(broad.get(0).contains("INDEXED BY pipeline_runs_by_duration"), broad.toString());
        List<String> narrow = new ArrayList<>();
        PipelineQuery commit = query(List.of(), List.of(), null, List.of(), rows.get(3).sha(), null)
                .sorted(PipelineQuery.Sort.DURATION, false).page(0, 20);
        fx.db.read(conn -> RunPageKeys.keys(conn, commit, -1, RunPageKeys.Plan.CHOOSE, (sql, args) -> narrow.add(sql)));
        assertFalse(narrow.get(0).contains("INDEXED BY"), narrow.toString());
    }

    private static String plan(Connection c, String sql, List<Object> args) {
        try (PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            RunPageKeys.bind(st, args);
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(4)).append("; ");
                }
            }
            return out.toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Comparable<?> value(PipelineQuery.Sort sort, Row r) {
        return switch (sort) {
            case CREATED -> r.created();
            case STARTED -> r.started();
            case DURATION -> r.duration();
            case QUEUED -> r.queued();
            case NUMBER -> r.number();
            case STATUS -> r.status();
            case REF -> r.ref();
            case JOBS -> r.failedJobs();
            case SOURCE -> r.source();
            case KIND -> r.kind();
            case PIPELINE -> r.pipeline();
        };
    }

    /** The column in the direction chosen with unknown values last, then creation time (SQLite's nulls) and key. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Row> order(PipelineQuery.Sort sort, boolean asc) {
        Comparator<Comparable> natural = Comparator.naturalOrder();
        Comparator<Row> column = Comparator.comparing(r -> (Comparable) value(sort, r),
                Comparator.nullsLast(asc ? natural : natural.reversed()));
        Comparator<Long> sqlite = Comparator.nullsFirst(Comparator.<Long>naturalOrder());
        Function<Comparator<Long>, Comparator<Long>> dir = c -> asc ? c : c.reversed();
        boolean byTime = sort == PipelineQuery.Sort.STATUS || sort == PipelineQuery.Sort.REF || sort == PipelineQuery.Sort.JOBS
                || sort == PipelineQuery.Sort.SOURCE || sort == PipelineQuery.Sort.KIND || sort == PipelineQuery.Sort.PIPELINE;
        if (byTime) {
            column = column.thenComparing(Row::created, dir.apply(sqlite));
        }
        return column.thenComparing(Row::pk, dir.apply(Comparator.naturalOrder()));
    }
}
