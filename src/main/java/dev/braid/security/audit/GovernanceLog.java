package dev.braid.security.audit;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Appends governance events (scans, refusals, overrides, BOM exports) to the cache's
 * {@code governance_log}; label changes are appended by the cache itself. Lines are never changed.
 */
public final class GovernanceLog {
    private final Database db;
    private final Clock clock;
    private final String actor;

    /** @param actor who Braid acts for, written on every line */
    public GovernanceLog(Database db, Clock clock, String actor) {
        this.db = db;
        this.clock = clock;
        this.actor = actor;
    }

    public String actor() {
        return actor;
    }

    /** Appends one line in its own transaction. */
    public void record(GovernanceAction action, String object, String outcome, String detail) {
        db.write(c -> {
            record(c, action, object, outcome, detail);
            return null;
        });
    }

    /** Appends one line inside the caller's transaction. */
    public void record(Connection c, GovernanceAction action, String object, String outcome, String detail)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO governance_log(at, actor, action, object, outcome,"
                + " detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, clock.millis());
            st.setString(2, actor);
            st.setString(3, action.name());
            st.setString(4, object);
            st.setString(5, outcome);
            st.setString(6, detail);
            st.executeUpdate();
        }
    }
}
