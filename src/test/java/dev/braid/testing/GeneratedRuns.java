package dev.braid.testing;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Many runs written straight into a real cache, as a big MLflow sync would leave them. Run
 * {@code i} (0-based) is {@code run-00000i} with id {@code <prefix>-i}, started {@code i} seconds
 * after {@code 1_000_000} ms (so the last is the newest), logs metric {@code loss = i}, param
 * {@code seed = i}, and dataset {@code train-(i % 3)} with digest {@code d(i % 3)abcdef0123}
 * in context {@code training}. {@code keys} further distinct keys {@code k0 …} are spread over the
 * runs: key {@code j} goes to run {@code j % runs} as a metric when {@code j % 3 == 0}, a param
 * when 1 and a tag when 2.
 */
public final class GeneratedRuns {
    private GeneratedRuns() {
    }

    public static void write(Database db, long sourceId, String experimentId, String experimentName, String prefix,
                             int runs, int keys) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR IGNORE INTO experiments(source_id, experiment_id, name) VALUES (?, ?, ?)")) {
                st.setLong(1, sourceId);
                st.setString(2, experimentId);
                st.setString(3, experimentName);
                st.executeUpdate();
            }
            long first = firstPk(c, sourceId, experimentId, prefix, runs);
            try (PreparedStatement metric = c.prepareStatement(
                    "INSERT INTO run_metrics(run_pk, key, value, timestamp, step) VALUES (?, ?, ?, 0, 0)");
                 PreparedStatement param = c.prepareStatement("INSERT INTO run_params(run_pk, key, value) VALUES (?, ?, ?)");
                 PreparedStatement tag = c.prepareStatement("INSERT INTO run_tags(run_pk, key, value) VALUES (?, ?, ?)");
                 PreparedStatement dataset = c.prepareStatement("INSERT INTO run_dataset_inputs(run_pk, name, digest,"
                         + " source_type, context) VALUES (?, ?, ?, 'local', 'training')")) {
                for (int i = 0; i < runs; i++) {
                    add(metric, first + i, "loss", i);
                    add(param, first + i, "seed", Integer.toString(i));
                    dataset.setLong(1, first + i);
                    dataset.setString(2, "train-" + (i % 3));
                    dataset.setString(3, "d" + (i % 3) + "abcdef0123");
                    dataset.addBatch();
                }
                for (int j = 0; j < keys; j++) {
                    long pk = first + j % runs;
                    switch (j % 3) {
                        case 0 -> add(metric, pk, "k" + j, j);
                        case 1 -> add(param, pk, "k" + j, "v" + j);
                        default -> add(tag, pk, "k" + j, "v" + j);
                    }
                }
                metric.executeBatch();
                param.executeBatch();
                tag.executeBatch();
                dataset.executeBatch();
            }
            return null;
        });
    }

    /** Inserts the runs and returns the key of the first; keys are consecutive. */
    private static long firstPk(Connection c, long sourceId, String experimentId, String prefix, int runs)
            throws SQLException {
        long first = -1;
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO runs(source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time, synced_at)
                VALUES (?, ?, ?, ?, 'gen', 'FINISHED', ?, ?, 0) RETURNING run_pk""")) {
            for (int i = 0; i < runs; i++) {
                st.setLong(1, sourceId);
                st.setString(2, prefix + "-" + i);
                st.setString(3, experimentId);
                st.setString(4, String.format("run-%06d", i));
                st.setLong(5, 1_000_000L + i * 1000L);
                st.setLong(6, 1_000_500L + i * 1000L);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long pk = rs.getLong(1);
                    if (first < 0) {
                        first = pk;
                    } else if (pk != first + i) {
                        throw new IllegalStateException("run keys are not consecutive");
                    }
                }
            }
        }
        return first;
    }

    private static void add(PreparedStatement st, long pk, String key, Object value) throws SQLException {
        st.setLong(1, pk);
        st.setString(2, key);
        st.setObject(3, value);
        st.addBatch();
    }
}
