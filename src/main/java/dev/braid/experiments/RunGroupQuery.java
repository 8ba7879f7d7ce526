package dev.braid.experiments;

import dev.braid.experiments.filter.RunFilter;
import dev.braid.experiments.filter.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Group statistics over every run a query matches, in one statement: the matching runs' values of
 * the grouping key are worked out once (a materialised table), then counted per value and joined
 * with the chosen metrics' latest values for their count, minimum, maximum and mean. NaN (a null
 * value in the cache) is left out, as a run without the metric is.
 */
final class RunGroupQuery {
    private RunGroupQuery() {
    }

    static List<RunGroupStats> groups(Connection c, RunScope scope, RunFilter filter, RunGroupKey by, List<String> metrics)
            throws SQLException {
        SqlFragment where = RunReader.condition(scope, RunReader.inRunSet(filter));
        List<Object> args = new ArrayList<>(where.parameters());
        String values;
        if (by.kind() == RunGroupKey.Kind.DATASETS) {
            // The label the runs table shows: name@ and the digest's first eight characters.
            values = "SELECT DISTINCT m.run_pk, d.name || '@' || substr(d.digest, 1, 8) FROM matched m"
                    + " LEFT JOIN run_dataset_inputs d ON d.run_pk = m.run_pk";
        } else {
            values = "SELECT m.run_pk, NULLIF(k.value, '') FROM matched m LEFT JOIN "
                    + (by.kind() == RunGroupKey.Kind.PARAM ? "run_params" : "run_tags") + " k ON k.run_pk = m.run_pk AND k.key = ?";
            args.add(by.key());
        }
        args.addAll(metrics);
        String sql = "WITH matched(run_pk) AS (SELECT r.run_pk FROM runs r" + scope.joins() + " WHERE " + where.sql() + "),"
                + " grouped(run_pk, value) AS MATERIALIZED (" + values + ")"
                + " SELECT value, NULL, count(*), NULL, NULL, NULL FROM grouped GROUP BY value"
                + " UNION ALL SELECT g.value, x.key, count(*), min(x.value), max(x.value), avg(x.value)"
                + " FROM grouped g JOIN run_metrics x ON x.run_pk = g.run_pk"
                + " WHERE x.key IN (" + String.join(", ", Collections.nCopies(metrics.size(), "?")) + ") AND x.value IS NOT NULL GROUP BY g.value, x.key";
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Map<String, GroupStats>> stats = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(1);
                    String metric = rs.getString(2);
                    if (metric == null) {
                        counts.put(value, rs.getLong(3));
                    } else {
                        stats.computeIfAbsent(value, v -> new LinkedHashMap<>())
                                .put(metric, new GroupStats(rs.getInt(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
                    }
                }
            }
        }
        List<RunGroupStats> out = new ArrayList<>(counts.size());
        counts.forEach((value, runs) -> out.add(new RunGroupStats(value, runs, stats.getOrDefault(value, Map.of()))));
        return out;
    }
}
