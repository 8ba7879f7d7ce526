package dev.braid.features.registry;

import dev.braid.sync.SyncCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-source catalogue tables whose rows a sync replaces as a whole (projects, entities, data
 * sources, feature services, saved datasets): rows are compared with what the source listed before,
 * and only new, changed and vanished rows are written.
 */
final class SimpleTables {
    /** One row: its key (the table's primary key after the source, joined by newlines) and its column values. */
    record Row(String key, Map<String, Object> values) {
    }

    SyncCounts replace(Connection c, long sourceId, String table, List<Row> rows) throws SQLException {
        if (rows.isEmpty() && !hasRows(c, sourceId, table)) {
            return SyncCounts.NONE;
        }
        List<String> keyColumns = table.equals("feature_projects") ? List.of("name") : List.of("project", "name");
        Map<String, Map<String, Object>> before = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM " + table + " WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        values.put(meta.getColumnName(i), rs.getObject(i));
                    }
                    StringBuilder key = new StringBuilder();
                    for (String k : keyColumns) {
                        key.append(key.length() > 0 ? "\n" : "").append(values.get(k));
                    }
                    before.put(key.toString(), values);
                }
            }
        }
        long added = 0;
        long changed = 0;
        Map<String, Row> now = new HashMap<>();
        for (Row row : rows) {
            if (now.putIfAbsent(row.key(), row) != null) {
                continue;
            }
            Map<String, Object> old = before.remove(row.key());
            if (old == null) {
                added++;
            } else if (same(old, row.values())) {
                continue;
            } else {
                changed++;
            }
            upsert(c, sourceId, table, row);
        }
        for (Map<String, Object> gone : before.values()) {
            StringBuilder sql = new StringBuilder("DELETE FROM " + table + " WHERE source_id = ?");
            keyColumns.forEach(k -> sql.append(" AND ").append(k).append(" = ?"));
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                st.setLong(1, sourceId);
                for (int i = 0; i < keyColumns.size(); i++) {
                    st.setObject(i + 2, gone.get(keyColumns.get(i)));
                }
                st.executeUpdate();
            }
        }
        return new SyncCounts(added, changed, before.size());
    }

    private static boolean hasRows(Connection c, long sourceId, String table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM " + table + " WHERE source_id = ? LIMIT 1")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean same(Map<String, Object> old, Map<String, Object> now) {
        for (Map.Entry<String, Object> e : now.entrySet()) {
            Object before = old.get(e.getKey());
            Object value = e.getValue();
            if (before instanceof Number a && value instanceof Number b) {
                if (a.longValue() != b.longValue()) {
                    return false;
                }
            } else if (!Objects.equals(before, value)) {
                return false;
            }
        }
        return true;
    }

    private static void upsert(Connection c, long sourceId, String table, Row row) throws SQLException {
        StringBuilder columns = new StringBuilder("source_id");
        StringBuilder marks = new StringBuilder("?");
        row.values().keySet().forEach(k -> {
            columns.append(", ").append(k);
            marks.append(", ?");
        });
        try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO " + table + "(" + columns + ") VALUES ("
                + marks + ")")) {
            st.setLong(1, sourceId);
            int i = 2;
            for (Object value : row.values().values()) {
                st.setObject(i++, value);
            }
            st.executeUpdate();
        }
    }
}
