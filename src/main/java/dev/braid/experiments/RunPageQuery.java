package dev.braid.experiments;

import dev.braid.experiments.filter.MetricLead;
import dev.braid.experiments.filter.RunOrder;
import dev.braid.experiments.filter.SqlFragment;
import dev.braid.experiments.filter.ValueLead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which cached runs a listing shows, in order: the keys only, so the sort runs once and
 * the rows are read afterwards by key.
 *
 * <p>A page ordered by a metric is the common slow case: ordering every run by a per-run lookup
 * of the metric means sorting the whole cache to show its first rows. Instead the page is read
 * from the latest-metrics index on (key, value) in index order, which stops after the page is
 * full; only runs with equal values are sorted among themselves. MLflow's order puts runs whose
 * value is NaN (null in the cache) after the numbers and runs without the metric last, so those
 * groups are read next, only while the page still has room. The result equals ordering by
 * {@link RunOrder#orderBy()}; {@code RunPageQueryTest} checks that.
 *
 * <p>A page ordered by a param or tag is read the same way from that table's (key, value) index.
 * Such values are mostly a few categories, so one value is often shared by a quarter of the runs,
 * and all of them are sorted by the tie-break before the page can end: there the filter is tested
 * as membership of its set of run keys, built once from the (key, value) indexes, rather than
 * with lookups for every run of the group. Runs without a value for the key come last.
 */
final class RunPageQuery {
    private RunPageQuery() {
    }

    /**
     * Keys of the runs that {@code scope} (a condition over {@code runs r}, {@code sources s} and
     * {@code experiments e}) accepts, in {@code order}; at most {@code limit} when positive.
     */
    static List<Long> runKeys(Connection c, SqlFragment scope, RunOrder order, int limit) throws SQLException {
        if (limit > 0 && order.metricLead().isPresent()) {
            return byMetricIndex(c, scope, order.metricLead().get(), limit);
        }
        return sortedKeys(c, RunReader.RUN_FROM.substring(" FROM runs r".length()), scope, order, limit, 0);
    }

    /**
     * Keys of the runs that {@code scope} accepts, sorted by {@code order}, {@code limit} of them
     * (all when not positive) after {@code offset}. {@code joins} follow {@code FROM runs r} and
     * name whatever else the scope refers to. Only keys and sort values are sorted, not whole rows.
     */
    static List<Long> sortedKeys(Connection c, String joins, SqlFragment scope, RunOrder order, int limit, int offset)
            throws SQLException {
        List<Object> args = new ArrayList<>(scope.parameters());
        args.addAll(order.orderBy().parameters());
        String sql = "SELECT r.run_pk FROM runs r" + joins + " WHERE " + scope.sql() + " ORDER BY " + order.orderBy().sql()
                + (limit > 0 ? " LIMIT " + limit : offset > 0 ? " LIMIT -1" : "") + (offset > 0 ? " OFFSET " + offset : "");
        List<Long> out = new ArrayList<>();
        collect(c, sql, args, out);
        return out;
    }

    /** The metric's rows drive the join (CROSS JOIN keeps run_metrics outermost), so rows arrive in index order. */
    private static final String METRIC_FROM = " FROM run_metrics m INDEXED BY run_metrics_by_key"
            + " CROSS JOIN runs r ON r.run_pk = m.run_pk JOIN sources s ON s.id = r.source_id"
            + " LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id";

    /**
     * The first group's query: runs with a number for the metric, in value order; the LIMIT ends
     * the index scan and the tie-break sorts only equal values. Binds the metric key, the scope's
     * parameters, then the tie-break's.
     */
    static String numbersSql(SqlFragment scope, MetricLead lead, int limit) {
        return "SELECT r.run_pk" + METRIC_FROM + " WHERE m.key = ? AND m.value IS NOT NULL AND (" + scope.sql()
                + ") ORDER BY m.value " + (lead.ascending() ? "ASC" : "DESC") + ", " + lead.tieBreak().sql()
                + " LIMIT " + limit;
    }

    static List<Object> numbersArgs(SqlFragment scope, MetricLead lead) {
        List<Object> args = new ArrayList<>();
        args.add(lead.metricKey());
        args.addAll(scope.parameters());
        args.addAll(lead.tieBreak().parameters());
        return args;
    }

    private static List<Long> byMetricIndex(Connection c, SqlFragment scope, MetricLead lead, int limit) throws SQLException {
        List<Long> out = new ArrayList<>();
        List<Object> args = numbersArgs(scope, lead);
        collect(c, numbersSql(scope, lead, limit), args, out);
        if (out.size() < limit) {
            collect(c, "SELECT r.run_pk" + METRIC_FROM + " WHERE m.key = ? AND m.value IS NULL AND (" + scope.sql()
                    + ") ORDER BY " + lead.tieBreak().sql() + " LIMIT " + (limit - out.size()), args, out);
        }
        if (out.size() < limit) {
            List<Object> missing = new ArrayList<>(scope.parameters());
            missing.add(lead.metricKey());
            missing.addAll(lead.tieBreak().parameters());
            collect(c, "SELECT r.run_pk" + RunReader.RUN_FROM + " WHERE (" + scope.sql()
                    + ") AND NOT EXISTS (SELECT 1 FROM run_metrics m WHERE m.run_pk = r.run_pk AND m.key = ?) ORDER BY "
                    + lead.tieBreak().sql() + " LIMIT " + (limit - out.size()), missing, out);
        }
        return out;
    }

    /** The param's or tag's rows drive the join, as {@link #METRIC_FROM} does for a metric. */
    private static String valueFrom(ValueLead lead) {
        return " FROM " + lead.table() + " m INDEXED BY " + lead.table() + "_by_key"
                + METRIC_FROM.substring(METRIC_FROM.indexOf(" CROSS JOIN"));
    }

    /**
     * The first group's query: runs with a value for the param or tag that {@code matches} (a
     * SELECT of run keys, or null for every run) holds, in value order; the LIMIT ends the index
     * scan and the tie-break sorts only equal values. Binds the key, the matches' parameters, the
     * scope's, then the tie-break's.
     */
    static String valuesSql(SqlFragment scope, SqlFragment matches, ValueLead lead, int limit) {
        return "SELECT r.run_pk" + valueFrom(lead) + " WHERE m.key = ? AND m.value IS NOT NULL"
                + (matches == null ? "" : " AND m.run_pk IN (" + matches.sql() + ")") + " AND (" + scope.sql()
                + ") ORDER BY m.value " + (lead.ascending() ? "ASC" : "DESC") + ", " + lead.tieBreak().sql()
                + " LIMIT " + limit;
    }

    static List<Object> valuesArgs(SqlFragment scope, SqlFragment matches, ValueLead lead) {
        List<Object> args = new ArrayList<>();
        args.add(lead.key());
        if (matches != null) {
            args.addAll(matches.parameters());
        }
        args.addAll(scope.parameters());
        args.addAll(lead.tieBreak().parameters());
        return args;
    }

    /**
     * Keys of the runs that {@code scope} accepts and {@code matches} holds (null: every run), in
     * the order {@code lead} starts, at most {@code limit}: runs with a value from the index, then
     * runs without one (no row or a null value), which MLflow puts last whatever the direction.
     */
    static List<Long> byValueIndex(Connection c, SqlFragment scope, SqlFragment matches, ValueLead lead, int limit)
            throws SQLException {
        List<Long> out = new ArrayList<>();
        collect(c, valuesSql(scope, matches, lead, limit), valuesArgs(scope, matches, lead), out);
        if (out.size() < limit) {
            List<Object> args = new ArrayList<>();
            if (matches != null) {
                args.addAll(matches.parameters());
            }
            args.addAll(scope.parameters());
            args.add(lead.key());
            args.addAll(lead.tieBreak().parameters());
            collect(c, "SELECT r.run_pk" + RunReader.RUN_FROM + " WHERE "
                    + (matches == null ? "" : "r.run_pk IN (" + matches.sql() + ") AND ") + "(" + scope.sql()
                    + ") AND NOT EXISTS (SELECT 1 FROM " + lead.table()
                    + " k WHERE k.run_pk = r.run_pk AND k.key = ? AND k.value IS NOT NULL) ORDER BY "
                    + lead.tieBreak().sql() + " LIMIT " + (limit - out.size()), args, out);
        }
        return out;
    }

    private static void collect(Connection c, String sql, List<Object> args, List<Long> out) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
    }
}
