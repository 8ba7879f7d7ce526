package dev.braid.experiments.filter;

import dev.braid.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A real cache file with one MLflow source, and runs written through plain INSERTs. */
final class RunCacheFixture implements AutoCloseable {
    private final Database db;
    private final long sourceId;

    private RunCacheFixture(Database db, long sourceId) {
        this.db = db;
        this.sourceId = sourceId;
    }

    static RunCacheFixture open(Path dir) throws Exception {
        Database db = Database.open(dir.resolve("cache.db"));
        long id = db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO sources(kind, name, created_at) VALUES ('mlflow', 'local', 0) RETURNING id")) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new RunCacheFixture(db, id);
    }

    Database database() {
        return db;
    }

    Run run(String runId, long startTime) {
        return new Run(runId, startTime);
    }

    /** The run ids {@code filter} keeps, in the order {@code orderBy} gives. */
    List<String> ids(String filter, String... orderBy) throws FilterSyntaxException {
        return ids(RunFilter.parse(filter), RunOrder.parse(List.of(orderBy)));
    }

    /** Evaluates every rendering of the filter (as sets, run by run, as one set query); they must keep the same runs. */
    List<String> ids(RunFilter filter, RunOrder order) {
        List<String> asSets = ids(filter.where(), order);
        List<String> perRun = ids(filter.perRun(), order);
        if (!asSets.equals(perRun)) {
            throw new AssertionError(filter + " kept " + asSets + " as sets but " + perRun + " run by run");
        }
        SqlFragment set = filter.runSet();
        List<String> inSet = ids(new SqlFragment("r.run_pk IN (" + set.sql() + ")", set.parameters()), order);
        if (!asSets.equals(inSet)) {
            throw new AssertionError(filter + " kept " + asSets + " as sets but " + inSet + " as one set query");
        }
        return asSets;
    }

    private List<String> ids(SqlFragment where, RunOrder order) {
        SqlFragment sort = order.orderBy();
        String sql = "SELECT r.run_id FROM runs r WHERE " + where.sql() + " ORDER BY " + sort.sql();
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.addAll(sort.parameters());
        return db.read(c -> query(c, sql, parameters));
    }

    private static List<String> query(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                st.setObject(i + 1, parameters.get(i));
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    @Override
    public void close() {
        db.close();
    }

    /** One run to insert; chain the setters, then {@link #insert()}. Mutable, test-only. */
    final class Run {
        private final String runId;
        private final long startTime;
        private Long endTime;
        private String status = "FINISHED";
        private String name;
        private String user = "ann";
        private String artifactUri;
        private final List<Object[]> params = new ArrayList<>();
        private final List<Object[]> metrics = new ArrayList<>();
        private final List<Object[]> tags = new ArrayList<>();
        private final List<Object[]> datasets = new ArrayList<>();

        private Run(String runId, long startTime) {
            this.runId = runId;
            this.startTime = startTime;
        }

        Run end(Long time) {
            endTime = time;
            return this;
        }

        Run status(String value) {
            status = value;
            return this;
        }

        /** Sets the name column and, as MLflow does, the mlflow.runName tag. */
        Run name(String value) {
            name = value;
            return tag(WhereTranslator.RUN_NAME_TAG, value);
        }

        Run nameColumnOnly(String value) {
            name = value;
            return this;
        }

        Run user(String value) {
            user = value;
            return this;
        }

        Run artifactUri(String value) {
            artifactUri = value;
            return this;
        }

        Run param(String key, String value) {
            params.add(new Object[] {key, value});
            return this;
        }

        /** A NaN value is cached as NULL, as the sync does. */
        Run metric(String key, double value) {
            metrics.add(new Object[] {key, Double.isNaN(value) ? null : value});
            return this;
        }

        Run tag(String key, String value) {
            tags.add(new Object[] {key, value});
            return this;
        }

        Run dataset(String name, String digest, String context) {
            datasets.add(new Object[] {name, digest, context});
            return this;
        }

        void insert() {
            db.write(c -> {
                long pk;
                try (PreparedStatement st = c.prepareStatement("INSERT INTO runs(source_id, run_id, experiment_id, "
                        + "run_name, user_id, status, start_time, end_time, artifact_uri, synced_at) "
                        + "VALUES (?, ?, '1', ?, ?, ?, ?, ?, ?, 0) RETURNING run_pk")) {
                    st.setLong(1, sourceId);
                    st.setString(2, runId);
                    st.setString(3, name);
                    st.setString(4, user);
                    st.setString(5, status);
                    st.setLong(6, startTime);
                    st.setObject(7, endTime);
                    st.setString(8, artifactUri);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        pk = rs.getLong(1);
                    }
                }
                insertAll(c, "INSERT INTO run_params(run_pk, key, value) VALUES (?, ?, ?)", pk, params);
                insertAll(c, "INSERT INTO run_metrics(run_pk, key, value, timestamp, step) VALUES (?, ?, ?, 0, 0)",
                        pk, metrics);
                insertAll(c, "INSERT INTO run_tags(run_pk, key, value) VALUES (?, ?, ?)", pk, tags);
                insertAll(c, "INSERT INTO run_dataset_inputs(run_pk, name, digest, context) VALUES (?, ?, ?, ?)",
                        pk, datasets);
                return null;
            });
        }

        private void insertAll(Connection c, String sql, long pk, List<Object[]> rows) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    st.setLong(1, pk);
                    for (int i = 0; i < row.length; i++) {
                        st.setObject(i + 2, row[i]);
                    }
                    st.executeUpdate();
                }
            }
        }
    }
}
