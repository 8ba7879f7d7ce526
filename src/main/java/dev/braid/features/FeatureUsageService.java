package dev.braid.features;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who used what: the runs (and the model versions registered from them) that used a feature
 * view's versions, the feature versions a run or a model version used, each with whether that
 * version is stale. Uses are derived after syncs by {@link FeatureLinks}; these questions only
 * read them. Synchronous.
 */
public final class FeatureUsageService {
    /** A view's current version: what its live source says, else what the last one said. */
    private static final String CURRENT_OF_VIEW = "SELECT s.current_version FROM feature_view_sources s WHERE s.view_pk = ?"
            + " ORDER BY s.removed_at IS NOT NULL, s.seen_at DESC LIMIT 1";
    private static final String CURRENT = "(" + CURRENT_OF_VIEW.replace("?", "u.view_pk") + ")";
    private static final String FROM = " FROM feature_uses u JOIN feature_views v ON v.view_pk = u.view_pk"
            + " LEFT JOIN runs r ON r.run_pk = u.run_pk LEFT JOIN sources src ON src.id = r.source_id"
            + " LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id";
    private static final String SELECT = select(CURRENT);
    private final Database db;
    private final FeatureCatalogService catalogue;

    public FeatureUsageService(Database db, FeatureCatalogService catalogue) {
        this.db = db;
        this.catalogue = catalogue;
    }

    /**
     * The runs that used view {@code name} (any version, or only {@code version} when not null),
     * newest first, with the model versions registered from them.
     */
    public List<FeatureUse> usedBy(String name, String version) throws FeatureException {
        FeatureViewDetail view = catalogue.view(name);
        String label = version == null ? null : FeatureCatalogService.version(view, version).version();
        return usedBy(view.viewPk(), label);
    }

    /** Like {@link #usedBy(String, String)} for a view by key. */
    public List<FeatureUse> usedBy(long viewPk, String version) {
        return db.read(c -> {
            // Every row is of the one view, so its current version is read once, not once per use
            // (a view used by 10,000 runs took 141 ms with the per-row lookup).
            String current = null;
            try (PreparedStatement st = c.prepareStatement(CURRENT_OF_VIEW)) {
                st.setLong(1, viewPk);
                try (ResultSet rs = st.executeQuery()) {
                    current = rs.next() ? rs.getString(1) : null;
                }
            }
            String sql = select("?") + " WHERE u.view_pk = ?" + (version == null ? "" : " AND u.version = ?")
                    + " ORDER BY u.used_at DESC, u.id";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, current);
                st.setLong(2, viewPk);
                if (version != null) {
                    st.setString(3, version);
                }
                return read(c, st);
            }
        });
    }

    /** The uses' columns, with {@code current} as the view's current version (a subquery or a parameter). */
    private static String select(String current) {
        return "SELECT v.project, v.name, u.version, u.pinned, " + current + ", src.name, r.run_id,"
                + " r.run_name, e.name, u.node_id, u.used_at, u.via, u.evidence, u.run_pk" + FROM;
    }

    /** The feature versions MLflow run {@code runId} of source {@code mlflowSource} used. */
    public List<FeatureUse> usedByRun(String mlflowSource, String runId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SELECT + " WHERE src.name = ? AND r.run_id = ? ORDER BY v.project, v.name")) {
                st.setString(1, mlflowSource);
                st.setString(2, runId);
                return read(c, st);
            }
        });
    }

    /** The feature versions the run {@code runId} of the MLflow source with key {@code mlflowSourceId} used. */
    public List<FeatureUse> usedByRun(long mlflowSourceId, String runId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SELECT + " WHERE r.source_id = ? AND r.run_id = ? ORDER BY v.project, v.name")) {
                st.setLong(1, mlflowSourceId);
                st.setString(2, runId);
                return read(c, st);
            }
        });
    }

    /**
     * The feature versions model version {@code model}/{@code version} of MLflow source
     * {@code mlflowSource} was trained on: those its run used. Empty when the version names no run
     * or its run recorded no features. (For bills of materials and the model-version page.)
     */
    public List<FeatureUse> usedByModelVersion(String mlflowSource, String model, String version) {
        Optional<String> runId = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT mv.run_id FROM model_versions mv JOIN sources s ON s.id = mv.source_id"
                    + " WHERE s.name = ? AND mv.name = ? AND mv.version = ?")) {
                st.setString(1, mlflowSource);
                st.setString(2, model);
                st.setString(3, version);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getString(1) != null ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return runId.map(id -> usedByRun(mlflowSource, id)).orElse(List.of());
    }

    private static List<FeatureUse> read(Connection c, PreparedStatement st) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[14];
                for (int i = 0; i < 14; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        Map<Long, List<ModelVersionRef>> models = modelVersions(c, rows);
        List<FeatureUse> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new FeatureUse((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue() == 1, (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                    r[10] == null ? null : java.time.Instant.ofEpochMilli(((Number) r[10]).longValue()), (String) r[11],
                    (String) r[12], r[13] == null ? List.of() : models.getOrDefault(((Number) r[13]).longValue(), List.of())));
        }
        return out;
    }

    /** The model versions registered from the runs among {@code rows}, with their aliases, by run key. */
    private static Map<Long, List<ModelVersionRef>> modelVersions(Connection c, List<Object[]> rows) throws SQLException {
        Map<Long, List<ModelVersionRef>> out = new HashMap<>();
        List<Long> runs = rows.stream().filter(r -> r[13] != null).map(r -> ((Number) r[13]).longValue()).distinct().toList();
        for (int from = 0; from < runs.size(); from += 500) {
            List<Long> chunk = runs.subList(from, Math.min(runs.size(), from + 500));
            StringBuilder marks = new StringBuilder();
            chunk.forEach(x -> marks.append(marks.length() > 0 ? "," : "").append('?'));
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT r.run_pk, s.name, mv.name, mv.version,
                           (SELECT group_concat(a.alias, ',') FROM model_aliases a
                            WHERE a.source_id = mv.source_id AND a.name = mv.name AND a.version = mv.version)
                    FROM runs r JOIN model_versions mv ON mv.source_id = r.source_id AND mv.run_id = r.run_id
                    JOIN sources s ON s.id = r.source_id WHERE r.run_pk IN (""" + marks + ") ORDER BY mv.name, CAST(mv.version AS INTEGER)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String aliases = rs.getString(5);
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ModelVersionRef(rs.getString(2),
                                rs.getString(3), rs.getString(4), aliases == null ? List.of() : List.of(aliases.split(","))));
                    }
                }
            }
        }
        return out;
    }
}
