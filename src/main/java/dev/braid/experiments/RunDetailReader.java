package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads everything cached about one run. */
final class RunDetailReader {
    private final RunReader runs = new RunReader();
    private final RegistryStore registry = new RegistryStore();

    Optional<RunDetail> detail(Connection c, long runPk) throws SQLException {
        Optional<RunSummary> found = runs.run(c, runPk);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunSummary summary = found.get();
        String lifecycle = null;
        String artifactUri = null;
        try (PreparedStatement st = c.prepareStatement("SELECT lifecycle_stage, artifact_uri FROM runs WHERE run_pk = ?")) {
            st.setLong(1, runPk);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    lifecycle = rs.getString(1);
                    artifactUri = rs.getString(2);
                }
            }
        }
        List<ModelVersion> versions = registry.models(c, summary.sourceId()).stream()
                .flatMap(m -> m.versions().stream()).filter(v -> summary.runId().equals(v.runId())).toList();
        return Optional.of(new RunDetail(summary, lifecycle, artifactUri, latest(c, runPk), datasets(c, runPk),
                children(c, summary), versions));
    }

    private static List<LatestMetric> latest(Connection c, long runPk) throws SQLException {
        List<LatestMetric> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT key, value, timestamp, step FROM run_metrics WHERE run_pk = ? ORDER BY key")) {
            st.setLong(1, runPk);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(2);
                    out.add(new LatestMetric(rs.getString(1), rs.wasNull() ? null : value, rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static List<DatasetInput> datasets(Connection c, long runPk) throws SQLException {
        List<DatasetInput> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name, digest, source_type, source, context, schema_json,"
                + " profile FROM run_dataset_inputs WHERE run_pk = ? ORDER BY name, context, digest")) {
            st.setLong(1, runPk);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new DatasetInput(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static List<String> children(Connection c, RunSummary run) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT run_id FROM runs WHERE source_id = ? AND parent_run_id = ?"
                + " ORDER BY start_time, run_id")) {
            st.setLong(1, run.sourceId());
            st.setString(2, run.runId());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
