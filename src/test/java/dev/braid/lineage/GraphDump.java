package dev.braid.lineage;

import dev.braid.store.Database;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The whole lineage graph in the cache as sorted lines, for exact comparisons in tests. */
final class GraphDump {
    private GraphDump() {
    }

    /** "id|name|status" per node. */
    static List<String> nodes(Database db) {
        return lines(db, "SELECT id || '|' || name || '|' || status FROM lineage_nodes ORDER BY id");
    }

    /** "from -kind-> to" per edge, whoever asserted it. */
    static List<String> edges(Database db) {
        return lines(db, "SELECT DISTINCT from_id || ' -' || kind || '-> ' || to_id FROM lineage_edges ORDER BY 1");
    }

    static String property(Database db, String node, String key) {
        List<String> values = lines(db, "SELECT json_extract(properties, '$.\"" + key + "\"') FROM lineage_nodes WHERE id = '"
                + node.replace("'", "''") + "'");
        return values.isEmpty() ? null : values.get(0);
    }

    static int count(Database db, String table) {
        return Integer.parseInt(lines(db, "SELECT count(*) FROM " + table).get(0));
    }

    static List<String> lines(Database db, String sql) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
