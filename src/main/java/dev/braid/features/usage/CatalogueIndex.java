package dev.braid.features.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.features.feast.SourceRef;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.feast.ViewField;
import dev.braid.features.registry.DefinitionJson;
import dev.braid.lineage.DatasetIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The feature catalogue as the usage derivation needs it, read once: views by name with their
 * versions in time order, feature services, saved datasets, and views by the location of their data.
 */
final class CatalogueIndex {
    /** A version: its label, when it came to be, its fields. */
    record Version(String label, Instant createdAt, Set<String> fields) {
    }

    /** A view and its versions, oldest first. */
    record View(long pk, String project, String name, List<Version> versions, SourceRef source, String repoPath) {
        /** The version current at {@code at}: the newest created by then, else the oldest; null without versions. */
        Version at(Instant at) {
            if (versions.isEmpty()) {
                return null;
            }
            Version found = versions.get(0);
            for (Version v : versions) {
                if (at != null && !v.createdAt().isAfter(at)) {
                    found = v;
                }
            }
            return at == null ? versions.get(versions.size() - 1) : found;
        }

        Version version(String label) {
            return versions.stream().filter(v -> v.label().equals(label)).findFirst().orElse(null);
        }

        boolean hasFeature(String feature) {
            return versions.stream().anyMatch(v -> v.fields().contains(feature));
        }
    }

    /** A view a feature service serves, and its pin. */
    record Served(String view, Integer pinned) {
    }

    record Service(String project, String name, List<Served> views) {
    }

    record SavedDataset(String project, String name, List<String> features, String service, String storage) {
    }

    final Map<String, List<View>> viewsByName = new HashMap<>();
    final Map<String, List<Service>> servicesByName = new HashMap<>();
    final Map<String, List<SavedDataset>> savedByName = new HashMap<>();
    final Map<String, List<SavedDataset>> savedByLocation = new HashMap<>();
    final Map<String, List<View>> viewsByLocation = new HashMap<>();
    final Set<String> projects = new HashSet<>();

    static CatalogueIndex read(Connection c) throws SQLException {
        CatalogueIndex index = new CatalogueIndex();
        index.readViews(c);
        index.readServices(c);
        index.readSaved(c);
        return index;
    }

    private void readViews(Connection c) throws SQLException {
        DefinitionJson definitions = new DefinitionJson();
        Map<Long, List<Version>> versions = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT view_pk, version, created_at, definition FROM feature_view_versions ORDER BY view_pk, created_at, seq");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ViewDefinition d = definitions.read(rs.getString(4));
                Set<String> fields = new HashSet<>();
                d.fields().stream().map(ViewField::name).forEach(fields::add);
                versions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Version(rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), fields));
            }
        }
        // The latest listing of each view says where its data lives (and the repository that resolves relative paths).
        try (PreparedStatement st = c.prepareStatement("""
                SELECT v.view_pk, v.project, v.name, s.definition, json_extract(src.config, '$.repo_path')
                FROM feature_views v JOIN feature_view_sources s ON s.view_pk = v.view_pk
                JOIN sources src ON src.id = s.source_id
                ORDER BY v.view_pk, s.removed_at IS NULL, s.seen_at""");
             ResultSet rs = st.executeQuery()) {
            Map<Long, View> latest = new LinkedHashMap<>();
            while (rs.next()) {
                ViewDefinition d = definitions.read(rs.getString(4));
                List<Version> vs = versions.getOrDefault(rs.getLong(1), List.of());
                latest.put(rs.getLong(1), new View(rs.getLong(1), rs.getString(2), rs.getString(3),
                        vs.stream().sorted(Comparator.comparing(Version::createdAt)).toList(), d.batchSource(), rs.getString(5)));
            }
            for (View v : latest.values()) {
                viewsByName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
                projects.add(v.project());
                String location = location(v.source(), v.repoPath());
                if (location != null) {
                    viewsByLocation.computeIfAbsent(location, k -> new ArrayList<>()).add(v);
                }
            }
        }
    }

    private void readServices(Connection c) throws SQLException {
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT project, name, views FROM feature_services ORDER BY updated_at DESC");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (!seen.add(rs.getString(1) + "\n" + rs.getString(2))) {
                    continue;
                }
                List<Served> served = new ArrayList<>();
                try {
                    for (JsonNode v : json.readTree(rs.getString(3))) {
                        served.add(new Served(v.path("view").asText(), v.path("pinned").isNumber() ? v.get("pinned").asInt() : null));
                    }
                } catch (IOException e) {
                    continue;
                }
                servicesByName.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Service(rs.getString(1), rs.getString(2), served));
            }
        }
    }

    private void readSaved(Connection c) throws SQLException {
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT d.project, d.name, d.features, d.feature_service, d.storage, json_extract(src.config, '$.repo_path')
                FROM feature_saved_datasets d JOIN sources src ON src.id = d.source_id""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (!seen.add(rs.getString(1) + "\n" + rs.getString(2))) {
                    continue;
                }
                List<String> features = new ArrayList<>();
                try {
                    json.readTree(rs.getString(3)).forEach(f -> features.add(f.asText()));
                } catch (IOException e) {
                    continue;
                }
                SavedDataset saved = new SavedDataset(rs.getString(1), rs.getString(2), features, rs.getString(4), rs.getString(5));
                savedByName.computeIfAbsent(saved.name(), k -> new ArrayList<>()).add(saved);
                String location = normalise(saved.storage(), rs.getString(6));
                if (location != null) {
                    savedByLocation.computeIfAbsent(location, k -> new ArrayList<>()).add(saved);
                }
            }
        }
    }

    /** The dataset id of a file or object location (so MLflow's and Feast's spellings of one path agree). */
    static String normalise(String location, String repoPath) {
        if (location == null || location.isBlank() || location.startsWith("query:")) {
            return null;
        }
        String where = location.strip();
        boolean uri = where.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        if (!uri && !where.startsWith("/")) {
            if (repoPath == null) {
                return null;
            }
            where = Path.of(repoPath).resolve(where).normalize().toString();
        }
        try {
            return DatasetIdentity.fromUri(where).nodeId().value();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String location(SourceRef source, String repoPath) {
        if (source == null || !source.type().equals("BATCH_FILE") && !source.location().contains("://")) {
            return null;
        }
        return normalise(source.location(), repoPath);
    }
}
