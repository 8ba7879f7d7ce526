package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import dev.braid.experiments.filter.RunFilter;
import dev.braid.experiments.filter.RunOrder;
import dev.braid.experiments.filter.SqlFragment;

/** Reads cached experiments and runs back as records. */
final class RunReader {
    private static final String RUN_COLUMNS = "r.run_pk, r.source_id, r.run_id, r.experiment_id, e.name, r.run_name,"
            + " r.user_id, r.status, r.start_time, r.end_time, r.parent_run_id, r.source_commit, " + RunScope.STARRED;
    static final String RUN_FROM = " FROM runs r JOIN sources s ON s.id = r.source_id"
            + " LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id";

    /** Cached experiments of one source (or of all when {@code sourceId} is null), by name. */
    List<Experiment> experiments(Connection c, Long sourceId) throws SQLException {
        String where = sourceId == null ? "" : " WHERE source_id = ?";
        Map<String, Map<String, String>> tags = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, experiment_id, key, value FROM experiment_tags" + where)) {
            if (sourceId != null) {
                st.setLong(1, sourceId);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1) + "/" + rs.getString(2), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getString(4));
                }
            }
        }
        List<Experiment> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, experiment_id, name, artifact_location,"
                + " lifecycle_stage, creation_time, last_update_time FROM experiments" + where
                + " ORDER BY name COLLATE NOCASE, source_id")) {
            if (sourceId != null) {
                st.setLong(1, sourceId);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Experiment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            getLong(rs, 6), getLong(rs, 7), tags.getOrDefault(rs.getLong(1) + "/" + rs.getString(2), Map.of())));
                }
            }
        }
        return out;
    }

    /**
     * Active runs in {@code scope} that {@code filter} accepts, in {@code order}; at most
     * {@code limit} when it is positive, after skipping {@code offset}. The keys of the runs are
     * chosen first ({@link RunPageQuery}), so the sort holds keys rather than whole rows; then the
     * rows, and their params, metrics, tags and datasets with one query each, are read by key.
     */
    List<RunSummary> runs(Connection c, RunScope scope, RunFilter filter, RunOrder order, int limit, int offset)
            throws SQLException {
        if (limit > 0 && order.metricLead().isPresent()) {
            // Walked in the metric's index order until the page is full: the filter is tested run by run.
            List<Long> keys = RunPageQuery.runKeys(c, condition(scope, filter.perRun()), order, offset + limit);
            return byKeys(c, keys.subList(Math.min(offset, keys.size()), keys.size()));
        }
        if (limit > 0 && order.valueLead().isPresent()) {
            // Walked in the param's or tag's index order; the filter is tested as membership of its set.
            SqlFragment none = new SqlFragment("1", List.of());
            List<Long> keys = RunPageQuery.byValueIndex(c, condition(scope, none),
                    filter.isEmpty() ? null : filter.runSet(), order.valueLead().get(), offset + limit);
            return byKeys(c, keys.subList(Math.min(offset, keys.size()), keys.size()));
        }
        return byKeys(c, RunPageQuery.sortedKeys(c, scope.joins(), condition(scope, inRunSet(filter)), order, limit, offset));
    }

    /** The filter as membership of its set query (see {@link RunFilter#runSet()}); none when it keeps every run. */
    static SqlFragment inRunSet(RunFilter filter) {
        return filter.isEmpty() ? new SqlFragment("1", List.of())
                : new SqlFragment("r.run_pk IN (" + filter.runSet().sql() + ")", filter.runSet().parameters());
    }

    /** The scope's condition and the filter's, as one condition over {@code runs r} (without WHERE). */
    static SqlFragment condition(RunScope scope, SqlFragment filter) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        scope.where(where, args);
        where.append(" AND (").append(filter.sql()).append(')');
        args.addAll(filter.parameters());
        return new SqlFragment(where.substring(" WHERE ".length()), args);
    }

    /** The runs with these keys, in the keys' order (keys no longer cached are skipped). */
    private List<RunSummary> byKeys(Connection c, List<Long> pks) throws SQLException {
        Map<Long, Object[]> byPk = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.run_pk IN (SELECT value FROM json_each(?))")) {
            st.setString(1, pks.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object[] row = row(rs);
                    byPk.put((Long) row[0], row);
                }
            }
        }
        List<Object[]> found = new ArrayList<>(pks.size());
        for (long pk : pks) {
            Object[] row = byPk.get(pk);
            if (row != null) {
                found.add(row);
            }
        }
        return withChildren(c, found);
    }

    /** Params, metrics, tags and datasets of the runs found, one query each, read by key. */
    private List<RunSummary> withChildren(Connection c, List<Object[]> found) throws SQLException {
        // The runs found, as one JSON array parameter: their children are read by key, without
        // evaluating the filter and order again.
        String selected = "SELECT value FROM json_each(?)";
        List<Object> pks = List.of(found.stream().map(r -> r[0].toString()).collect(Collectors.joining(",", "[", "]")));
        Map<Long, Map<String, String>> params = pairs(c, "run_params", selected, pks);
        Map<Long, Map<String, String>> tags = pairs(c, "run_tags", selected, pks);
        Map<Long, Map<String, Double>> metrics = metrics(c, selected, pks);
        Map<Long, List<DatasetInput>> datasets = datasets(c, selected, pks);
        List<RunSummary> out = new ArrayList<>(found.size());
        for (Object[] row : found) {
            long pk = (Long) row[0];
            out.add(summary(row, params.getOrDefault(pk, Map.of()), metrics.getOrDefault(pk, Map.of()),
                    tags.getOrDefault(pk, Map.of()), datasets.getOrDefault(pk, List.of())));
        }
        return out;
    }

    /**
     * How many active runs in {@code scope} {@code filter} accepts. Every run in the scope is tested,
     * so the filter is read as one set of run keys, merged from the (key, value) indexes.
     */
    long count(Connection c, RunScope scope, RunFilter filter) throws SQLException {
        SqlFragment where = condition(scope, inRunSet(filter));
        try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM runs r" + scope.joins() + " WHERE " + where.sql())) {
            bind(st, where.parameters());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Every metric, param and tag key logged by an active run in {@code scope}, in one query. */
    RunKeys keys(Connection c, RunScope scope) throws SQLException {
        List<Object> scopeArgs = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        scope.where(where, scopeArgs);
        String[] tables = {"run_metrics", "run_params", "run_tags"};
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < tables.length; i++) {
            parts.add("SELECT DISTINCT " + i + ", k.key FROM " + tables[i] + " k JOIN runs r ON r.run_pk = k.run_pk"
                    + RUN_FROM.substring(RUN_FROM.indexOf(" JOIN sources")) + where);
            args.addAll(scopeArgs);
        }
        List<List<String>> keys = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (PreparedStatement st = c.prepareStatement(String.join(" UNION ALL ", parts) + " ORDER BY 1, 2")) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.get(rs.getInt(1)).add(rs.getString(2));
                }
            }
        }
        return new RunKeys(keys.get(0), keys.get(1), keys.get(2));
    }

    /** One run's summary, artifact location and lifecycle stage. */
    Optional<RunSummary> run(Connection c, long runPk) throws SQLException {
        List<Object> args = List.of(runPk);
        String selected = "SELECT ?";
        try (PreparedStatement st = c.prepareStatement("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.run_pk = ?")) {
            st.setLong(1, runPk);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(summary(row(rs), pairs(c, "run_params", selected, args).getOrDefault(runPk, Map.of()),
                        metrics(c, selected, args).getOrDefault(runPk, Map.of()),
                        pairs(c, "run_tags", selected, args).getOrDefault(runPk, Map.of()),
                        datasets(c, selected, args).getOrDefault(runPk, List.of())));
            }
        }
    }

    /** The columns of {@link #RUN_COLUMNS}, read before the result set moves on. */
    private static Object[] row(ResultSet rs) throws SQLException {
        return new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), getLong(rs, 9), getLong(rs, 10), rs.getString(11),
                rs.getString(12), rs.getBoolean(13)};
    }

    private static RunSummary summary(Object[] row, Map<String, String> params, Map<String, Double> metrics,
                                      Map<String, String> tags, List<DatasetInput> datasets) {
        return new RunSummary((Long) row[0], (Long) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], (String) row[7], (Long) row[8], (Long) row[9], (String) row[10],
                (String) row[11], params, metrics, tags, datasets, (Boolean) row[12]);
    }

    private static Map<Long, Map<String, String>> pairs(Connection c, String table, String selected, List<Object> args)
            throws SQLException {
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, key, value FROM " + table
                + " WHERE run_pk IN (" + selected + ") ORDER BY run_pk, key")) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return out;
    }

    private static Map<Long, Map<String, Double>> metrics(Connection c, String selected, List<Object> args) throws SQLException {
        Map<Long, Map<String, Double>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, key, value FROM run_metrics WHERE run_pk IN ("
                + selected + ") ORDER BY run_pk, key")) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(3);
                    Double metric = rs.wasNull() ? null : value;
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), metric);
                }
            }
        }
        return out;
    }

    private static Map<Long, List<DatasetInput>> datasets(Connection c, String selected, List<Object> args)
            throws SQLException {
        Map<Long, List<DatasetInput>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, name, digest, source_type, source, context"
                + " FROM run_dataset_inputs WHERE run_pk IN (" + selected + ") ORDER BY run_pk, name, context, digest")) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new DatasetInput(rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), null, null));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            st.setObject(i + 1, args.get(i));
        }
    }

    /** Names of cached runs of one source by id; an unnamed run maps to its id, an uncached one is left out. */
    Map<String, String> names(Connection c, long sourceId, List<String> runIds) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        // SQLite limits the variables of one statement; ask in slices.
        for (int from = 0; from < runIds.size(); from += 500) {
            List<String> slice = runIds.subList(from, Math.min(runIds.size(), from + 500));
            String marks = String.join(", ", Collections.nCopies(slice.size(), "?"));
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT run_id, run_name FROM runs WHERE source_id = ? AND run_id IN (" + marks + ")")) {
                st.setLong(1, sourceId);
                for (int i = 0; i < slice.size(); i++) {
                    st.setString(i + 2, slice.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(2);
                        out.put(rs.getString(1), name == null || name.isBlank() ? rs.getString(1) : name);
                    }
                }
            }
        }
        return out;
    }

    static Long getLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
