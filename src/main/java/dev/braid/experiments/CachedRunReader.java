package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads cached runs back in the shape a server sends them, so a sync can tell which fetched runs
 * differ from what the cache holds: only those are written and counted as changed. Runs are read
 * in chunks, each chunk with one query per table (ids passed as a JSON array to
 * {@code json_each}), because a full reconciliation compares every run of a source.
 */
final class CachedRunReader {
    /** A cached run: Braid's key for it and its content as a server would send it. */
    record Cached(long runPk, RemoteRun run) {
    }

    private static final int CHUNK = 500;

    private CachedRunReader() {
    }

    /** The cached runs of {@code sourceId} among {@code runIds}, by run id; ids not cached are absent. */
    static Map<String, Cached> read(Connection c, long sourceId, Collection<String> runIds) throws SQLException {
        Map<String, Cached> out = new HashMap<>();
        List<String> ids = new ArrayList<>(runIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            readChunk(c, sourceId, ids.subList(from, Math.min(ids.size(), from + CHUNK)), out);
        }
        return out;
    }

    /**
     * True when the cache already holds exactly {@code fetched}: the same attributes, params,
     * latest metrics, tags and dataset inputs (metrics and datasets in any order; datasets
     * identified as the cache stores them, by name, digest and context).
     */
    static boolean same(RemoteRun cached, RemoteRun fetched) {
        return Objects.equals(cached.experimentId(), fetched.experimentId())
                && Objects.equals(cached.runName(), fetched.runName())
                && Objects.equals(cached.userId(), fetched.userId())
                && Objects.equals(cached.status(), fetched.status())
                && Objects.equals(cached.startTime(), fetched.startTime())
                && Objects.equals(cached.endTime(), fetched.endTime())
                && Objects.equals(cached.lifecycleStage(), fetched.lifecycleStage())
                && Objects.equals(cached.artifactUri(), fetched.artifactUri())
                && cached.params().equals(fetched.params())
                && cached.tags().equals(fetched.tags())
                && byKey(cached.metrics()).equals(byKey(fetched.metrics()))
                && byIdentity(cached.datasets()).equals(byIdentity(fetched.datasets()));
    }

    private static void readChunk(Connection c, long sourceId, List<String> ids, Map<String, Cached> out)
            throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT run_pk, run_id, experiment_id, run_name, user_id, status, start_time, end_time,
                       lifecycle_stage, artifact_uri
                FROM runs WHERE source_id = ? AND run_id IN (SELECT value FROM json_each(?))""")) {
            st.setLong(1, sourceId);
            st.setString(2, jsonArray(ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), RunReader.getLong(rs, 7), RunReader.getLong(rs, 8), rs.getString(9),
                            rs.getString(10)));
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        String pks = jsonArray(rows.keySet());
        forEach(c, "SELECT run_pk, key, value FROM run_params WHERE run_pk IN (SELECT value FROM json_each(?))", pks,
                rs -> rows.get(rs.getLong(1)).params.put(rs.getString(2), rs.getString(3)));
        forEach(c, "SELECT run_pk, key, value FROM run_tags WHERE run_pk IN (SELECT value FROM json_each(?))", pks,
                rs -> rows.get(rs.getLong(1)).tags.put(rs.getString(2), rs.getString(3)));
        forEach(c, "SELECT run_pk, key, value, timestamp, step FROM run_metrics"
                + " WHERE run_pk IN (SELECT value FROM json_each(?))", pks, rs -> {
                    double value = rs.getDouble(3);
                    Double metric = rs.wasNull() ? null : value;
                    rows.get(rs.getLong(1)).metrics.add(new LatestMetric(rs.getString(2), metric, rs.getLong(4), rs.getLong(5)));
                });
        forEach(c, "SELECT run_pk, name, digest, source_type, source, context, schema_json, profile"
                + " FROM run_dataset_inputs WHERE run_pk IN (SELECT value FROM json_each(?))", pks,
                rs -> rows.get(rs.getLong(1)).datasets.add(new DatasetInput(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))));
        for (Map.Entry<Long, Row> entry : rows.entrySet()) {
            Row r = entry.getValue();
            out.put(r.runId, new Cached(entry.getKey(), new RemoteRun(r.runId, r.experimentId, r.runName, r.userId,
                    r.status, r.startTime, r.endTime, r.lifecycleStage, r.artifactUri, r.params, r.metrics, r.tags,
                    r.datasets)));
        }
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void forEach(Connection c, String sql, String pks, RowHandler handler) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, pks);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        }
    }

    private static Map<String, LatestMetric> byKey(List<LatestMetric> metrics) {
        Map<String, LatestMetric> out = new HashMap<>();
        metrics.forEach(m -> out.put(m.key(), m));
        return out;
    }

    /** Datasets keyed as the cache keys them; the first of duplicates wins, as when they are written. */
    private static Map<String, DatasetInput> byIdentity(List<DatasetInput> datasets) {
        Map<String, DatasetInput> out = new HashMap<>();
        datasets.forEach(d -> out.putIfAbsent(d.identity(), d));
        return out;
    }

    /** A JSON array of strings or numbers; run ids are quoted with JSON's escapes. */
    private static String jsonArray(Collection<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (Object value : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            if (value instanceof Number) {
                out.append(value);
            } else {
                out.append('"');
                for (char ch : value.toString().toCharArray()) {
                    if (ch == '"' || ch == '\\') {
                        out.append('\\').append(ch);
                    } else if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
                out.append('"');
            }
        }
        return out.append(']').toString();
    }

    /** A runs row being read, with its children collected. */
    private static final class Row {
        final String runId;
        final String experimentId;
        final String runName;
        final String userId;
        final String status;
        final Long startTime;
        final Long endTime;
        final String lifecycleStage;
        final String artifactUri;
        final Map<String, String> params = new HashMap<>();
        final Map<String, String> tags = new HashMap<>();
        final List<LatestMetric> metrics = new ArrayList<>();
        final List<DatasetInput> datasets = new ArrayList<>();

        Row(String runId, String experimentId, String runName, String userId, String status, Long startTime,
            Long endTime, String lifecycleStage, String artifactUri) {
            this.runId = runId;
            this.experimentId = experimentId;
            this.runName = runName;
            this.userId = userId;
            this.status = status;
            this.startTime = startTime;
            this.endTime = endTime;
            this.lifecycleStage = lifecycleStage;
            this.artifactUri = artifactUri;
        }
    }
}
