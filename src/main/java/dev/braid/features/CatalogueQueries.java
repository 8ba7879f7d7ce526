package dev.braid.features;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.features.feast.ViewField;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The SQL behind listing and searching feature views (migration 050's tables). */
final class CatalogueQueries {
    private static final String LISTING = """
            SELECT s.view_pk, src.name, v.project, v.name, s.kind, s.current_version, s.entities, s.fields, s.source_name,
                   s.owner, s.description, s.tags, s.updated_at, s.removed_at
            FROM feature_view_sources s JOIN feature_views v ON v.view_pk = s.view_pk JOIN sources src ON src.id = s.source_id
            """;
    private final ObjectMapper json = new ObjectMapper();

    List<FeatureViewListing> listings(Connection c, ViewFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder(LISTING).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.source() != null) {
            sql.append(" AND src.name = ?");
            args.add(filter.source());
        }
        if (filter.project() != null) {
            sql.append(" AND v.project = ?");
            args.add(filter.project());
        }
        if (!filter.includeRemoved()) {
            sql.append(" AND s.removed_at IS NULL");
        }
        for (String word : filter.words()) {
            appendWord(sql, args, word);
        }
        sql.append(" ORDER BY v.project, v.name, src.name");
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            return read(st);
        }
    }

    List<FeatureViewListing> listingsOf(Connection c, long viewPk) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LISTING + " WHERE s.view_pk = ? ORDER BY s.removed_at IS NOT NULL, s.seen_at DESC")) {
            st.setLong(1, viewPk);
            return read(st);
        }
    }

    private static void appendWord(StringBuilder sql, List<Object> args, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("owner:")) {
            sql.append(" AND s.owner LIKE ? ESCAPE '\\'");
            args.add(like(word.substring(6)));
        } else if (lower.startsWith("entity:")) {
            sql.append(" AND EXISTS (SELECT 1 FROM json_each(s.entities) e WHERE e.value LIKE ? ESCAPE '\\')");
            args.add(like(word.substring(7)));
        } else if (lower.startsWith("project:")) {
            sql.append(" AND v.project LIKE ? ESCAPE '\\'");
            args.add(like(word.substring(8)));
        } else if (lower.startsWith("tag:")) {
            String tag = word.substring(4);
            int eq = tag.indexOf('=');
            if (eq >= 0) {
                sql.append(" AND EXISTS (SELECT 1 FROM json_each(s.tags) t WHERE t.key = ? AND t.value = ?)");
                args.add(tag.substring(0, eq));
                args.add(tag.substring(eq + 1));
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM json_each(s.tags) t WHERE t.key = ? OR t.value = ?)");
                args.add(tag);
                args.add(tag);
            }
        } else {
            sql.append((" AND (v.name LIKE ?1x OR s.owner LIKE ?1x OR s.tags LIKE ?1x OR s.entities LIKE ?1x"
                    + " OR s.description LIKE ?1x OR s.fields LIKE ?1x)").replace("?1x", "? ESCAPE '\\'"));
            String pattern = like(word);
            for (int i = 0; i < 6; i++) {
                args.add(pattern);
            }
        }
    }

    /** {@code %word%} with LIKE's own characters escaped. */
    static String like(String word) {
        return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private List<FeatureViewListing> read(PreparedStatement st) throws SQLException {
        List<FeatureViewListing> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new FeatureViewListing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), stringList(rs.getString(7)), fields(rs.getString(8)),
                        rs.getString(9), rs.getString(10), rs.getString(11), stringMap(rs.getString(12)),
                        instant(rs, 13), rs.getObject(14) != null));
            }
        }
        return out;
    }

    List<String> stringList(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            return List.of();
        }
    }

    Map<String, String> stringMap(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }

    private List<ViewField> fields(String text) {
        List<ViewField> out = new ArrayList<>();
        try {
            for (List<String> pair : json.readValue(text, new TypeReference<List<List<String>>>() { })) {
                out.add(new ViewField(pair.get(0), pair.get(1), ""));
            }
        } catch (IOException | IndexOutOfBoundsException e) {
            return List.of();
        }
        return out;
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }
}
