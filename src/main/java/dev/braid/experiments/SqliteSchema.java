package dev.braid.experiments;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of an MLflow SQL store: which tables and columns it has. MLflow has changed its schema
 * some seventy times since 1.0 (alembic revisions), almost always by adding: a metric's step and
 * NaN flag, experiment tags, the latest metric values, the model registry, aliases, dataset
 * inputs, logged models. Braid reads any revision by asking the store what it has and leaving out
 * (or working out) what it lacks, so a store of MLflow 1.0 opens as well as one of today's. Only
 * a store without the core every revision shares is refused, saying what the user can do.
 */
final class SqliteSchema {
    /** The newest revision Braid was built against (MLflow 3.17.2). */
    static final String HEAD = "dc11669786a5";
    /** Every revision from MLflow 1.0 up to {@link #HEAD}, oldest first. */
    static final List<String> KNOWN = List.of(
            "451aebb31d03", "90e64c465722", "181f10493468", "df50e92ffc5e", "7ac759974ad8", "89d4b8295536",
            "2b4d017a5e9b", "cfd24bdc0731", "0a8213491aaa", "728d730b5ebd", "27a6a02d2cf1", "84291f40a231",
            "a8c4a736bde6", "39d1c3be5f05", "c48cb773bb87", "bd07f7e963c5", "0c779009ac13", "cc1f77228345",
            "97727af70f4d", "3500859a5d39", "7f2a7d5fae7d", "2d6e25af4d3e", "acf3f17fdcc7", "867495a8f9d4",
            "5b0e9adcef9c", "4465047574b1", "f5a4f2784254", "0584bdc529eb", "400f98739977", "6953534de441",
            "bda7b8c39065", "cbc13b556ace", "770bee3ae1dd", "a1b2c3d4e5f6", "de4033877273", "1a0cddfcaa16",
            "534353b11cbc", "71994744cf8e", "3da73c924c2f", "bf29a5ff90ea", "1bd49d398cd23", "b7c8d9e0f1a2",
            "5d2d30f0abce", "c9d4e5f6a7b8", "2c33131f4dae", "d3e4f5a6b7c8", "d0e1f2a3b4c5", "c8d9e0f1a2b3",
            "1b5f0d9ad7c1", "e1f2a3b4c5d6", "76601a5f987d", "c3d6457b6d8a", "a5b4c3d2e1f0", "ae8bbe7743c9",
            "7d34483879f0", "da6fb0208061", "89d3d66ed43f", "b7e4c1a90f23", "a8b9c0d1e2f3", "c1d2e3f4a5b6",
            "c3d9e7f1a2b4", "6f8d9c3b2a1e", "1971f2d9a75b", "17e22815139b", "b7e2c1a4d9f3", "75868b020152",
            HEAD);
    /** What every MLflow store since before 1.0 has; without it Braid cannot list a single run. */
    private static final Map<String, List<String>> CORE = Map.of(
            "experiments", List.of("experiment_id", "name", "artifact_location", "lifecycle_stage"),
            "runs", List.of("run_uuid", "experiment_id", "name", "user_id", "status", "start_time", "end_time",
                    "lifecycle_stage", "artifact_uri"),
            "metrics", List.of("key", "value", "timestamp", "run_uuid"),
            "params", List.of("key", "value", "run_uuid"),
            "tags", List.of("key", "value", "run_uuid"));
    private final Map<String, Set<String>> columns;
    private final String revision;

    private SqliteSchema(Map<String, Set<String>> columns, String revision) {
        this.columns = columns;
        this.revision = revision;
    }

    /**
     * The shape of the store at {@code file}; fails, saying what the user can do, when it lacks
     * the core every MLflow store has.
     */
    static SqliteSchema read(Connection c, Path file) throws MlflowException {
        Map<String, Set<String>> columns = new HashMap<>();
        String revision = null;
        try {
            try (PreparedStatement st = c.prepareStatement("SELECT name FROM sqlite_master WHERE type = 'table'");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new HashSet<>());
                }
            }
            for (Map.Entry<String, Set<String>> table : columns.entrySet()) {
                try (PreparedStatement st = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
                    st.setString(1, table.getKey());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            table.getValue().add(rs.getString(1));
                        }
                    }
                }
            }
            if (columns.containsKey("alembic_version")) {
                try (PreparedStatement st = c.prepareStatement("SELECT version_num FROM alembic_version");
                     ResultSet rs = st.executeQuery()) {
                    revision = rs.next() ? rs.getString(1) : null;
                }
            }
        } catch (SQLException e) {
            throw MlflowException.permanent(file + " cannot be read as a SQLite database: " + e.getMessage()
                    + ". Check that it is an MLflow store (the file MLflow's --backend-store-uri sqlite:///… names).", e);
        }
        SqliteSchema schema = new SqliteSchema(columns, revision);
        schema.checkCore(file);
        return schema;
    }

    private void checkCore(Path file) throws MlflowException {
        if (!has("runs") && !has("experiments")) {
            throw MlflowException.permanent(file + " is not an MLflow tracking store: it has no experiments or runs table."
                    + " Add the database MLflow's --backend-store-uri names (often mlflow.db), or the mlruns folder.", null);
        }
        for (Map.Entry<String, List<String>> table : CORE.entrySet()) {
            for (String column : table.getValue()) {
                if (!has(table.getKey(), column)) {
                    throw MlflowException.permanent(missing(file, table.getKey() + "." + column), null);
                }
            }
        }
    }

    /** What to say when a store lacks something every MLflow store has. */
    private String missing(Path file, String what) {
        String serve = " Serve it with the MLflow that wrote it (mlflow server --backend-store-uri sqlite:///" + file
                + ") and add that server's http address to Braid instead.";
        if (isNewer()) {
            return "The MLflow store " + file + " is at schema revision " + revision + ", newer than Braid knows"
                    + " (up to " + HEAD + ", MLflow 3.17.2), and it has no " + what + "." + serve
                    + " A newer Braid may read it directly.";
        }
        return "The MLflow store " + file + " has no " + what + ", which every MLflow store since 1.0 has: it may be"
                + " damaged or not an MLflow tracking store." + serve;
    }

    /** Whether the store names a revision this Braid does not know: written by a newer MLflow. */
    boolean isNewer() {
        return revision != null && !KNOWN.contains(revision);
    }

    String revision() {
        return revision;
    }

    boolean has(String table) {
        return columns.containsKey(table);
    }

    boolean has(String table, String column) {
        Set<String> found = columns.get(table);
        return found != null && found.contains(column);
    }

    /** {@code alias.column} when the table has it, else {@code fallback} (an SQL literal) in its place. */
    String column(String alias, String table, String column, String fallback) {
        return has(table, column) ? alias + "." + column : fallback;
    }
}
