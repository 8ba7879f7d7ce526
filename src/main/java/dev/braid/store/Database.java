package dev.braid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The local cache: one SQLite file in WAL mode with foreign keys and a busy timeout.
 * Writes are serialised through one connection, each in its own {@code BEGIN IMMEDIATE}
 * transaction; reads use a small pool of further connections so they never wait for a writer.
 */
public final class Database implements AutoCloseable {
    public static final String FILE_NAME = "cache.db";
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int MAX_IDLE_READERS = 4;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Deque<Connection> idleReaders = new ArrayDeque<>();
    private volatile boolean closed;

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Opens (creating if needed) and migrates the cache at {@code file}. */
    public static Database open(Path file) throws CacheOpenException {
        return open(file, Migrations.bundled());
    }

    static Database open(Path file, Migrations migrations) throws CacheOpenException {
        createOwnerOnly(file);
        Connection connection = null;
        try {
            connection = connect(file);
            int version = Migrations.currentVersion(connection);
            if (version > migrations.latestVersion()) {
                throw new CacheOpenException(CacheProblem.NEWER_SCHEMA, file,
                        "schema version " + version + ", this Braid reads up to " + migrations.latestVersion(), null);
            }
            migrations.migrate(connection, migrations.latestVersion());
            restrictSidecars(file);
            return new Database(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw classify(file, e);
        } catch (CacheOpenException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} on a reader connection in auto-commit mode (each statement sees a snapshot). */
    public <T> T read(SqlWork<T> work) {
        Connection connection = borrowReader();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("cache read failed: " + e.getMessage(), e);
        } finally {
            returnReader(connection);
        }
    }

    /** Runs {@code work} in one write transaction: all of it lands, or none of it does. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            try (Statement st = writer.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(writer);
                try (Statement st = writer.createStatement()) {
                    st.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cache write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs SQLite's integrity check; returns "ok" when the file is sound. */
    public String integrityCheck() {
        return read(c -> {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA integrity_check")) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    out.append(out.length() == 0 ? "" : "\n").append(rs.getString(1));
                }
                return out.toString();
            }
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (idleReaders) {
                idleReaders.forEach(Database::closeQuietly);
                idleReaders.clear();
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private Connection borrowReader() {
        ensureOpen();
        synchronized (idleReaders) {
            Connection idle = idleReaders.pollFirst();
            if (idle != null) {
                return idle;
            }
        }
        try {
            return connect(file);
        } catch (SQLException e) {
            throw new StoreException("cannot open a cache reader: " + e.getMessage(), e);
        }
    }

    private void returnReader(Connection connection) {
        synchronized (idleReaders) {
            if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
                idleReaders.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the cache is closed");
        }
    }

    private void rollbackQuietly() {
        try (Statement st = writer.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // The transaction is already gone (SQLite rolls back on some errors by itself).
        }
    }

    private static Connection connect(Path file) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        // The driver otherwise runs "SELECT last_insert_rowid()" after every INSERT; Braid asks
        // for ids explicitly (RETURNING) where it needs them.
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            st.execute("PRAGMA foreign_keys = ON");
            // The first read of the header is where a damaged or foreign file shows itself.
            st.executeQuery("PRAGMA schema_version").close();
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            // A 32 MB page cache (native memory, not Java heap) keeps the hash index of a large
            // repository in memory while it is indexed; checkpointing every 40 MB rather than every
            // 4 MB of WAL keeps big syncs from copying the same pages again and again.
            st.execute("PRAGMA cache_size = -32768");
            st.execute("PRAGMA wal_autocheckpoint = 10000");
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    private static CacheOpenException classify(Path file, SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            int code = t instanceof SQLiteException s ? s.getResultCode().code & 0xff
                    : t instanceof SQLException q ? q.getErrorCode() & 0xff : -1;
            if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
                return new CacheOpenException(CacheProblem.LOCKED, file, e.getMessage(), e);
            }
        }
        return new CacheOpenException(CacheProblem.CORRUPT, file, e.getMessage(), e);
    }

    private static void createOwnerOnly(Path file) throws CacheOpenException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (Files.notExists(file)) {
                if (supportsPosix(dir)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new CacheOpenException(CacheProblem.CORRUPT, file, "cannot create the cache file: " + e.getMessage(), e);
        }
    }

    private static void restrictSidecars(Path file) {
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path sidecar = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(sidecar) && supportsPosix(sidecar)) {
                    Files.setPosixFilePermissions(sidecar, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException ignored) {
                // Best effort: the data directory itself is owner-only as well.
            }
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort.
        }
    }
}
