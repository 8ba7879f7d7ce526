package dev.braid.security.audit;

import dev.braid.lineage.ImpactReport;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One audit trail over what the cache records: the MLflow write-backs of ADR 7 ({@code audit_log})
 * and the governance log (scans, refusals, overrides, BOM exports, labels). A label line says how
 * far the label propagates: the nodes downstream of the labelled one, which inherit it.
 */
public final class AuditTrail {
    private static final String UNION = """
            SELECT a.at AS at, a.actor AS actor, 'write-back' AS kind, a.action AS action, a.target AS object,
                   a.outcome AS outcome,
                   CASE WHEN a.old_value IS NULL AND a.new_value IS NULL THEN a.detail
                        ELSE coalesce(a.old_value, '(none)') || ' -> ' || coalesce(a.new_value, '(none)')
                             || coalesce(' (' || a.detail || ')', '') END AS detail,
                   s.name AS source
            FROM audit_log a LEFT JOIN sources s ON s.id = a.source_id
            UNION ALL
            SELECT g.at, g.actor, 'governance', g.action, g.object, g.outcome, g.detail, NULL FROM governance_log g""";
    private final Database db;
    private final LineageService lineage;

    public AuditTrail(Database db, LineageService lineage) {
        this.db = db;
        this.lineage = lineage;
    }

    /** The lines that match, newest first. */
    public List<AuditEvent> events(AuditQuery query) {
        List<AuditEvent> events = db.read(c -> {
            List<AuditEvent> out = new ArrayList<>();
            String sql = "SELECT at, actor, kind, action, object, outcome, detail, source FROM (" + UNION + ")"
                    + " WHERE (? IS NULL OR lower(coalesce(actor, '')) LIKE ?) AND (? IS NULL OR lower(object) LIKE ?)"
                    + " AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) ORDER BY at DESC LIMIT ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bindText(st, 1, query.user());
                bindText(st, 3, query.object());
                bindTime(st, 5, query.from());
                bindTime(st, 7, query.until());
                st.setInt(9, query.limit());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
        List<AuditEvent> out = new ArrayList<>();
        for (AuditEvent e : events) {
            out.add(e.action().equals(GovernanceAction.LABEL_ADDED.name()) ? withPropagation(e) : e);
        }
        return out;
    }

    /** RFC 4180 CSV of the lines: {@code time,actor,kind,action,object,outcome,detail,source}. */
    public static String csv(List<AuditEvent> events) {
        StringBuilder out = new StringBuilder("time,actor,kind,action,object,outcome,detail,source\r\n");
        for (AuditEvent e : events) {
            out.append(String.join(",", cell(e.at().toString()), cell(e.actor()), cell(e.kind()), cell(e.action()),
                    cell(e.object()), cell(e.outcome()), cell(e.detail()), cell(e.source()))).append("\r\n");
        }
        return out.toString();
    }

    private AuditEvent withPropagation(AuditEvent e) {
        NodeId node;
        try {
            node = new NodeId(e.object());
        } catch (IllegalArgumentException notANode) {
            return e;
        }
        ImpactReport impact = lineage.impact(node, null);
        String detail = "inherited by " + impact.affected().size() + " node" + (impact.affected().size() == 1 ? "" : "s")
                + " downstream" + (impact.byKind().isEmpty() ? "" : " (" + String.join(", ", impact.byKind().entrySet()
                .stream().map(k -> k.getValue().size() + " " + k.getKey().id()).toList()) + ")");
        return new AuditEvent(e.at(), e.actor(), e.kind(), e.action(), e.object(), e.outcome(), detail, e.source());
    }

    private static void bindText(PreparedStatement st, int index, String text) throws java.sql.SQLException {
        String value = text == null || text.isBlank() ? null : "%" + text.strip().toLowerCase(Locale.ROOT) + "%";
        st.setString(index, value);
        st.setString(index + 1, value);
    }

    private static void bindTime(PreparedStatement st, int index, Instant time) throws java.sql.SQLException {
        if (time == null) {
            st.setNull(index, java.sql.Types.INTEGER);
            st.setNull(index + 1, java.sql.Types.INTEGER);
        } else {
            st.setLong(index, time.toEpochMilli());
            st.setLong(index + 1, time.toEpochMilli());
        }
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
