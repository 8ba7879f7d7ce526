package dev.braid.features;

import dev.braid.features.feast.SourceRef;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.registry.DefinitionJson;
import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lineage the feature catalogue asserts (docs/decisions/0008 and 0012), all as
 * {@value #ASSERTED_BY}: data source → feature-view version (input), feature view → its versions,
 * the views an on-demand or derived view reads → its versions, feature-view version → each run
 * that used it (input). Runs lead on to their model versions through MLflow's own edges, so
 * upstream of a model shows its features and downstream of a version every model it reaches.
 */
public final class FeatureLineage {
    public static final String ASSERTED_BY = "features";
    public static final NodeKind FEATURE_VIEW = new NodeKind("feature-view");
    public static final NodeKind FEATURE_VIEW_VERSION = new NodeKind("feature-view-version");
    private final DefinitionJson definitions = new DefinitionJson();

    /** {@code feature-view:<project>:<name>} */
    public static NodeId view(String project, String name) {
        return NodeId.of(FEATURE_VIEW, project + ":" + name);
    }

    /** {@code feature-view-version:<project>:<name>@<version>} */
    public static NodeId version(String project, String name, String version) {
        return NodeId.of(FEATURE_VIEW_VERSION, project + ":" + name + "@" + version);
    }

    /**
     * The dataset a data source stands for: where its rows live when that is a file or object
     * (relative paths resolved against the feature repository, as Feast resolves them), else the
     * name Feast's own OpenLineage emitter gives it ({@code dataset:<project>:<source name>}).
     */
    static DatasetIdentity.DatasetName dataset(String project, SourceRef source, String repoPath) {
        String where = source.location();
        boolean uri = where.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        try {
            if (uri || where.startsWith("/")) {
                return DatasetIdentity.fromUri(where);
            }
            if (!where.isEmpty() && repoPath != null && source.type().equals("BATCH_FILE")) {
                return DatasetIdentity.fromUri(Path.of(repoPath).resolve(where).normalize().toString());
            }
        } catch (IllegalArgumentException notALocation) {
            // Falls through to Feast's own name for it.
        }
        return DatasetIdentity.fromOpenLineage(project, source.name().isEmpty() ? where : source.name());
    }

    GraphChanges derive(Connection c, Instant now) throws SQLException {
        GraphChanges.Builder out = GraphChanges.builder();
        Map<Long, String[]> views = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT v.view_pk, v.project, v.name, s.kind, s.current_version, s.owner, json_extract(src.config, '$.repo_path')
                FROM feature_views v JOIN feature_view_sources s ON s.view_pk = v.view_pk JOIN sources src ON src.id = s.source_id
                ORDER BY v.view_pk, s.removed_at IS NULL, s.seen_at""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                // Ordered so the latest listing of each view is the one kept.
                views.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)});
            }
        }
        for (String[] v : views.values()) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("project", v[0]);
            props.put("kind", v[2]);
            props.put("currentVersion", v[3]);
            if (!v[4].isEmpty()) {
                props.put("owner", v[4]);
            }
            out.node(view(v[0], v[1]), v[1], props);
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT view_pk, version, created_at, definition, definition_hash FROM feature_view_versions");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String[] v = views.get(rs.getLong(1));
                if (v == null) {
                    continue;
                }
                String label = rs.getString(2);
                Instant at = Instant.ofEpochMilli(rs.getLong(3));
                NodeId version = version(v[0], v[1], label);
                out.node(version, v[1] + "@" + label, Map.of("version", label, "view", view(v[0], v[1]).value(),
                        "definitionHash", rs.getString(5), "current", String.valueOf(label.equals(v[3]))));
                out.edge(view(v[0], v[1]), version, EdgeKind.VERSION, ASSERTED_BY, at);
                ViewDefinition d = definitions.read(rs.getString(4));
                for (SourceRef source : new SourceRef[] {d.batchSource(), d.streamSource()}) {
                    if (source != null && !(source.name().isEmpty() && source.location().isEmpty())) {
                        DatasetIdentity.DatasetName dataset = dataset(v[0], source, v[5]);
                        out.node(dataset.nodeId(), source.name().isEmpty() ? dataset.name() : source.name(),
                                Map.of("namespace", dataset.namespace(), "feastSource", source.name(), "type", source.type()));
                        out.edge(dataset.nodeId(), version, EdgeKind.INPUT, ASSERTED_BY, at);
                    }
                }
                for (String input : d.sourceViewNames()) {
                    if (!input.startsWith("request:")) {
                        out.edge(view(v[0], input), version, EdgeKind.INPUT, ASSERTED_BY, at);
                    }
                }
            }
        }
        uses(c, views, out, now);
        return out.build();
    }

    private static void uses(Connection c, Map<Long, String[]> views, GraphChanges.Builder out, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT u.view_pk, u.version, u.used_at, u.via, u.node_id, src.name, r.run_id
                FROM feature_uses u LEFT JOIN runs r ON r.run_pk = u.run_pk LEFT JOIN sources src ON src.id = r.source_id""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String[] v = views.get(rs.getLong(1));
                if (v == null) {
                    continue;
                }
                NodeId consumer = rs.getString(7) != null ? LineageIds.mlflowRun(rs.getString(6), rs.getString(7))
                        : rs.getString(5) != null ? new NodeId(rs.getString(5)) : null;
                if (consumer == null) {
                    continue;
                }
                Instant at = rs.getObject(3) == null ? now : Instant.ofEpochMilli(rs.getLong(3));
                out.edge(version(v[0], v[1], rs.getString(2)), consumer, EdgeKind.INPUT, ASSERTED_BY, at,
                        Map.of("via", rs.getString(4)));
            }
        }
    }
}
