package dev.braid.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the cached runs a person means by what they typed: a whole run id, the start of one (the
 * eight characters Braid prints), or a run name. A whole id wins; otherwise every run whose id
 * starts with it or whose name is it is a candidate, so an ambiguous reference can list them.
 */
final class RunMatcher {
    /** A prefix shorter than this is taken as a name only: two characters match half the runs. */
    static final int MIN_PREFIX = 4;
    private static final int LIMIT = 20;

    List<RunMatch> match(Connection c, String ref, String sourceName, String experimentName) throws SQLException {
        String scope = (sourceName == null ? "" : " AND s.name = :source") + (experimentName == null ? "" : " AND e.name = :experiment");
        List<RunMatch> exact = query(c, "r.run_id = :ref" + scope, ref, sourceName, experimentName);
        if (!exact.isEmpty()) {
            return exact;
        }
        String byPrefix = ref.length() >= MIN_PREFIX ? " OR r.run_id LIKE :prefix ESCAPE '\\'" : "";
        return query(c, "(r.run_name = :ref" + byPrefix + ")" + scope, ref, sourceName, experimentName);
    }

    /**
     * Runs whose name contains {@code text}, whose id starts with it, or whose tag values (not
     * MLflow's own {@code mlflow.*} tags) contain it, ignoring case; exact names first, then newest.
     */
    List<RunMatch> search(Connection c, String text, int limit) throws SQLException {
        String like = "%" + escape(text.toLowerCase(java.util.Locale.ROOT)) + "%";
        String sql = """
                SELECT r.run_pk, s.name, r.run_id, r.run_name, e.name FROM runs r
                JOIN sources s ON s.id = r.source_id
                LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id
                WHERE r.lifecycle_stage = 'active' AND (lower(r.run_name) LIKE ?1 ESCAPE '\\' OR r.run_id LIKE ?2 ESCAPE '\\'
                   OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key NOT LIKE 'mlflow.%'
                              AND lower(t.value) LIKE ?1 ESCAPE '\\'))
                ORDER BY lower(r.run_name) = ?3 DESC, r.start_time DESC, r.run_id LIMIT ?4""";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, like);
            st.setString(2, escape(text) + "%");
            st.setString(3, text.toLowerCase(java.util.Locale.ROOT));
            st.setInt(4, limit);
            List<RunMatch> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunMatch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5) == null ? "?" : rs.getString(5)));
                }
            }
            return out;
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<RunMatch> query(Connection c, String where, String ref, String source, String experiment)
            throws SQLException {
        String sql = """
                SELECT r.run_pk, s.name, r.run_id, r.run_name, e.name FROM runs r
                JOIN sources s ON s.id = r.source_id
                LEFT JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id
                WHERE r.lifecycle_stage = 'active' AND %s ORDER BY r.start_time DESC, r.run_id LIMIT %d""".formatted(where, LIMIT);
        List<String> names = new ArrayList<>();
        StringBuilder positional = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\w+)").matcher(sql);
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        try (PreparedStatement st = c.prepareStatement(positional.toString())) {
            for (int i = 0; i < names.size(); i++) {
                st.setString(i + 1, switch (names.get(i)) {
                    case "ref" -> ref;
                    case "prefix" -> ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                    case "source" -> source;
                    default -> experiment;
                });
            }
            List<RunMatch> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunMatch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5) == null ? "?" : rs.getString(5)));
                }
            }
            return out;
        }
    }
}
