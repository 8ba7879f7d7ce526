package dev.braid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connections that only read the cache and never write to it or its folder. In WAL mode SQLite
 * needs the {@code -shm} file even to read; where the folder is read-only and no {@code -shm}
 * exists it cannot open the file normally, so it is opened as immutable instead. That is safe only
 * when nothing waits in the {@code -wal} file (an immutable open ignores it, and would show the
 * cache as it was before those changes), so such a cache is refused with the reason.
 */
final class ReadOnlyConnections {
    /** SQLite's {@code SQLITE_OPEN_READONLY}. */
    private static final String OPEN_READONLY = "1";

    private ReadOnlyConnections() {
    }

    /** How to connect to {@code file} without writing; fails now when no way works. */
    static Database.Connector connector(Path file) throws SQLException {
        try {
            Connection probe = plain(file);
            probe.close();
            return () -> plain(file);
        } catch (SQLException e) {
            int code = SqliteFailures.primaryCode(e);
            // SQLITE_CANTOPEN or SQLITE_READONLY: the -shm file cannot be made here.
            if (code != 14 && code != 8) {
                throw e;
            }
        }
        if (walHoldsChanges(file)) {
            throw new SQLException("it holds changes not yet merged into the main file (" + file.getFileName()
                    + "-wal), which SQLite cannot read without writing to the folder", "", 8);
        }
        Connection probe = immutable(file);
        probe.close();
        return () -> immutable(file);
    }

    /** A connection that reads {@code file} and never writes it; fails where SQLite would need to write to open it. */
    static Connection open(Path file) throws SQLException {
        return plain(file);
    }

    private static Connection plain(Path file) throws SQLException {
        return configure(DriverManager.getConnection("jdbc:sqlite:" + file, properties()));
    }

    private static Connection immutable(Path file) throws SQLException {
        String uri = file.toAbsolutePath().toUri().toString().replaceFirst("^file:///", "file:/");
        return configure(DriverManager.getConnection("jdbc:sqlite:" + uri + "?immutable=1", properties()));
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("open_mode", OPEN_READONLY);
        properties.setProperty("jdbc.get_generated_keys", "false");
        return properties;
    }

    private static Connection configure(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + Database.BUSY_TIMEOUT_MS);
            st.execute("PRAGMA cell_size_check = ON");
            st.executeQuery("PRAGMA schema_version").close();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static boolean walHoldsChanges(Path file) {
        try {
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            return Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
