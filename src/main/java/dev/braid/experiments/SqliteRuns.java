package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads runs from an MLflow SQL store in bulk: one query per table for all the runs wanted, joined
 * in memory, so 100,000 runs cost a handful of queries rather than one per run. Stores older than
 * the {@code latest_metrics} table (MLflow 1.9) have each run's latest values worked out from its
 * metric rows by MLflow's own rule; stores older than dataset inputs (MLflow 2.4) have none.
 */
final class SqliteRuns {
    private static final String ACTIVE = "r.lifecycle_stage = 'active'";
    private static final String ONE = "r.run_uuid = ?";
    /** MLflow's rule for a run's latest value of a metric: the largest step, then timestamp, then value. */
    private static final java.util.Comparator<LatestMetric> LATEST = java.util.Comparator.comparingLong(LatestMetric::step)
            .thenComparingLong(LatestMetric::timestamp)
            .thenComparing(m -> m.value() == null ? Double.NaN : m.value());
    private final Connection c;
    private final SqliteSchema schema;

    SqliteRuns(Connection c, SqliteSchema schema) {
        this.c = c;
        this.schema = schema;
    }

    /** Active runs of the given experiments. */
    List<RemoteRun> active(List<String> experimentIds) throws SQLException {
        Set<String> wanted = new HashSet<>(experimentIds);
        return load(ACTIVE, null).stream().filter(r -> wanted.contains(r.experimentId())).toList();
    }

    /** The run with this id, if any (deleted or not). */
    List<RemoteRun> one(String runId) throws SQLException {
        return load(ONE, runId);
    }

    private List<RemoteRun> load(String where, String arg) throws SQLException {
        Map<String, Map<String, String>> params = pairs("SELECT r.run_uuid, p.key, p.value FROM params p"
                + " JOIN runs r ON r.run_uuid = p.run_uuid WHERE " + where, arg);
        Map<String, Map<String, String>> tags = pairs("SELECT r.run_uuid, t.key, t.value FROM tags t"
                + " JOIN runs r ON r.run_uuid = t.run_uuid WHERE " + where, arg);
        Map<String, List<LatestMetric>> metrics = schema.has("latest_metrics") ? latestMetrics(where, arg)
                : latestFromHistory(where, arg);
        Map<String, List<DatasetInput>> datasets = schema.has("inputs") && schema.has("datasets")
                ? datasets(where, arg) : Map.of();
        List<RemoteRun> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT r.run_uuid, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time,
                       r.lifecycle_stage, r.artifact_uri FROM runs r WHERE\s""" + where)) {
            bind(st, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Map<String, String> runTags = tags.getOrDefault(id, Map.of());
                    String name = rs.getString(3);
                    out.add(new RemoteRun(id, rs.getString(2), name == null || name.isEmpty()
                            ? runTags.get("mlflow.runName") : name, rs.getString(4),
                            rs.getString(5) == null ? "UNKNOWN" : rs.getString(5), longOrNull(rs, 6), longOrNull(rs, 7),
                            rs.getString(8), rs.getString(9), params.getOrDefault(id, Map.of()),
                            metrics.getOrDefault(id, List.of()), runTags, datasets.getOrDefault(id, List.of())));
                }
            }
        }
        return out;
    }

    private Map<String, List<LatestMetric>> latestMetrics(String where, String arg) throws SQLException {
        Map<String, List<LatestMetric>> metrics = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.run_uuid, m.key, m.value, m.is_nan, m.timestamp, m.step"
                + " FROM latest_metrics m JOIN runs r ON r.run_uuid = m.run_uuid WHERE " + where)) {
            bind(st, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    metrics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new LatestMetric(rs.getString(2), value(rs, 3, 4), rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return metrics;
    }

    /** Each run's latest value of each metric, from every value it logged (stores before MLflow 1.9). */
    private Map<String, List<LatestMetric>> latestFromHistory(String where, String arg) throws SQLException {
        Map<String, Map<String, LatestMetric>> latest = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.run_uuid, m.key, m.value, "
                + schema.column("m", "metrics", "is_nan", "0") + ", m.timestamp, " + schema.column("m", "metrics", "step", "0")
                + " FROM metrics m JOIN runs r ON r.run_uuid = m.run_uuid WHERE " + where)) {
            bind(st, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    LatestMetric m = new LatestMetric(rs.getString(2), value(rs, 3, 4), rs.getLong(5), rs.getLong(6));
                    latest.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .merge(m.key(), m, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b);
                }
            }
        }
        Map<String, List<LatestMetric>> out = new LinkedHashMap<>();
        latest.forEach((run, byKey) -> out.put(run, new ArrayList<>(byKey.values())));
        return out;
    }

    private Map<String, List<DatasetInput>> datasets(String where, String arg) throws SQLException {
        Map<String, String> contexts = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT t.input_uuid, t.value FROM input_tags t JOIN inputs i ON i.input_uuid = t.input_uuid
                JOIN runs r ON r.run_uuid = i.destination_id
                WHERE t.name = 'mlflow.data.context' AND i.destination_type = 'RUN' AND\s""" + where)) {
            bind(st, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    contexts.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Map<String, List<DatasetInput>> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT r.run_uuid, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source,
                       d.dataset_schema, d.dataset_profile
                FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
                JOIN runs r ON r.run_uuid = i.destination_id
                WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND\s""" + where)) {
            bind(st, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new DatasetInput(rs.getString(3),
                            rs.getString(4) == null ? "" : rs.getString(4), rs.getString(5), rs.getString(6),
                            contexts.getOrDefault(rs.getString(2), ""), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private Map<String, Map<String, String>> pairs(String sql, String arg) throws SQLException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement st, String arg) throws SQLException {
        if (arg != null) {
            st.setString(1, arg);
        }
    }

    /** A metric value; NaN (stored as is_nan = 1) is null, as in the rest of Braid. */
    static Double value(ResultSet rs, int valueColumn, int nanColumn) throws SQLException {
        double v = rs.getDouble(valueColumn);
        boolean missing = rs.wasNull();
        return missing || rs.getBoolean(nanColumn) || Double.isNaN(v) ? null : v;
    }

    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
