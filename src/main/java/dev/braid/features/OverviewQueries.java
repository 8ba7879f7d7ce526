package dev.braid.features;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.EntityInfo;
import dev.braid.features.feast.ProjectInfo;
import dev.braid.features.feast.ServedView;
import dev.braid.features.feast.ServiceInfo;
import dev.braid.features.feast.SourceRef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue's other objects for the overview: one row per project and name across sources
 * (the most recently updated), filtered by the same search words as views (a word matches a name,
 * owner, description or tag; {@code owner:}, {@code tag:} and {@code project:} words work too,
 * and an {@code entity:} word keeps the entity of that name).
 */
final class OverviewQueries {
    private final CatalogueQueries queries;
    private final ObjectMapper json = new ObjectMapper();

    OverviewQueries(CatalogueQueries queries) {
        this.queries = queries;
    }

    CatalogueOverview overview(Connection c, String search) throws SQLException {
        ViewFilter filter = ViewFilter.search(search);
        Map<Long, FeatureViewListing> views = new LinkedHashMap<>();
        for (FeatureViewListing l : queries.listings(c, filter)) {
            FeatureViewListing kept = views.get(l.viewPk());
            if (kept == null || l.updatedAt() != null && (kept.updatedAt() == null || l.updatedAt().isAfter(kept.updatedAt()))) {
                views.put(l.viewPk(), l);
            }
        }
        List<ProjectInfo> projects = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name, MAX(description), MAX(owner), MIN(created_at), MAX(updated_at)"
                + " FROM feature_projects GROUP BY name ORDER BY name");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                projects.add(new ProjectInfo(rs.getString(1), rs.getString(2), rs.getString(3), Map.of(),
                        CatalogueQueries.instant(rs, 4), CatalogueQueries.instant(rs, 5)));
            }
        }
        List<EntityInfo> entities = new ArrayList<>();
        for (Object[] r : rows(c, "feature_entities", "join_key, value_type", filter)) {
            entities.add(new EntityInfo((String) r[0], (String) r[1], (String) r[7], (String) r[8], (String) r[2], (String) r[3],
                    tags((String) r[4]), instant(r[5])));
        }
        List<ServiceInfo> services = new ArrayList<>();
        for (Object[] r : rows(c, "feature_services", "views, created_at", filter)) {
            services.add(new ServiceInfo((String) r[0], (String) r[1], served((String) r[7]), (String) r[2], (String) r[3],
                    tags((String) r[4]), instant(r[8]), instant(r[5])));
        }
        List<DataSourceInfo> sources = new ArrayList<>();
        for (Object[] r : rows(c, "feature_data_sources", "type, location, timestamp_field", filter)) {
            sources.add(new DataSourceInfo((String) r[0], new SourceRef((String) r[1], (String) r[7], (String) r[8], (String) r[9]),
                    (String) r[2], (String) r[3], tags((String) r[4]), instant(r[5])));
        }
        Instant last = null;
        for (FeatureViewListing l : views.values()) {
            last = later(last, l.updatedAt());
        }
        for (ServiceInfo s : services) {
            last = later(last, s.updatedAt());
        }
        return new CatalogueOverview(projects, List.copyOf(views.values()), entities, services, sources, last);
    }

    /**
     * project, name, description, owner, tags, updated_at, (unused), then the extra columns: the newest
     * row per project and name of {@code table} that matches every search word.
     */
    private List<Object[]> rows(Connection c, String table, String extra, ViewFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT project, name, description, owner, tags, updated_at, source_id, " + extra
                + " FROM " + table + " t WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        for (String word : filter.words()) {
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("owner:")) {
                sql.append(" AND owner LIKE ? ESCAPE '\\'");
                args.add(CatalogueQueries.like(word.substring(6)));
            } else if (lower.startsWith("project:")) {
                sql.append(" AND project LIKE ? ESCAPE '\\'");
                args.add(CatalogueQueries.like(word.substring(8)));
            } else if (lower.startsWith("entity:")) {
                sql.append(table.equals("feature_entities") ? " AND name LIKE ? ESCAPE '\\'" : " AND 0 = ?");
                args.add(table.equals("feature_entities") ? CatalogueQueries.like(word.substring(7)) : 1);
            } else if (lower.startsWith("tag:")) {
                sql.append(" AND tags LIKE ? ESCAPE '\\'");
                args.add(CatalogueQueries.like(word.substring(4).replace("=", "\":\"")));
            } else {
                sql.append(" AND (name LIKE ?1x OR owner LIKE ?1x OR description LIKE ?1x OR tags LIKE ?1x)"
                        .replace("?1x", "? ESCAPE '\\'"));
                String pattern = CatalogueQueries.like(word);
                for (int i = 0; i < 4; i++) {
                    args.add(pattern);
                }
            }
        }
        sql.append(" ORDER BY project, name, updated_at DESC");
        List<Object[]> out = new ArrayList<>();
        String lastKey = null;
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String key = rs.getString(1) + "\n" + rs.getString(2);
                    if (key.equals(lastKey)) {
                        continue;
                    }
                    lastKey = key;
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private List<ServedView> served(String text) {
        List<ServedView> out = new ArrayList<>();
        try {
            for (Map<String, Object> v : json.readValue(text, new TypeReference<List<Map<String, Object>>>() { })) {
                @SuppressWarnings("unchecked")
                List<String> features = v.get("features") instanceof List<?> l ? (List<String>) l : List.of();
                out.add(new ServedView(String.valueOf(v.get("view")), String.valueOf(v.getOrDefault("alias", "")),
                        v.get("pinned") instanceof Number n ? n.intValue() : null, features));
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private Map<String, String> tags(String text) {
        return queries.stringMap(text);
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
