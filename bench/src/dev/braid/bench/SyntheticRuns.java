package dev.braid.bench;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes runs shaped like {@code bench/mlflow/generate.py} straight into a cache, without an MLflow
 * server: 10 experiments × 1,000 runs, each with 20 params, 20 metrics and 6 tags, 50 of them
 * still RUNNING, plus an 11th experiment with 20 runs shaped the same and a metric {@code loss}
 * (its latest value only; the histories are not written). The same seeded distributions: param
 * {@code pNN} is a batch size from 8..256 when NN % 3 = 0, a learning rate "0.xxxxx" when
 * NN % 3 = 1, an optimiser otherwise; metric {@code mNN} is uniform in [0, 10^(NN % 4)); tag
 * {@code team} is vision, nlp or tabular. Used for the filter and sort figures when the MLflow
 * store has not been generated.
 */
final class SyntheticRuns {
    static final int EXPERIMENTS = 10;
    static final int RUNS_PER_EXPERIMENT = 1000;
    static final int HISTORY_RUNS = 20;
    static final int KEYS = 20;
    static final int RUNNING = 50;
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    private static final List<String> OPTIMISERS = List.of("adam", "sgd", "rmsprop", "lbfgs");
    private static final List<String> TEAMS = List.of("vision", "nlp", "tabular");
    private static final int[] BATCHES = {8, 16, 32, 64, 128, 256};

    private SyntheticRuns() {
    }

    /** Writes the runs for {@code sourceId} in one transaction; returns how many. */
    static int write(Database db, long sourceId, long now) {
        return db.write(c -> {
            Random rng = new Random(11);
            int total = EXPERIMENTS * RUNS_PER_EXPERIMENT;
            Set<Integer> running = new HashSet<>();
            while (running.size() < RUNNING) {
                running.add(rng.nextInt(total));
            }
            long first = now - 365 * DAY_MS;
            Writer w = new Writer(c, sourceId, rng, first, total + HISTORY_RUNS);
            int index = 0;
            for (int e = 0; e <= EXPERIMENTS; e++) {
                boolean histories = e == EXPERIMENTS;
                String experimentId = Integer.toString(e + 1);
                try (PreparedStatement st = c.prepareStatement("INSERT INTO experiments(source_id, experiment_id, name,"
                        + " artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, 'active', ?, ?)")) {
                    st.setLong(1, sourceId);
                    st.setString(2, experimentId);
                    st.setString(3, histories ? "bench-histories" : String.format("bench-%02d", e));
                    st.setString(4, "/artifacts/" + experimentId);
                    st.setLong(5, first);
                    st.setLong(6, first);
                    st.executeUpdate();
                }
                int runs = histories ? HISTORY_RUNS : RUNS_PER_EXPERIMENT;
                for (int r = 0; r < runs; r++) {
                    String name = histories ? String.format("long-%02d", r) : String.format("run-%02d-%04d", e, r);
                    w.run(experimentId, index, name, !histories && running.contains(index), histories);
                    index++;
                }
            }
            w.close();
            return index;
        });
    }

    /** One prepared statement per table, reused for every run. */
    private static final class Writer {
        private final long sourceId;
        private final Random rng;
        private final long first;
        private final int all;
        private final PreparedStatement run;
        private final PreparedStatement param;
        private final PreparedStatement metric;
        private final PreparedStatement tag;
        private long pk;

        Writer(Connection c, long sourceId, Random rng, long first, int all) throws SQLException {
            this.sourceId = sourceId;
            this.rng = rng;
            this.first = first;
            this.all = all;
            run = c.prepareStatement("INSERT INTO runs(run_pk, source_id, run_id, experiment_id, run_name, user_id, status,"
                    + " start_time, end_time, lifecycle_stage, artifact_uri, source_commit, synced_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)");
            param = c.prepareStatement("INSERT INTO run_params(run_pk, key, value) VALUES (?, ?, ?)");
            metric = c.prepareStatement("INSERT INTO run_metrics(run_pk, key, value, timestamp, step) VALUES (?, ?, ?, ?, ?)");
            tag = c.prepareStatement("INSERT INTO run_tags(run_pk, key, value) VALUES (?, ?, ?)");
        }

        void run(String experimentId, int index, String name, boolean isRunning, boolean loss) throws SQLException {
            String runId = String.format("%016x%016x", rng.nextLong(), rng.nextLong());
            long start = first + index * (360 * DAY_MS / all) + rng.nextInt(60_000);
            String user = String.format("user%02d", rng.nextInt(25));
            String commit = String.format("%016x%016x%08x", rng.nextLong(), rng.nextLong(), rng.nextInt());
            pk = index + 1;
            run.setLong(1, pk);
            run.setLong(2, sourceId);
            run.setString(3, runId);
            run.setString(4, experimentId);
            run.setString(5, name);
            run.setString(6, user);
            run.setString(7, isRunning ? "RUNNING" : "FINISHED");
            run.setLong(8, start);
            if (isRunning) {
                run.setNull(9, java.sql.Types.INTEGER);
            } else {
                run.setLong(9, start + 60_000 + rng.nextInt(3_540_000));
            }
            run.setString(10, "/artifacts/" + experimentId + "/" + runId + "/artifacts");
            run.setString(11, commit);
            run.setLong(12, start);
            run.executeUpdate();
            for (int k = 0; k < KEYS; k++) {
                String value = k % 3 == 0 ? Integer.toString(BATCHES[rng.nextInt(BATCHES.length)])
                        : k % 3 == 1 ? String.format("%.5f", rng.nextDouble()) : OPTIMISERS.get(rng.nextInt(OPTIMISERS.size()));
                pair(param, String.format("p%02d", k), value);
                metric(String.format("m%02d", k), rng.nextDouble() * Math.pow(10, k % 4), start + 1000L * k, rng.nextInt(1000));
            }
            if (loss) {
                metric("loss", 0.5 + rng.nextDouble(), start + 999_990, 99_999);
            }
            pair(tag, "mlflow.runName", name);
            pair(tag, "mlflow.user", user);
            pair(tag, "mlflow.source.name", "train.py");
            pair(tag, "mlflow.source.type", "LOCAL");
            pair(tag, "team", TEAMS.get(rng.nextInt(TEAMS.size())));
            pair(tag, "mlflow.source.git.commit", commit);
        }

        private void pair(PreparedStatement st, String key, String value) throws SQLException {
            st.setLong(1, pk);
            st.setString(2, key);
            st.setString(3, value);
            st.executeUpdate();
        }

        private void metric(String key, double value, long timestamp, int step) throws SQLException {
            metric.setLong(1, pk);
            metric.setString(2, key);
            metric.setDouble(3, value);
            metric.setLong(4, timestamp);
            metric.setLong(5, step);
            metric.executeUpdate();
        }

        void close() throws SQLException {
            for (PreparedStatement st : new PreparedStatement[] {run, param, metric, tag}) {
                st.close();
            }
        }
    }
}
