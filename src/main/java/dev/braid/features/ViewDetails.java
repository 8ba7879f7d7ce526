package dev.braid.features;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.SourceRef;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.registry.DefinitionJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one feature view whole: its listings, versions with their commits, serving services and data source. */
final class ViewDetails {
    private final CatalogueQueries queries;
    private final DefinitionJson definitions = new DefinitionJson();
    private final ObjectMapper json = new ObjectMapper();

    ViewDetails(CatalogueQueries queries) {
        this.queries = queries;
    }

    /** The views named {@code name}, or {@code project/name}, with their projects. */
    List<Long> find(Connection c, String name) throws SQLException {
        String project = null;
        String view = name.strip();
        int slash = view.indexOf('/');
        if (slash > 0) {
            project = view.substring(0, slash);
            view = view.substring(slash + 1);
        }
        List<Long> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT v.view_pk FROM feature_views v WHERE v.name = ?"
                + " AND (? IS NULL OR v.project = ?) AND EXISTS (SELECT 1 FROM feature_view_sources s WHERE s.view_pk = v.view_pk)"
                + " ORDER BY v.project")) {
            st.setString(1, view);
            st.setString(2, project);
            st.setString(3, project);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    Optional<FeatureViewDetail> detail(Connection c, long viewPk) throws SQLException {
        List<FeatureViewListing> listings = queries.listingsOf(c, viewPk);
        if (listings.isEmpty()) {
            return Optional.empty();
        }
        FeatureViewListing latest = listings.get(0);
        ViewDefinition current = liveDefinition(c, viewPk, latest.source());
        List<FeatureViewVersion> versions = versions(c, viewPk, latest.version());
        return Optional.of(new FeatureViewDetail(viewPk, latest.project(), latest.name(), latest.version(), current, listings,
                versions, servedBy(c, latest.project(), latest.name()), dataSource(c, latest.project(), current.batchSource())));
    }

    private ViewDefinition liveDefinition(Connection c, long viewPk, String sourceName) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT s.definition FROM feature_view_sources s"
                + " JOIN sources src ON src.id = s.source_id WHERE s.view_pk = ? AND src.name = ?")) {
            st.setLong(1, viewPk);
            st.setString(2, sourceName);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return definitions.read(rs.getString(1));
            }
        }
    }

    List<FeatureViewVersion> versions(Connection c, long viewPk, String current) throws SQLException {
        Map<String, List<VersionCommit>> commits = commits(c, viewPk);
        List<FeatureViewVersion> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT version, number, created_at, first_seen_at, first_seen_by, origin, definition_hash, definition
                FROM feature_view_versions WHERE view_pk = ? ORDER BY seq, created_at""")) {
            st.setLong(1, viewPk);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String label = rs.getString(1);
                    out.add(new FeatureViewVersion(label, rs.getObject(2) == null ? null : rs.getInt(2),
                            CatalogueQueries.instant(rs, 3), CatalogueQueries.instant(rs, 4), rs.getString(5), rs.getString(6),
                            rs.getString(7), label.equals(current), definitions.read(rs.getString(8)),
                            commits.getOrDefault(label, List.of())));
                }
            }
        }
        return out;
    }

    private static Map<String, List<VersionCommit>> commits(Connection c, long viewPk) throws SQLException {
        Map<String, List<VersionCommit>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT fc.version, src.name, fc.sha, fc.role, fc.author, fc.committed_at, fc.subject, fc.path
                FROM feature_version_commits fc JOIN sources src ON src.id = fc.repo_id
                WHERE fc.view_pk = ? ORDER BY fc.committed_at""")) {
            st.setLong(1, viewPk);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new VersionCommit(rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), CatalogueQueries.instant(rs, 6),
                            rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private List<ServingService> servedBy(Connection c, String project, String view) throws SQLException {
        List<ServingService> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT src.name, fs.project, fs.name, j.value FROM feature_services fs JOIN sources src ON src.id = fs.source_id,
                     json_each(fs.views) j
                WHERE fs.project = ? AND json_extract(j.value, '$.view') = ? ORDER BY fs.name, src.name""")) {
            st.setString(1, project);
            st.setString(2, view);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> served = readMap(rs.getString(4));
                    Object pinned = served.get("pinned");
                    @SuppressWarnings("unchecked")
                    List<String> features = served.get("features") instanceof List<?> l ? (List<String>) l : List.of();
                    out.add(new ServingService(rs.getString(1), rs.getString(2), rs.getString(3),
                            pinned instanceof Number n ? n.intValue() : null, features));
                }
            }
        }
        return out;
    }

    private Map<String, Object> readMap(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }

    private DataSourceInfo dataSource(Connection c, String project, SourceRef ref) throws SQLException {
        if (ref == null || ref.name().isEmpty()) {
            return null;
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT type, location, timestamp_field, description, owner, tags, updated_at FROM feature_data_sources
                WHERE project = ? AND name = ? ORDER BY updated_at DESC LIMIT 1""")) {
            st.setString(1, project);
            st.setString(2, ref.name());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new DataSourceInfo(project, ref, "", "", Map.of(), null);
                }
                return new DataSourceInfo(project, new SourceRef(ref.name(), rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4), rs.getString(5), queries.stringMap(rs.getString(6)), CatalogueQueries.instant(rs, 7));
            }
        }
    }
}
