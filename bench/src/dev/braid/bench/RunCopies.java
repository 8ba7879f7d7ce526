package dev.braid.bench;

import dev.braid.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A second cache for the filter and sort figures: a copy of the synced cache in which every run
 * appears {@code copies} times (the copies get new ids and keys, and their metric values are
 * scaled a little so that sorting them is real work). Made with SQL in a few seconds, instead of a
 * ten times larger MLflow store and a sync that would take minutes on a small machine.
 */
final class RunCopies {
    private static final long KEY_STRIDE = 10_000_000L;

    private RunCopies() {
    }

    static void write(Database db, Path dataDir, int copies) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(Database.FILE_NAME);
        Files.deleteIfExists(file);
        db.read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM INTO '" + file.toString().replace("'", "''") + "'");
            }
            return null;
        });
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (int n = 1; n < copies; n++) {
                    long shift = n * KEY_STRIDE;
                    st.executeUpdate("INSERT INTO runs(run_pk, source_id, run_id, experiment_id, run_name, user_id, status,"
                            + " start_time, end_time, lifecycle_stage, artifact_uri, parent_run_id, source_commit, synced_at)"
                            + " SELECT run_pk + " + shift + ", source_id, run_id || '-" + n + "', experiment_id, run_name || '-"
                            + n + "', user_id, status, start_time + " + n + ", end_time, lifecycle_stage, artifact_uri,"
                            + " parent_run_id, source_commit, synced_at FROM runs WHERE run_pk < " + KEY_STRIDE);
                    for (String table : new String[] {"run_params", "run_tags"}) {
                        st.executeUpdate("INSERT INTO " + table + "(run_pk, key, value) SELECT run_pk + " + shift
                                + ", key, value FROM " + table + " WHERE run_pk < " + KEY_STRIDE);
                    }
                    st.executeUpdate("INSERT INTO run_metrics(run_pk, key, value, timestamp, step) SELECT run_pk + " + shift
                            + ", key, value * (1 + " + n + " / 1000.0), timestamp, step FROM run_metrics WHERE run_pk < "
                            + KEY_STRIDE);
                }
            }
            // No ANALYZE: Braid never runs it, so the queries see the statistics a real cache has.
            c.commit();
        } catch (SQLException e) {
            throw new IOException("cannot write the copied cache: " + e.getMessage(), e);
        }
    }
}
