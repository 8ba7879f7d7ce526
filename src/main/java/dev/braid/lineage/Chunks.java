package dev.braid.lineage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits id lists into pieces small enough for one SQL {@code IN (...)} each. */
final class Chunks {
    static final int SIZE = 500;

    private Chunks() {
    }

    static List<List<String>> of(Collection<String> ids) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>(Math.min(SIZE, ids.size()));
        for (String id : ids) {
            current.add(id);
            if (current.size() == SIZE) {
                out.add(current);
                current = new ArrayList<>(SIZE);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    static String placeholders(int n) {
        return "?,".repeat(n - 1) + "?";
    }

    static int bind(PreparedStatement st, int first, List<String> values) throws SQLException {
        int i = first;
        for (String v : values) {
            st.setString(i++, v);
        }
        return i;
    }
}
