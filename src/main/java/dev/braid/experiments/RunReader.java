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
import dev.braid.experiments.filter.RunOrder;
import dev.braid.experiments.filter.SqlFragment;

/** Reads cached experiments and runs back as records. */
final class RunReader {
    private static final String RUN_COLUMNS = "r.run_pk, r.source_id, r.run_id, r.experiment_id, e.name, r.run_name,"
            + " r.user_id, r.status, r.start_time, r.end_time, r.parent_run_id, r.source_commit";
    static final String RUN_FROM = " FROM runs r JOIN sources s ON s.id = r.source_id"
            + " LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id";
    /** Run keys passed as one JSON array parameter: one statement, whatever the number of keys. */
    private static final String IN_KEYS = "(SELECT value FROM json_each(?))";

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
     * Active runs of the named source and experiments (null/empty: all) that {@code filter}
     * accepts, in {@code order}; at most {@code limit} when it is positive. The filter refers to
     * the runs table as {@code r}; its parameters are bound after the scope's. The run keys are
     * chosen first (see {@link RunPageQuery}), then their rows are read by key.
     */
    List<RunSummary> runs(Connection c, String sourceName, List<String> experimentNames, SqlFragment filter,
                          RunOrder order, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("r.lifecycle_stage = 'active'");
        if (sourceName != null) {
            where.append(" AND s.name = ?");
            args.add(sourceName);
        }
        if (!experimentNames.isEmpty()) {
            where.append(" AND e.name IN (").append(String.join(", ", Collections.nCopies(experimentNames.size(), "?"))).append(')');
            args.addAll(experimentNames);
        }
        where.append(" AND (").append(filter.sql()).append(')');
        args.addAll(filter.parameters());
        List<Long> pks = RunPageQuery.runKeys(c, new SqlFragment(where.toString(), args), order, limit);
        return read(c, pks);
    }

    /** One run's summary, artifact location and lifecycle stage. */
    Optional<RunSummary> run(Connection c, long runPk) throws SQLException {
        List<RunSummary> found = read(c, List.of(runPk));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The summaries of the runs with these keys, in the keys' order (keys no longer cached are skipped). */
    private static List<RunSummary> read(Connection c, List<Long> pks) throws SQLException {
        if (pks.isEmpty()) {
            return List.of();
        }
        String keys = pks.toString();
        Map<Long, Map<String, String>> params = pairs(c, "run_params", keys);
        Map<Long, Map<String, String>> tags = pairs(c, "run_tags", keys);
        Map<Long, Map<String, Double>> metrics = metrics(c, keys);
        Map<Long, RunSummary> byPk = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.run_pk IN " + IN_KEYS)) {
            st.setString(1, keys);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long pk = rs.getLong(1);
                    byPk.put(pk, summary(rs, params.getOrDefault(pk, Map.of()), metrics.getOrDefault(pk, Map.of()),
                            tags.getOrDefault(pk, Map.of())));
                }
            }
        }
        List<RunSummary> out = new ArrayList<>(pks.size());
        for (long pk : pks) {
            RunSummary run = byPk.get(pk);
            if (run != null) {
                out.add(run);
            }
        }
        return out;
    }

    private static RunSummary summary(ResultSet rs, Map<String, String> params, Map<String, Double> metrics,
                                      Map<String, String> tags) throws SQLException {
        return new RunSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), getLong(rs, 9), getLong(rs, 10), rs.getString(11),
                rs.getString(12), params, metrics, tags);
    }

    private static Map<Long, Map<String, String>> pairs(Connection c, String table, String keys) throws SQLException {
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, key, value FROM " + table
                + " WHERE run_pk IN " + IN_KEYS + " ORDER BY run_pk, key")) {
            st.setString(1, keys);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return out;
    }

    private static Map<Long, Map<String, Double>> metrics(Connection c, String keys) throws SQLException {
        Map<Long, Map<String, Double>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, key, value FROM run_metrics WHERE run_pk IN "
                + IN_KEYS + " ORDER BY run_pk, key")) {
            st.setString(1, keys);
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

    static Long getLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
