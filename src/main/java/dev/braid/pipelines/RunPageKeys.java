package dev.braid.pipelines;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The keys of one page of cached runs in a query's order, read the way the indexes of migration
 * 100 serve it best (docs/decisions/0022-pipeline-run-orders.md).
 *
 * <p>Every order is the sort column, then (for columns with many equal values) the creation time,
 * then the run's key, all in the chosen direction, with unknown values last: that is exactly the
 * order of the column's index walked forwards or backwards, so a page is read by walking the index
 * and stopping when the page is full. Runs without a value are the same index's {@code IS NULL}
 * range, walked after the others. The filters are tested on the columns the index carries.
 *
 * <p>A walk visits about {@code (offset + limit) × all / matches} index entries; a filter that
 * matches few runs is cheaper served by its own index and a sort of its matches. The matching
 * count (which the table shows anyway) decides between the two.
 */
final class RunPageKeys {
    /** A walk is chosen while it visits at most this many entries per run a sort would read. */
    static final long WALK_PER_SORTED = 4;

    /** How a sort column maps onto the schema. */
    enum Order {
        CREATED("r.created_at", "pipeline_runs_by_time", false, true),
        STARTED("r.started_at", "pipeline_runs_by_started", false, true),
        DURATION("r.duration_ms", "pipeline_runs_by_duration", false, true),
        QUEUED("r.queued_ms", "pipeline_runs_by_queued", false, true),
        NUMBER("r.number", "pipeline_runs_by_number", false, true),
        STATUS("r.status", "pipeline_runs_in_status", true, false),
        REF("r.ref", "pipeline_runs_on_ref", true, true),
        JOBS("r.jobs_failed", "pipeline_runs_by_failed_jobs", true, false),
        SOURCE("s.name", null, true, false),
        KIND("s.kind", null, true, false),
        PIPELINE("r.pipeline", "pipeline_runs_by_pipeline", true, true);

        final String column;
        final String index;
        final boolean byTimeWithin;
        final boolean nullable;

        Order(String column, String index, boolean byTimeWithin, boolean nullable) {
            this.column = column;
            this.index = index;
            this.byTimeWithin = byTimeWithin;
            this.nullable = nullable;
        }

        static Order of(PipelineQuery.Sort sort) {
            return valueOf(sort.name());
        }

        /** The tie-breaks after the column, in {@code direction}. */
        String ties(String direction) {
            return (byTimeWithin ? "r.created_at" + direction + ", " : "") + "r.run_pk" + direction;
        }
    }

    /** The filters of a query as conditions on the runs table alone (no join). */
    record Filter(String sql, List<Object> args, String equalityIndex) {
        boolean none() {
            return sql.isEmpty();
        }

        String where(String extra) {
            String all = sql.isEmpty() ? extra : extra == null ? sql : sql + " AND " + extra;
            return all == null || all.isEmpty() ? "" : " WHERE " + all;
        }
    }

    /** How a page is read: chosen by the counts, or (for tests) one way or the other. */
    enum Plan { CHOOSE, WALK, SORT }

    /** Sees each statement run, with its arguments (tests read their query plans). */
    interface Statements {
        Statements NONE = (sql, args) -> { };

        void ran(String sql, List<Object> args);
    }

    private RunPageKeys() {
    }

    /** The filters of {@code q}; source names and kinds are looked up here, so the runs are tested by key. */
    static Filter filter(Connection c, PipelineQuery q) throws SQLException {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String equality = null;
        if (!q.sources().isEmpty() || !q.kinds().isEmpty()) {
            List<Long> ids = sourceIds(c, q);
            if (ids.size() == 1) {
                clauses.add("r.source_id = ?");
                equality = "pipeline_runs_in_source";
            } else {
                clauses.add(ids.isEmpty() ? "r.source_id IS NULL" : "r.source_id IN (" + marks(ids.size()) + ")");
            }
            args.addAll(ids);
        }
        if (q.statuses().size() == 1) {
            clauses.add("r.status = ?");
            args.add(q.statuses().get(0).name());
            equality = "pipeline_runs_in_status";
        } else if (!q.statuses().isEmpty()) {
            clauses.add("r.status IN (" + marks(q.statuses().size()) + ")");
            q.statuses().forEach(s -> args.add(s.name()));
        }
        if (q.branch() != null) {
            clauses.add("r.ref = ?");
            args.add(q.branch());
            equality = "pipeline_runs_on_ref";
        }
        if (q.sha() != null) {
            // A full hash uses the index; a prefix is a range over it.
            clauses.add("r.sha >= ? AND r.sha < ?");
            args.add(q.sha());
            args.add(q.sha() + "\uffff");
        }
        if (q.from() != null) {
            clauses.add("r.created_at >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            clauses.add("r.created_at < ?");
            args.add(q.to().toEpochMilli());
        }
        return new Filter(String.join(" AND ", clauses), args, equality);
    }

    /** The sources both the names and the kinds of {@code q} allow. */
    private static List<Long> sourceIds(Connection c, PipelineQuery q) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!q.sources().isEmpty()) {
            where.add("name IN (" + marks(q.sources().size()) + ")");
            args.addAll(q.sources());
        }
        if (!q.kinds().isEmpty()) {
            where.add("kind IN (" + marks(q.kinds().size()) + ")");
            args.addAll(q.kinds());
        }
        return collect(c, "SELECT id FROM sources WHERE " + String.join(" AND ", where) + " ORDER BY id", args);
    }

    /** How many runs the filters match. */
    static long count(Connection c, Filter f) throws SQLException {
        return single(c, "SELECT COUNT(*) FROM pipeline_runs r" + f.where(null), f.args());
    }

    /**
     * The keys of the page {@code q} asks for; {@code matching} is how many runs its filters match
     * (-1 when not known yet: then it is counted if the choice of plan needs it).
     */
    static List<Long> keys(Connection c, PipelineQuery q, long matching) throws SQLException {
        return keys(c, q, matching, Plan.CHOOSE, Statements.NONE);
    }

    static List<Long> keys(Connection c, PipelineQuery q, long matching, Plan plan, Statements log) throws SQLException {
        Order order = Order.of(q.sort());
        Filter f = filter(c, q);
        String dir = q.ascending() ? " ASC" : " DESC";
        if (order == Order.SOURCE || order == Order.KIND) {
            // Few sources: SQLite walks them by name (or kind) and each one's runs by its index.
            return collect(c, "SELECT r.run_pk FROM pipeline_runs r JOIN sources s ON s.id = r.source_id" + f.where(null)
                    + " ORDER BY " + order.column + dir + ", " + order.ties(dir) + limit(q.limit(), q.offset()), f.args(), log);
        }
        if (order == Order.CREATED && f.equalityIndex() != null && plan != Plan.SORT) {
            // The filter's own index is ordered by creation time within each value.
            return walk(c, q, order, f, f.equalityIndex(), dir, log);
        }
        if (plan == Plan.WALK || plan == Plan.CHOOSE && (f.none() || walkIsCheaper(c, q, f, matching))) {
            return walk(c, q, order, f, order.index, dir, log);
        }
        // Few matches: read them through the filter's index and sort them (the + keeps SQLite from
        // walking the sort column's index instead).
        String nullsLast = order.nullable ? order.column + " IS NULL, " : "";
        return collect(c, "SELECT r.run_pk FROM pipeline_runs r" + f.where(null) + " ORDER BY " + nullsLast + "+"
                + order.column + dir + ", " + order.ties(dir) + limit(q.limit(), q.offset()), f.args(), log);
    }

    private static boolean walkIsCheaper(Connection c, PipelineQuery q, Filter f, long matching) throws SQLException {
        long matches = matching >= 0 ? matching : count(c, f);
        if (matches == 0) {
            return false;
        }
        long all = single(c, "SELECT COALESCE(MAX(run_pk), 0) FROM pipeline_runs", List.of());
        long wanted = q.limit() > 0 ? Math.min(matches, (long) Math.max(0, q.offset()) + q.limit()) : matches;
        return wanted * (double) all / matches <= WALK_PER_SORTED * (double) matches;
    }

    /** Walks {@code index}: the runs with a value first, then (when the column can be null) those without. */
    private static List<Long> walk(Connection c, PipelineQuery q, Order order, Filter f, String index, String dir,
                                   Statements log) throws SQLException {
        String from = "SELECT r.run_pk FROM pipeline_runs r INDEXED BY " + index;
        if (!order.nullable) {
            return collect(c, from + f.where(null) + " ORDER BY " + order.column + dir + ", " + order.ties(dir)
                    + limit(q.limit(), q.offset()), f.args(), log);
        }
        int offset = Math.max(0, q.offset());
        List<Long> out = collect(c, from + f.where(order.column + " IS NOT NULL") + " ORDER BY " + order.column + dir + ", "
                + order.ties(dir) + limit(q.limit(), offset), f.args(), log);
        if (q.limit() > 0 && out.size() >= q.limit()) {
            return out;
        }
        long withValue = !out.isEmpty() || offset == 0 ? offset + out.size()
                : single(c, "SELECT COUNT(*) FROM pipeline_runs r INDEXED BY " + index + f.where(order.column + " IS NOT NULL"),
                f.args());
        int rest = q.limit() > 0 ? q.limit() - out.size() : 0;
        out.addAll(collect(c, from + f.where(order.column + " IS NULL") + " ORDER BY " + order.ties(dir)
                + limit(rest, (int) Math.max(0, offset - withValue)), f.args(), log));
        return out;
    }

    private static String limit(int limit, int offset) {
        if (limit <= 0) {
            return offset > 0 ? " LIMIT -1 OFFSET " + offset : "";
        }
        return " LIMIT " + limit + (offset > 0 ? " OFFSET " + offset : "");
    }

    private static List<Long> collect(Connection c, String sql, List<Object> args) throws SQLException {
        return collect(c, sql, args, Statements.NONE);
    }

    private static List<Long> collect(Connection c, String sql, List<Object> args, Statements log) throws SQLException {
        log.ran(sql, args);
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static long single(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void bind(PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            st.setObject(i + 1, args.get(i));
        }
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
