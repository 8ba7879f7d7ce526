package dev.braid.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's {@code PRAGMA quick_check} over the cache file, on a connection of its own that never
 * writes: run when a command meets {@code SQLITE_CORRUPT} or a value Braid never writes, so that
 * the user hears once, in plain words, whether the file is damaged. The quick check reads every
 * page of every table and index and checks their structure, {@code NOT NULL} and the column types
 * of {@code STRICT} tables; it does not compare indexes with their tables ({@code integrity_check}
 * does, at several times the cost).
 */
public final class CacheCheck {
    /** How many of SQLite's findings are kept; the first few say enough. */
    static final int MAX_FINDINGS = 10;

    private CacheCheck() {
    }

    /**
     * What the check found.
     *
     * @param verdict  whether the check could run and reach a verdict
     * @param damaged  whether SQLite found the file damaged (only meaningful with a verdict)
     * @param findings SQLite's own words, at most {@value #MAX_FINDINGS}
     * @param check    which check ran, in words ("quick check", "integrity check")
     */
    public record Result(boolean verdict, boolean damaged, List<String> findings, String check) {
        public Result {
            findings = List.copyOf(findings);
        }

        /** One or two sentences for a person. */
        public String describe() {
            if (!verdict) {
                return "Braid could not check the file: " + (findings.isEmpty() ? "unknown reason" : findings.get(0)) + ".";
            }
            if (!damaged) {
                return "SQLite's " + check + " finds the file's structure sound.";
            }
            String first = findings.isEmpty() ? "" : " First finding: " + findings.get(0);
            return "SQLite's " + check + " finds the file damaged (" + findings.size()
                    + (findings.size() >= MAX_FINDINGS ? " or more problems)." : findings.size() == 1 ? " problem)." : " problems).")
                    + first;
        }
    }

    /**
     * SQLite's findings over {@code tables} and their indexes on {@code c}: the integrity check
     * when {@code full}, else the quick check; empty when they are sound.
     */
    static List<String> tables(Connection c, boolean full, String... tables) throws SQLException {
        String pragma = full ? "integrity_check" : "quick_check";
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA " + pragma + "(\"" + table.replace("\"", "\"\"") + "\")")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equals(line)) {
                        found.add(table + ": " + line);
                    }
                }
            }
        }
        return found;
    }

    /**
     * What {@link #beforeOpen} saw: the cache's schema version and SQLite's findings over the tables,
     * read in one read transaction.
     */
    public record Early(int schemaVersion, boolean full, List<String> findings) {
        public Early {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Checks {@code tables} of the cache at {@code file} as {@link #tables} does, on a read-only
     * connection of its own that is closed afterwards, before anyone opened the cache: for a command
     * that checks while it is still starting. The schema version is read in the same read
     * transaction, so the caller can tell whether a migration ran after the check. Null when the
     * check could not run here (the caller then checks the usual way); never writes the file.
     */
    public static Early beforeOpen(Path file, boolean full, String... tables) {
        try (Connection c = ReadOnlyConnections.open(file); Statement st = c.createStatement()) {
            st.execute("BEGIN");
            try {
                int version = Migrations.currentVersion(c);
                return new Early(version, full, tables(c, full, tables));
            } finally {
                st.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** The failure a check's findings make: {@link CacheProblem#CORRUPT}, with SQLite's first finding. */
    public static StoreException damage(boolean full, List<String> findings) {
        String finding = "SQLite's " + (full ? "integrity" : "quick") + " check: " + findings.get(0)
                + (findings.size() > 1 ? ", and " + (findings.size() - 1) + " more" : "");
        return new StoreException(CacheProblem.CORRUPT.summary() + " (" + finding + ")", null, CacheProblem.CORRUPT, finding);
    }

    /** Runs the quick check on {@code file}. Never throws: a check that cannot run says so. */
    public static Result quick(Path file) {
        return run(file, "quick_check");
    }

    /** Runs the integrity check (the quick check, and every index against its table) on {@code file}. */
    public static Result full(Path file) {
        return run(file, "integrity_check");
    }

    private static Result run(Path file, String pragma) {
        String words = pragma.replace('_', ' ');
        try (Connection c = ReadOnlyConnections.connector(file).connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA " + pragma + "(" + MAX_FINDINGS + ")")) {
            List<String> findings = new ArrayList<>();
            while (rs.next()) {
                findings.add(rs.getString(1));
            }
            boolean sound = findings.size() == 1 && "ok".equals(findings.get(0));
            return new Result(true, !sound, sound ? List.of() : findings, words);
        } catch (SQLException e) {
            if (SqliteFailures.classify(e, file) == CacheProblem.CORRUPT) {
                return new Result(true, true, List.of("SQLite cannot read the file's structure: " + e.getMessage()), words);
            }
            return new Result(false, false, List.of(String.valueOf(e.getMessage())), words);
        }
    }
}
