package dev.braid.experiments;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Replaces a cached run's params, latest metrics, tags and dataset inputs with a fresh copy. */
final class RunChildren {
    private RunChildren() {
    }

    /** Replaces the children of run {@code pk}; {@code isNew} skips deleting what a new run cannot have. */
    static void replace(StatementCache statements, long pk, RemoteRun run, boolean isNew) throws SQLException {
        if (!isNew) {
            for (String table : new String[] {"run_params", "run_metrics", "run_tags", "run_dataset_inputs"}) {
                PreparedStatement st = statements.get("DELETE FROM " + table + " WHERE run_pk = ?");
                st.setLong(1, pk);
                st.executeUpdate();
            }
        }
        insertPairs(statements, "INSERT INTO run_params(run_pk, key, value) VALUES (?, ?, ?)", pk, run.params());
        insertPairs(statements, "INSERT INTO run_tags(run_pk, key, value) VALUES (?, ?, ?)", pk, run.tags());
        insertMetrics(statements, pk, run);
        insertDatasets(statements, pk, run);
    }

    private static void insertMetrics(StatementCache statements, long pk, RemoteRun run) throws SQLException {
        if (run.metrics().isEmpty()) {
            return;
        }
        PreparedStatement st = statements.get(
                "INSERT INTO run_metrics(run_pk, key, value, timestamp, step) VALUES (?, ?, ?, ?, ?)");
        for (LatestMetric m : run.metrics()) {
            st.setLong(1, pk);
            st.setString(2, m.key());
            if (m.value() == null) {
                st.setNull(3, Types.REAL);
            } else {
                st.setDouble(3, m.value());
            }
            st.setLong(4, m.timestamp());
            st.setLong(5, m.step());
            st.addBatch();
        }
        st.executeBatch();
    }

    private static void insertDatasets(StatementCache statements, long pk, RemoteRun run) throws SQLException {
        if (run.datasets().isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        PreparedStatement st = statements.get("""
                INSERT INTO run_dataset_inputs(run_pk, name, digest, source_type, source, context, schema_json, profile)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
        for (DatasetInput d : run.datasets()) {
            if (!seen.add(d.identity())) {
                continue;
            }
            st.setLong(1, pk);
            st.setString(2, d.name());
            st.setString(3, d.digest());
            st.setString(4, d.sourceType());
            st.setString(5, d.source());
            st.setString(6, d.context());
            st.setString(7, d.schemaJson());
            st.setString(8, d.profile());
            st.addBatch();
        }
        st.executeBatch();
    }

    private static void insertPairs(StatementCache statements, String sql, long pk, Map<String, String> pairs)
            throws SQLException {
        if (pairs.isEmpty()) {
            return;
        }
        PreparedStatement st = statements.get(sql);
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            st.setLong(1, pk);
            st.setString(2, pair.getKey());
            st.setString(3, pair.getValue());
            st.addBatch();
        }
        st.executeBatch();
    }
}
