package dev.braid.features.git;

import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.registry.DefinitionJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the commits that introduced each version of a feature view: in the git history of the
 * view's feature repository (same project, same view name), the commit that started the stretch
 * of history in which the view's declared schema (kind, fields with types, entities) is the
 * version's, choosing the latest such stretch that began before Feast recorded the version, and
 * the commits within that stretch that changed the rest of the declaration (TTL, source, tags:
 * changes Feast applies without a new version). Replaces {@code feature_version_commits} as a whole.
 */
public final class FeatureProvenance {
    /** A commit may be applied a little before it is committed (from a working copy): allowed slack. */
    static final long SLACK_MS = 24L * 60 * 60 * 1000;
    private final DefinitionJson definitions = new DefinitionJson();

    private record Row(long repo, String sha, long at, String author, String subject, String path, String schema, String definition) {
    }

    private record Version(String label, long createdAt, String schema) {
    }

    public void rebuild(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM feature_version_commits")) {
            st.executeUpdate();
        }
        Map<Long, List<Row>> timelines = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT v.view_pk, g.repo_id, g.sha, g.committed_at, g.author, g.subject, g.path, g.schema, g.definition
                FROM feature_git_definitions g JOIN feature_views v ON v.project = g.project AND v.name = g.view
                ORDER BY v.view_pk, g.repo_id, g.seq""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                timelines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Row(rs.getLong(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
        if (timelines.isEmpty()) {
            return;
        }
        try (PreparedStatement versions = c.prepareStatement(
                "SELECT version, created_at, definition FROM feature_view_versions WHERE view_pk = ?");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT OR IGNORE INTO feature_version_commits(view_pk, version, repo_id, sha, role, author, committed_at,
                         subject, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Map.Entry<Long, List<Row>> e : timelines.entrySet()) {
                versions.setLong(1, e.getKey());
                List<Version> known = new ArrayList<>();
                try (ResultSet rs = versions.executeQuery()) {
                    while (rs.next()) {
                        known.add(new Version(rs.getString(1), rs.getLong(2), schema(definitions.read(rs.getString(3)))));
                    }
                }
                for (Version v : known) {
                    match(e.getKey(), v, e.getValue(), insert);
                }
            }
            insert.executeBatch();
        }
    }

    private static void match(long viewPk, Version version, List<Row> timeline, PreparedStatement insert) throws SQLException {
        int chosen = -1;
        for (int i = 0; i < timeline.size(); i++) {
            Row row = timeline.get(i);
            boolean starts = row.schema().equals(version.schema())
                    && (i == 0 || timeline.get(i - 1).repo() != row.repo() || !timeline.get(i - 1).schema().equals(version.schema()));
            if (!starts) {
                continue;
            }
            if (chosen < 0 || row.at() <= version.createdAt() + SLACK_MS) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            return;
        }
        add(insert, viewPk, version.label(), timeline.get(chosen), "introduced");
        for (int i = chosen + 1; i < timeline.size() && timeline.get(i).repo() == timeline.get(chosen).repo()
                && timeline.get(i).schema().equals(version.schema()); i++) {
            add(insert, viewPk, version.label(), timeline.get(i), "changed");
        }
    }

    private static void add(PreparedStatement insert, long viewPk, String version, Row row, String role) throws SQLException {
        insert.setLong(1, viewPk);
        insert.setString(2, version);
        insert.setLong(3, row.repo());
        insert.setString(4, row.sha());
        insert.setString(5, role);
        insert.setString(6, row.author());
        insert.setLong(7, row.at());
        insert.setString(8, row.subject());
        insert.setString(9, row.path());
        insert.addBatch();
    }

    /** The same schema string {@link ParsedView#schema()} builds, from a cached definition. */
    static String schema(ViewDefinition d) {
        return ParsedView.schema(d.kind().label(), d.fields(), d.entities(),
                d.kind() == dev.braid.features.feast.ViewKind.ON_DEMAND ? d.sourceViews() : List.of());
    }
}
