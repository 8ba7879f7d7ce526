package dev.braid.experiments.ui;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Map;

/** A real cache with an MLflow source and runs written straight into the experiments tables. */
final class ExperimentRows {
    private final AppContext context;
    private final long sourceId;

    ExperimentRows(Path folder) throws Exception {
        this(AppContext.open(new DataDirectories(folder.resolve("data"), folder.resolve("config")), Clock.systemUTC()));
    }

    /** Adds the MLflow source to a cache opened elsewhere (a test window's). */
    ExperimentRows(AppContext context) throws Exception {
        this(context, "http://127.0.0.1:5999");
    }

    /** Adds an MLflow source at {@code uri} (a test server, or nothing listening) to the cache. */
    ExperimentRows(AppContext context, String uri) throws Exception {
        this.context = context;
        sourceId = context.experiments().addMlflow(uri, "tracking", null, null, null).id();
    }

    AppContext context() {
        return context;
    }

    long sourceId() {
        return sourceId;
    }

    /** Records that the run used a dataset in a context (training, eval, …). */
    void dataset(String runId, String name, String digest, String datasetContext) {
        context.database().write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO run_dataset_inputs(run_pk, name, digest, context)"
                    + " VALUES (?, ?, ?, ?)")) {
                st.setLong(1, runPk(c, runId));
                st.setString(2, name);
                st.setString(3, digest);
                st.setString(4, datasetContext);
                st.executeUpdate();
            }
            return null;
        });
    }

    void experiment(String id, String name) {
        context.database().write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO experiments(source_id, experiment_id, name) VALUES (?, ?, ?)")) {
                st.setLong(1, sourceId);
                st.setString(2, id);
                st.setString(3, name);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** A finished run started {@code start} ms after the epoch, lasting a minute. */
    void run(String experimentId, String runId, String name, long start, String commit, Map<String, String> params,
             Map<String, Double> metrics, Map<String, String> tags) {
        context.database().write(c -> {
            long pk;
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO runs(source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time,
                                     source_commit, synced_at) VALUES (?, ?, ?, ?, 'ada', 'FINISHED', ?, ?, ?, 0)
                    RETURNING run_pk""")) {
                st.setLong(1, sourceId);
                st.setString(2, runId);
                st.setString(3, experimentId);
                st.setString(4, name);
                st.setLong(5, start);
                st.setLong(6, start + 60_000);
                st.setString(7, commit);
                var rs = st.executeQuery();
                rs.next();
                pk = rs.getLong(1);
            }
            pairs(c, "run_params", pk, params);
            pairs(c, "run_tags", pk, tags);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO run_metrics(run_pk, key, value, timestamp, step) VALUES (?, ?, ?, ?, 10)")) {
                for (var m : metrics.entrySet()) {
                    st.setLong(1, pk);
                    st.setString(2, m.getKey());
                    st.setDouble(3, m.getValue());
                    st.setLong(4, start + 30_000);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Caches a complete history of {@code key} for the run, one point per step, so no server is asked. */
    void history(String runId, String key, double... values) {
        context.database().write(c -> {
            long pk = runPk(c, runId);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO metric_history(run_pk, key, step, timestamp, value, seq) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < values.length; i++) {
                    st.setLong(1, pk);
                    st.setString(2, key);
                    st.setLong(3, i);
                    st.setLong(4, 1_000_000L + i * 1_000L);
                    st.setDouble(5, values[i]);
                    st.setLong(6, i);
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO metric_history_state(run_pk, key, points, fetched_at) VALUES (?, ?, ?, 0)")) {
                st.setLong(1, pk);
                st.setString(2, key);
                st.setLong(3, values.length);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Makes {@code runId} a nested run of {@code parentRunId}. */
    void parent(String runId, String parentRunId) {
        context.database().write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE runs SET parent_run_id = ? WHERE run_id = ?")) {
                st.setString(1, parentRunId);
                st.setString(2, runId);
                st.executeUpdate();
            }
            return null;
        });
    }

    private static long runPk(java.sql.Connection c, String runId) throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk FROM runs WHERE run_id = ?")) {
            st.setString(1, runId);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pairs(java.sql.Connection c, String table, long pk, Map<String, String> pairs) throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + "(run_pk, key, value) VALUES (?, ?, ?)")) {
            for (var p : pairs.entrySet()) {
                st.setLong(1, pk);
                st.setString(2, p.getKey());
                st.setString(3, p.getValue());
                st.executeUpdate();
            }
        }
    }

    /** Three runs of "churn": xgb (rmse 0.30, acc 0.81), lgbm (0.25, 0.84), linear (0.50, 0.70). */
    static ExperimentRows churn(Path folder) throws Exception {
        return churn(new ExperimentRows(folder));
    }

    /** The same runs in a cache opened elsewhere. */
    static ExperimentRows churn(AppContext context) throws Exception {
        return churn(new ExperimentRows(context));
    }

    private static ExperimentRows churn(ExperimentRows rows) {
        rows.experiment("1", "churn");
        rows.experiment("2", "fraud");
        rows.run("1", "r1", "xgb-run", 1_000_000, "abc1234def", Map.of("model", "xgb", "lr", "0.1"),
                Map.of("rmse", 0.30, "accuracy", 0.81), Map.of("team", "ml-core"));
        rows.run("1", "r2", "lgbm-run", 2_000_000, null, Map.of("model", "lgbm", "lr", "0.1"),
                Map.of("rmse", 0.25, "accuracy", 0.84), Map.of("team", "ml-core"));
        rows.run("1", "r3", "linear-run", 3_000_000, null, Map.of("model", "linear", "lr", "0.1"),
                Map.of("rmse", 0.50, "accuracy", 0.70), Map.of("team", "ml-edge"));
        rows.run("2", "f1", "fraud-run", 4_000_000, null, Map.of("depth", "6"), Map.of("auc", 0.9), Map.of());
        return rows;
    }
}
