package dev.braid.features.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds which runs used which feature-view versions, from what the cache holds (the conventions
 * of docs/decisions/0019-feature-versions-and-usage.md):
 * <ol>
 *   <li>a param or tag whose key ends in {@code feature_service} names a feature service;</li>
 *   <li>a param or tag whose key ends in {@code feature_views} lists views ({@code a, b@v1});</li>
 *   <li>a param or tag whose whole value is a list of feature references ({@code view:feature},
 *       {@code view@v2:feature}) that all name known views and features;</li>
 *   <li>a param or tag {@code feast.saved_dataset}, or an MLflow dataset input named like a Feast
 *       saved dataset or read from its storage, stands for the saved dataset's references;</li>
 *   <li>an MLflow dataset input read from where a view's batch source lives is that view;</li>
 *   <li>an OpenLineage job run reading a dataset Feast's emitter names for a view, feature service
 *       or saved dataset (namespace the project, or ending in {@code /project}).</li>
 * </ol>
 * A param or tag {@code feast.project} says which project a name belongs to where several have it.
 */
public final class UsageDeriver {
    static final String PROJECT_KEY = "feast.project";
    static final String SAVED_DATASET_KEY = "feast.saved_dataset";
    private static final List<String> FEAST_JOB_PREFIXES = List.of("feature_view_", "feature_service_", "saved_dataset_",
            "materialize_", "stream_feature_view_", "on_demand_feature_view_", "label_view_");
    private final ObjectMapper json = new ObjectMapper();

    /** Every use the cache supports now. */
    public List<UseRow> derive(Connection c) throws SQLException {
        CatalogueIndex index = CatalogueIndex.read(c);
        List<UseRow> out = new ArrayList<>();
        if (index.viewsByName.isEmpty()) {
            return out;
        }
        Map<Long, RunUsage> runs = runs(c, index);
        keyValues(c, "run_params", runs);
        keyValues(c, "run_tags", runs);
        datasets(c, index, runs);
        runs.values().forEach(r -> out.addAll(r.uses()));
        out.addAll(jobRuns(c, index));
        return out;
    }

    private static Map<Long, RunUsage> runs(Connection c, CatalogueIndex index) throws SQLException {
        Map<Long, RunUsage> runs = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT r.run_pk, r.start_time,
                       COALESCE((SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = ?1),
                                (SELECT value FROM run_params p WHERE p.run_pk = r.run_pk AND p.key = ?1))
                FROM runs r WHERE r.lifecycle_stage = 'active'""")) {
            st.setString(1, PROJECT_KEY);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    RunUsage run = new RunUsage(index, rs.getLong(1), null,
                            rs.getObject(2) == null ? null : Instant.ofEpochMilli(rs.getLong(2)));
                    run.projectHint(rs.getString(3));
                    runs.put(rs.getLong(1), run);
                }
            }
        }
        return runs;
    }

    /** Params or tags that may name features: keys about features, or values with a ':' in them. */
    private static void keyValues(Connection c, String table, Map<Long, RunUsage> runs) throws SQLException {
        String what = table.equals("run_params") ? "param " : "tag ";
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, key, value FROM " + table
                + " WHERE value IS NOT NULL AND key NOT LIKE 'mlflow.%' AND (instr(value, ':') > 0 OR key LIKE '%feature%'"
                + " OR key = ?)")) {
            st.setString(1, SAVED_DATASET_KEY);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    RunUsage run = runs.get(rs.getLong(1));
                    if (run != null) {
                        keyValue(run, what + rs.getString(2), rs.getString(2), rs.getString(3));
                    }
                }
            }
        }
    }

    private static void keyValue(RunUsage run, String via, String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        String evidence = key + "=" + value;
        if (k.endsWith("feature_service") || k.endsWith("feature-service")) {
            run.service(value, via);
        } else if (k.equals(SAVED_DATASET_KEY)) {
            run.savedDatasetNamed(value.strip(), via, evidence);
        } else if (k.endsWith("feature_views") || k.endsWith("feature-views")) {
            run.refs(FeatureRef.parseList(value, false), via, evidence);
        } else {
            run.refs(FeatureRef.parseList(value, true), via, evidence);
        }
    }

    private void datasets(Connection c, CatalogueIndex index, Map<Long, RunUsage> runs) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_pk, name, source FROM run_dataset_inputs");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                RunUsage run = runs.get(rs.getLong(1));
                if (run == null) {
                    continue;
                }
                String name = rs.getString(2);
                String location = location(rs.getString(3));
                String via = "dataset input " + name;
                String evidence = location == null ? name : name + " (" + location + ")";
                boolean found = run.savedDatasetNamed(name, via, evidence);
                String node = CatalogueIndex.normalise(location, null);
                if (!found && node != null) {
                    for (CatalogueIndex.SavedDataset saved : index.savedByLocation.getOrDefault(node, List.of())) {
                        found |= run.savedDataset(saved, via, evidence);
                    }
                    if (!found) {
                        for (CatalogueIndex.View view : index.viewsByLocation.getOrDefault(node, List.of())) {
                            run.view(view, via, evidence);
                        }
                    }
                }
            }
        }
    }

    /** Where an MLflow dataset source says its data is: its uri, url or path. */
    private String location(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(source);
            for (String field : new String[] {"uri", "url", "path"}) {
                if (node.path(field).isTextual() && !node.get(field).asText().isBlank()) {
                    return node.get(field).asText();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** OpenLineage runs (of other jobs than Feast's own) that read a dataset Feast's emitter names. */
    private static List<UseRow> jobRuns(Connection c, CatalogueIndex index) throws SQLException {
        List<UseRow> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT e.from_id, e.to_id, e.asserted_at, n.name FROM lineage_edges e
                LEFT JOIN lineage_nodes n ON n.id = e.to_id
                WHERE e.kind = 'input' AND e.asserted_by = 'openlineage' AND e.to_id >= 'job-run:' AND e.to_id < 'job-run;'
                  AND e.from_id >= 'dataset:' AND e.from_id < 'dataset;'""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String dataset = rs.getString(1).substring("dataset:".length());
                int colon = dataset.lastIndexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String namespace = dataset.substring(0, colon);
                String name = dataset.substring(colon + 1);
                String job = rs.getString(4) == null ? "" : rs.getString(4);
                if (FEAST_JOB_PREFIXES.stream().anyMatch(job::startsWith)) {
                    continue;
                }
                String project = projectOf(namespace, index);
                if (project == null) {
                    continue;
                }
                RunUsage run = new RunUsage(index, null, rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
                run.projectHint(project);
                String via = "OpenLineage input " + namespace + ":" + name;
                if (!run.service(project + "/" + name, via) && !run.savedDatasetNamed(name, via, name)) {
                    run.refs(List.of(new FeatureRef(name, null, null)), via, name);
                }
                out.addAll(run.uses());
            }
        }
        return out;
    }

    /** The Feast project an OpenLineage namespace stands for: the project itself, or {@code <configured>/<project>}. */
    static String projectOf(String namespace, CatalogueIndex index) {
        if (index.projects.contains(namespace)) {
            return namespace;
        }
        int slash = namespace.lastIndexOf('/');
        if (slash >= 0 && index.projects.contains(namespace.substring(slash + 1))) {
            return namespace.substring(slash + 1);
        }
        return null;
    }
}
