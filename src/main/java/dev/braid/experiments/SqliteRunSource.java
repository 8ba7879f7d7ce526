package dev.braid.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * An MLflow SQLite backend file ({@code mlflow.db}) read in place, read-only, without a server,
 * whichever MLflow since 1.0 wrote it: its shape is read on every open ({@link SqliteSchema}) and
 * the queries ask only for what it has. MLflow may be writing meanwhile, so each call reads in
 * its own short transaction.
 */
final class SqliteRunSource implements RunSource {
    private final Path file;

    SqliteRunSource(Path file) {
        this.file = file;
    }

    @Override
    public List<Experiment> experiments(long sourceId) throws MlflowException {
        return read((c, schema) -> {
            Map<String, Map<String, String>> tags = new LinkedHashMap<>();
            if (schema.has("experiment_tags")) {
                try (PreparedStatement st = c.prepareStatement("SELECT experiment_id, key, value FROM experiment_tags");
                     ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tags.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                    }
                }
            }
            List<Experiment> out = new ArrayList<>();
            // Experiments have had their times since MLflow 2.2 (revision 97727af70f4d).
            try (PreparedStatement st = c.prepareStatement("SELECT experiment_id, name, artifact_location, lifecycle_stage, "
                    + schema.column("e", "experiments", "creation_time", "NULL") + ", "
                    + schema.column("e", "experiments", "last_update_time", "NULL")
                    + " FROM experiments e WHERE lifecycle_stage = 'active' ORDER BY experiment_id");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new Experiment(sourceId, id, rs.getString(2), rs.getString(3), rs.getString(4),
                            SqliteRuns.longOrNull(rs, 5), SqliteRuns.longOrNull(rs, 6), tags.getOrDefault(id, Map.of())));
                }
            }
            return out;
        });
    }

    @Override
    public List<RemoteRun> searchRuns(List<String> experimentIds, String filter) throws MlflowException {
        if (filter != null) {
            throw MlflowException.permanent("a local MLflow store is read whole, not searched", null);
        }
        return read((c, schema) -> new SqliteRuns(c, schema).active(experimentIds));
    }

    @Override
    public RemoteRun run(String runId) throws MlflowException {
        List<RemoteRun> found = read((c, schema) -> new SqliteRuns(c, schema).one(runId));
        if (found.isEmpty()) {
            throw MlflowException.permanent("no run " + runId + " in " + file, null);
        }
        return found.get(0);
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String key) throws MlflowException {
        return read((c, schema) -> {
            List<MetricPoint> out = new ArrayList<>();
            // MLflow's own order for get_metric_history on a SQL store; steps came with 1.0, the NaN flag with 1.x.
            String step = schema.column("m", "metrics", "step", "0");
            try (PreparedStatement st = c.prepareStatement("SELECT " + step + ", m.timestamp, m.value, "
                    + schema.column("m", "metrics", "is_nan", "0") + " FROM metrics m WHERE m.run_uuid = ? AND m.key = ?"
                    + " ORDER BY m.timestamp, " + step + ", m.value")) {
                st.setString(1, runId);
                st.setString(2, key);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MetricPoint(rs.getLong(1), rs.getLong(2), SqliteRuns.value(rs, 3, 4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<RegisteredModel> registeredModels(long sourceId) throws MlflowException {
        return read((c, schema) -> SqliteRegistry.models(c, schema, sourceId));
    }

    @Override
    public List<LoggedModel> loggedModels(long sourceId, List<String> experimentIds) throws MlflowException {
        return read((c, schema) -> schema.has("logged_models")
                ? SqliteLoggedModels.models(c, sourceId, experimentIds) : List.of());
    }

    @Override
    public boolean readsWholeCheaply() {
        return true;
    }

    private interface Query<T> {
        T run(Connection c, SqliteSchema schema) throws SQLException;
    }

    private <T> T read(Query<T> query) throws MlflowException {
        if (!Files.isRegularFile(file)) {
            throw MlflowException.permanent("the MLflow database " + file + " is gone", null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(10_000);
        SqliteSchema schema = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            schema = SqliteSchema.read(c, file);
            c.setAutoCommit(false);
            try {
                return query.run(c, schema);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            // A locked database is MLflow writing; trying again later helps. Anything else will not.
            String message = "cannot read the MLflow database " + file + ": " + e.getMessage();
            if (schema != null && schema.isNewer()) {
                message += ". It is at schema revision " + schema.revision() + ", written by an MLflow newer than Braid"
                        + " knows: serve it with that MLflow (mlflow server --backend-store-uri sqlite:///" + file
                        + ") and add the server's http address, or use a newer Braid";
            }
            throw e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY")
                    ? MlflowException.transientFailure(message, e) : MlflowException.permanent(message, e);
        }
    }
}
