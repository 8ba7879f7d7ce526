package dev.braid.features.registry;

import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.EntityInfo;
import dev.braid.features.feast.ProjectInfo;
import dev.braid.features.feast.RecordedVersion;
import dev.braid.features.feast.RegistrySnapshot;
import dev.braid.features.feast.SavedDatasetInfo;
import dev.braid.features.feast.ServiceInfo;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.sync.SyncCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what one source read from a registry into the cache, inside the caller's transaction:
 * the source's projects, entities, data sources, feature services and saved datasets replace what
 * it listed before; its feature views join the views other sources list under the same project and
 * name, with the versions {@link VersionAssigner} finds new. Only what changed is written, and the
 * counts say what changed: a sync of an unchanged registry writes nothing and reports nothing.
 */
public final class CatalogueWriter {
    private final DefinitionJson definitions;
    private final VersionAssigner versions;
    private final SimpleTables simple;

    public CatalogueWriter(DefinitionJson definitions) {
        this.definitions = definitions;
        this.versions = new VersionAssigner(definitions);
        this.simple = new SimpleTables();
    }

    public SyncCounts write(Connection c, long sourceId, String sourceName, RegistrySnapshot snapshot, Instant now)
            throws SQLException {
        SyncCounts counts = SyncCounts.NONE;
        counts = counts.plus(simple.replace(c, sourceId, "feature_projects", projectRows(snapshot.projects())));
        counts = counts.plus(simple.replace(c, sourceId, "feature_entities", entityRows(snapshot.entities())));
        counts = counts.plus(simple.replace(c, sourceId, "feature_data_sources", sourceRows(snapshot.dataSources())));
        counts = counts.plus(simple.replace(c, sourceId, "feature_services", serviceRows(snapshot.services())));
        counts = counts.plus(simple.replace(c, sourceId, "feature_saved_datasets", savedRows(snapshot.savedDatasets())));
        return counts.plus(views(c, sourceId, sourceName, snapshot, now));
    }

    private SyncCounts views(Connection c, long sourceId, String sourceName, RegistrySnapshot snapshot, Instant now)
            throws SQLException {
        Map<String, Long> pks = viewKeys(c);
        Map<Long, List<KnownVersion>> known = knownVersions(c);
        Map<Long, Listed> listed = listedBy(c, sourceId);
        Map<String, List<RecordedVersion>> history = new HashMap<>();
        for (RecordedVersion r : snapshot.history()) {
            history.computeIfAbsent(key(r.project(), r.view()), k -> new ArrayList<>()).add(r);
        }
        long added = 0;
        long changed = 0;
        long removed = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (ViewDefinition view : snapshot.views()) {
            String key = key(view.project(), view.name());
            Long pk = pks.get(key);
            if (pk == null) {
                pk = insertView(c, view.project(), view.name());
                pks.put(key, pk);
            }
            if (!seen.add(pk)) {
                continue; // a registry listing one view twice (a page shifted while paging): the first wins
            }
            List<KnownVersion> knownHere = known.getOrDefault(pk, List.of());
            VersionAssigner.Assignment assignment = versions.assign(view, history.getOrDefault(key, List.of()),
                    snapshot.versioned(), knownHere, now);
            for (VersionWrite w : assignment.writes()) {
                writeVersion(c, pk, w, sourceName, now);
                if (!w.replaces()) {
                    added++;
                }
            }
            String hash = definitions.definitionHash(view);
            Listed before = listed.get(pk);
            if (before == null) {
                added++;
            } else if (before.removed() || !before.hash().equals(hash) || !before.current().equals(assignment.current())) {
                changed++;
            } else {
                continue;
            }
            upsertListing(c, pk, sourceId, view, hash, assignment.current(), now);
        }
        for (Map.Entry<Long, Listed> e : listed.entrySet()) {
            if (!seen.contains(e.getKey()) && !e.getValue().removed()) {
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE feature_view_sources SET removed_at = ? WHERE view_pk = ? AND source_id = ?")) {
                    st.setLong(1, now.toEpochMilli());
                    st.setLong(2, e.getKey());
                    st.setLong(3, sourceId);
                    st.executeUpdate();
                }
                removed++;
            }
        }
        return new SyncCounts(added, changed, removed);
    }

    private record Listed(String hash, String current, boolean removed) {
    }

    private static Map<Long, Listed> listedBy(Connection c, long sourceId) throws SQLException {
        Map<Long, Listed> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT view_pk, definition_hash, current_version, removed_at FROM feature_view_sources WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Listed(rs.getString(2), rs.getString(3), rs.getObject(4) != null));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> viewKeys(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT view_pk, project, name FROM feature_views");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(key(rs.getString(2), rs.getString(3)), rs.getLong(1));
            }
        }
        return out;
    }

    private static Map<Long, List<KnownVersion>> knownVersions(Connection c) throws SQLException {
        Map<Long, List<KnownVersion>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT view_pk, version, number, seq, definition_hash, schema_hash, origin FROM feature_view_versions");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new KnownVersion(rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)));
            }
        }
        return out;
    }

    private static long insertView(Connection c, String project, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO feature_views(project, name) VALUES (?, ?) RETURNING view_pk")) {
            st.setString(1, project);
            st.setString(2, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void writeVersion(Connection c, long pk, VersionWrite w, String sourceName, Instant now) throws SQLException {
        String sql = w.replaces()
                ? "UPDATE feature_view_versions SET number = ?3, seq = ?4, definition = ?5, definition_hash = ?6,"
                + " schema_hash = ?7, origin = ?8, created_at = ?9 WHERE view_pk = ?1 AND version = ?2"
                : "INSERT INTO feature_view_versions(view_pk, version, number, seq, definition, definition_hash, schema_hash,"
                + " origin, created_at, first_seen_at, first_seen_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, pk);
            st.setString(2, w.label());
            st.setObject(3, w.number());
            st.setInt(4, w.seq());
            st.setString(5, definitions.write(w.definition()));
            st.setString(6, w.definitionHash());
            st.setString(7, w.schemaHash());
            st.setString(8, w.origin());
            st.setLong(9, w.createdAt().toEpochMilli());
            if (!w.replaces()) {
                st.setLong(10, now.toEpochMilli());
                st.setString(11, sourceName);
            }
            st.executeUpdate();
        }
    }

    private void upsertListing(Connection c, long pk, long sourceId, ViewDefinition view, String hash, String current,
                               Instant now) throws SQLException {
        List<List<String>> fields = new ArrayList<>();
        view.fields().forEach(f -> fields.add(List.of(f.name(), f.type())));
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO feature_view_sources(view_pk, source_id, kind, current_version, definition, definition_hash,
                    entities, fields, source_name, owner, description, tags, updated_at, seen_at, removed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (view_pk, source_id) DO UPDATE SET kind = excluded.kind,
                    current_version = excluded.current_version, definition = excluded.definition,
                    definition_hash = excluded.definition_hash, entities = excluded.entities, fields = excluded.fields,
                    source_name = excluded.source_name, owner = excluded.owner, description = excluded.description,
                    tags = excluded.tags, updated_at = excluded.updated_at, seen_at = excluded.seen_at, removed_at = NULL""")) {
            st.setLong(1, pk);
            st.setLong(2, sourceId);
            st.setString(3, view.kind().label());
            st.setString(4, current);
            st.setString(5, definitions.write(view));
            st.setString(6, hash);
            st.setString(7, definitions.toJson(view.entities()));
            st.setString(8, definitions.toJson(fields));
            st.setString(9, sourceName(view));
            st.setString(10, view.owner());
            st.setString(11, view.description());
            st.setString(12, definitions.toJson(view.tags()));
            st.setObject(13, view.updatedAt() == null ? null : view.updatedAt().toEpochMilli());
            st.setLong(14, now.toEpochMilli());
            st.executeUpdate();
        }
    }

    /** The data source a view reads, by name: its batch source, else its stream source, else its source views. */
    static String sourceName(ViewDefinition view) {
        if (view.batchSource() != null && !view.batchSource().name().isEmpty()) {
            return view.batchSource().name();
        }
        if (view.streamSource() != null && !view.streamSource().name().isEmpty()) {
            return view.streamSource().name();
        }
        return String.join(",", view.sourceViewNames());
    }

    private static String key(String project, String name) {
        return project + "\n" + name;
    }

    private List<SimpleTables.Row> projectRows(List<ProjectInfo> projects) {
        List<SimpleTables.Row> rows = new ArrayList<>();
        for (ProjectInfo p : projects) {
            rows.add(row(List.of(p.name()), "name", p.name(), "description", p.description(), "owner", p.owner(),
                    "tags", definitions.toJson(p.tags()), "created_at", millis(p.createdAt()), "updated_at", millis(p.updatedAt())));
        }
        return rows;
    }

    private List<SimpleTables.Row> entityRows(List<EntityInfo> entities) {
        List<SimpleTables.Row> rows = new ArrayList<>();
        for (EntityInfo e : entities) {
            rows.add(row(List.of(e.project(), e.name()), "project", e.project(), "name", e.name(), "join_key", e.joinKey(),
                    "value_type", e.valueType(), "description", e.description(), "owner", e.owner(),
                    "tags", definitions.toJson(e.tags()), "updated_at", millis(e.updatedAt())));
        }
        return rows;
    }

    private List<SimpleTables.Row> sourceRows(List<DataSourceInfo> sources) {
        List<SimpleTables.Row> rows = new ArrayList<>();
        for (DataSourceInfo d : sources) {
            rows.add(row(List.of(d.project(), d.name()), "project", d.project(), "name", d.name(), "type", d.ref().type(),
                    "location", d.ref().location(), "timestamp_field", d.ref().timestampField(),
                    "description", d.description(), "owner", d.owner(), "tags", definitions.toJson(d.tags()),
                    "updated_at", millis(d.updatedAt())));
        }
        return rows;
    }

    private List<SimpleTables.Row> serviceRows(List<ServiceInfo> services) {
        List<SimpleTables.Row> rows = new ArrayList<>();
        for (ServiceInfo s : services) {
            List<Map<String, Object>> views = new ArrayList<>();
            s.views().forEach(v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("view", v.view());
                m.put("alias", v.alias());
                m.put("pinned", v.pinnedVersion());
                m.put("features", v.features());
                views.add(m);
            });
            rows.add(row(List.of(s.project(), s.name()), "project", s.project(), "name", s.name(),
                    "description", s.description(), "owner", s.owner(), "tags", definitions.toJson(s.tags()),
                    "views", definitions.toJson(views), "created_at", millis(s.createdAt()), "updated_at", millis(s.updatedAt())));
        }
        return rows;
    }

    private List<SimpleTables.Row> savedRows(List<SavedDatasetInfo> saved) {
        List<SimpleTables.Row> rows = new ArrayList<>();
        for (SavedDatasetInfo s : saved) {
            rows.add(row(List.of(s.project(), s.name()), "project", s.project(), "name", s.name(),
                    "features", definitions.toJson(s.features()), "feature_service", s.featureService(),
                    "storage", s.storage(), "tags", definitions.toJson(s.tags()), "created_at", millis(s.createdAt())));
        }
        return rows;
    }

    private static SimpleTables.Row row(List<String> key, Object... columnsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return new SimpleTables.Row(String.join("\n", key), values);
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
