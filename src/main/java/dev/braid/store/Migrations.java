package dev.braid.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbered, forward-only schema migrations read from {@code migrations/} beside this class.
 * {@code index.txt} lists the files in order; a file's position (1-based) is the schema version it
 * produces, recorded in {@code PRAGMA user_version}.
 */
public final class Migrations {
    private static final String FOLDER = "migrations/";
    private final List<String> files;

    private Migrations(List<String> files) {
        this.files = List.copyOf(files);
    }

    public static Migrations bundled() {
        List<String> names = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return new Migrations(names);
    }

    public int latestVersion() {
        return files.size();
    }

    /** The file that produces schema {@code version} (1-based), such as {@code 007-lineage.sql}. */
    String fileOf(int version) {
        return files.get(version - 1);
    }

    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Applies every migration after the database's version up to {@code target}, one transaction each. */
    public void migrate(Connection connection, int target) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int version = currentVersion(connection) + 1; version <= target; version++) {
                try (Statement st = connection.createStatement()) {
                    for (String sql : statements(resource(files.get(version - 1)))) {
                        st.execute(sql);
                    }
                    st.execute("PRAGMA user_version = " + version);
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("migration " + files.get(version - 1) + " failed: " + e.getMessage(), e);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
