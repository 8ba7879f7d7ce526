package dev.braid.sync;

import dev.braid.store.Database;
import dev.braid.store.FlatJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@code sources} table: what Braid syncs from, with each source's configuration and cursor. */
public final class SourceStore {
    private static final String COLUMNS = "id, kind, name, config, created_at, paused";
    private final Database db;
    private final Clock clock;
    private final FlatJson json = new FlatJson();

    public SourceStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds a source inside the caller's transaction; fails when the name is taken. */
    public Source insert(Connection c, String kind, String name, Map<String, String> config) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO sources(kind, name, config, created_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, kind);
            st.setString(2, name);
            st.setString(3, toJson(config));
            st.setLong(4, now.toEpochMilli());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new Source(rs.getLong(1), kind, name, config, Instant.ofEpochMilli(now.toEpochMilli()));
        }
    }

    /**
     * Adds a source inside the caller's transaction under the name the user gave, or, when none was
     * given, under {@code fallback}'s name made unique with "-2", "-3", ...
     *
     * @param given the user's name, or null or blank for none
     * @throws IllegalStateException when the given name is taken
     */
    public Source insertNamed(Connection c, String kind, String given, Supplier<String> fallback,
                              Map<String, String> config) throws SQLException {
        boolean named = given != null && !given.isBlank();
        String wanted = named ? given.strip() : fallback.get();
        if (named && nameTaken(c, wanted)) {
            throw new IllegalStateException("A source named '" + wanted + "' already exists");
        }
        String unique = wanted;
        for (int n = 2; nameTaken(c, unique); n++) {
            unique = wanted + "-" + n;
        }
        return insert(c, kind, unique, config);
    }

    public List<Source> list() {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM sources ORDER BY name COLLATE NOCASE")) {
                return readAll(st);
            }
        });
    }

    public List<Source> listByKind(String kind) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sources WHERE kind = ? ORDER BY name COLLATE NOCASE")) {
                st.setString(1, kind);
                return readAll(st);
            }
        });
    }

    public Optional<Source> findByName(String name) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE name = ?")) {
                st.setString(1, name);
                return readAll(st).stream().findFirst();
            }
        });
    }

    public Optional<Source> find(long id) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE id = ?")) {
                st.setLong(1, id);
                return readAll(st).stream().findFirst();
            }
        });
    }

    public boolean nameTaken(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM sources WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Removes a source and, through cascading keys, everything cached from it. */
    public void delete(long id) {
        db.write(c -> delete(c, id));
    }

    /**
     * Removes a source inside the caller's transaction; the cascading keys take every table row
     * keyed by it along. Returns whether it was there.
     */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM sources WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }

    /** Renames a source inside the caller's transaction; the caller checked that the name is free. */
    public void rename(Connection c, long id, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sources SET name = ? WHERE id = ?")) {
            st.setString(1, name);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    /** Pauses or resumes a source. */
    public void setPaused(long id, boolean paused) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE sources SET paused = ? WHERE id = ?")) {
                st.setInt(1, paused ? 1 : 0);
                st.setLong(2, id);
                return st.executeUpdate();
            }
        });
    }

    /** Replaces a source's configuration inside the caller's transaction (its cursor stays). */
    public void saveConfig(Connection c, long id, Map<String, String> config) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sources SET config = ? WHERE id = ?")) {
            st.setString(1, toJson(config));
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    /** The source as stored now, read inside the caller's transaction. */
    public Optional<Source> find(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE id = ?")) {
            st.setLong(1, id);
            return readAll(st).stream().findFirst();
        }
    }

    /** The source's sync cursor (its own JSON), read inside a transaction. */
    public String cursor(Connection c, long sourceId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT cursor FROM sources WHERE id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "{}";
            }
        }
    }

    /** Saves the cursor in the same transaction as the changes it describes. */
    public void saveCursor(Connection c, long sourceId, String cursor) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sources SET cursor = ? WHERE id = ?")) {
            st.setString(1, cursor);
            st.setLong(2, sourceId);
            st.executeUpdate();
        }
    }

    private List<Source> readAll(PreparedStatement st) throws SQLException {
        List<Source> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Source(rs.getLong(1), rs.getString(2), rs.getString(3), fromJson(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6) != 0));
            }
        }
        return out;
    }

    private String toJson(Map<String, String> config) {
        return json.write(config);
    }

    private Map<String, String> fromJson(String text) throws SQLException {
        try {
            return json.read(text);
        } catch (IOException e) {
            throw new SQLException("unreadable source configuration: " + e.getMessage(), e);
        }
    }
}
