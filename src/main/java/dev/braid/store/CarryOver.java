package dev.braid.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the rows registered in {@code cache_carry_over} from an old cache into a new one. The
 * registry is read from the new cache (this Braid's list); the columns copied are those both
 * files have, so an older or newer old cache still gives what it can. Rows are read one by one,
 * so a damaged table still gives every row before the damage, and a row whose parent did not make
 * it (a foreign key) is left behind and counted rather than failing the rest.
 */
final class CarryOver {
    private CarryOver() {
    }

    /** Rows carried per table, in copying order, and what could not be carried. */
    record Outcome(Map<String, Integer> carried, List<String> problems) {
        static Outcome nothing(String problem) {
            return new Outcome(Map.of(), List.of(problem));
        }
    }

    private record Entry(String table, String filter, Set<String> skipped) {
    }

    /** Copies into {@code target} (inside its transaction) what {@code old} still lets us read. */
    static Outcome copy(Connection old, Connection target) throws SQLException {
        Map<String, Integer> carried = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Entry entry : registry(target)) {
            List<String> oldColumns;
            try {
                oldColumns = columns(old, entry.table());
            } catch (SQLException e) {
                problems.add(entry.table() + " could not be read: " + e.getMessage());
                continue;
            }
            if (oldColumns.isEmpty()) {
                continue;
            }
            List<String> shared = new ArrayList<>(columns(target, entry.table()));
            shared.retainAll(oldColumns);
            shared.removeAll(entry.skipped());
            copyTable(old, target, entry, shared, carried, problems);
        }
        return new Outcome(carried, problems);
    }

    private static void copyTable(Connection old, Connection target, Entry entry, List<String> columns,
                                  Map<String, Integer> carried, List<String> problems) throws SQLException {
        String list = String.join(", ", columns.stream().map(CarryOver::quote).toList());
        String select = "SELECT " + list + " FROM " + quote(entry.table())
                + (entry.filter() == null ? "" : " WHERE " + entry.filter());
        String insert = "INSERT OR IGNORE INTO " + quote(entry.table()) + "(" + list + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        int copied = 0;
        int orphans = 0;
        try (PreparedStatement write = target.prepareStatement(insert)) {
            try (PreparedStatement read = old.prepareStatement(select); ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, rows.getObject(i));
                    }
                    try {
                        copied += write.executeUpdate();
                    } catch (SQLException constraint) {
                        // Its parent row (a source, say) could not be read from the old file.
                        orphans++;
                    }
                }
            } catch (SQLException e) {
                problems.add(entry.table() + ": " + copied + " rows carried over, then the old cache could not be read"
                        + " further: " + e.getMessage());
            }
        }
        if (orphans > 0) {
            problems.add(entry.table() + ": " + orphans + " rows left behind because what they belong to could not be read");
        }
        carried.put(entry.table(), copied);
    }

    private static List<Entry> registry(Connection target) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement st = target.prepareStatement(
                "SELECT table_name, row_filter, skip_columns FROM cache_carry_over ORDER BY position, table_name");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Set<String> skipped = new LinkedHashSet<>();
                Arrays.stream(rs.getString(3).split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(skipped::add);
                out.add(new Entry(rs.getString(1), rs.getString(2), skipped));
            }
        }
        return out;
    }

    /** The table's columns in order; empty when the table does not exist. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
