package dev.braid.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local cache: one SQLite file in WAL mode with foreign keys and a busy timeout.
 * Writes are serialised through one connection, each in its own {@code BEGIN IMMEDIATE}
 * transaction; reads use a small pool of further connections so they never wait for a writer.
 * A cache that cannot be written (a read-only folder or file) can still be opened
 * {@linkplain #openReadOnly read-only}, for the commands that only read.
 */
public final class Database implements AutoCloseable {
    public static final String FILE_NAME = "cache.db";
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int MAX_IDLE_READERS = 4;

    private final Path file;
    private final Connector connector;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Deque<Connection> idleReaders = new ArrayDeque<>();
    private volatile boolean closed;

    private Database(Path file, Connector connector, Connection writer) {
        this.file = file;
        this.connector = connector;
        this.writer = writer;
    }

    /** How connections to the file are made: read-write, or read-only for a cache that cannot be written. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Opens (creating if needed) and migrates the cache at {@code file}. */
    public static Database open(Path file) throws CacheOpenException {
        return open(file, Migrations.bundled());
    }

    static Database open(Path file, Migrations migrations) throws CacheOpenException {
        CacheFiles.createOwnerOnly(file);
        CacheProblem access = SqliteFailures.fromFileSystem(file);
        if (access == CacheProblem.READ_ONLY || access == CacheProblem.NO_ACCESS) {
            // SQLite would open a file it may only read without a word and fail at the first write.
            throw new CacheOpenException(access, file, null, null);
        }
        Connection connection = null;
        try {
            connection = connect(file);
            int version = Migrations.currentVersion(connection);
            if (version > migrations.latestVersion()) {
                throw new CacheOpenException(CacheProblem.NEWER_SCHEMA, file,
                        "schema version " + version + ", this Braid reads up to " + migrations.latestVersion(), null);
            }
            migrations.migrate(connection, migrations.latestVersion());
            CacheFiles.restrictSidecars(file);
            return new Database(file, () -> connect(file), connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw classify(file, e);
        } catch (CacheOpenException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens the cache at {@code file} for reading only, never writing to the file or its folder:
     * for a cache on a read-only mount, in a folder Braid may not write, or on a full disk. Every
     * {@link #write} then fails with {@link CacheProblem#READ_ONLY}. The file must exist and have
     * this Braid's schema version (an older one would need an upgrade that cannot be written).
     */
    public static Database openReadOnly(Path file) throws CacheOpenException {
        return openReadOnly(file, Migrations.bundled());
    }

    static Database openReadOnly(Path file, Migrations migrations) throws CacheOpenException {
        if (!Files.isRegularFile(file)) {
            throw new CacheOpenException(CacheProblem.READ_ONLY, file, "there is no cache file yet, and none can be"
                    + " created here", null);
        }
        Connection probe = null;
        try {
            Connector connector = ReadOnlyConnections.connector(file);
            probe = connector.connect();
            int version = Migrations.currentVersion(probe);
            if (version > migrations.latestVersion()) {
                throw new CacheOpenException(CacheProblem.NEWER_SCHEMA, file,
                        "schema version " + version + ", this Braid reads up to " + migrations.latestVersion(), null);
            }
            if (version < migrations.latestVersion()) {
                throw new CacheOpenException(CacheProblem.READ_ONLY, file, "it was written by an older Braid and needs"
                        + " an upgrade (schema version " + version + " to " + migrations.latestVersion()
                        + "), which cannot be written here", null);
            }
            return new Database(file, connector, null);
        } catch (SQLException e) {
            throw classify(file, e);
        } finally {
            closeQuietly(probe);
        }
    }

    public Path file() {
        return file;
    }

    /** True when this cache was opened with {@link #openReadOnly} and refuses every write. */
    public boolean isReadOnly() {
        return writer == null;
    }

    /** Runs {@code work} on a reader connection in auto-commit mode (each statement sees a snapshot). */
    public <T> T read(SqlWork<T> work) {
        Connection connection = borrowReader();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            if (SqliteFailures.isUnreadableValue(e)) {
                // SQLite's JSON functions met a stored value Braid never writes (a flipped byte in it).
                throw new ImpossibleValueException(ImpossibleValueException.PREFIX + ": " + e.getMessage(), e);
            }
            throw failure("cache read failed", e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NullPointerException
                 | java.time.DateTimeException e) {
            // Turning rows into records failed on a value Braid never writes; say so, rather than crash.
            throw new ImpossibleValueException(ImpossibleValueException.PREFIX + ": " + e.getMessage(), e);
        } finally {
            returnReader(connection);
        }
    }

    /** Runs {@code work} in one write transaction: all of it lands, or none of it does. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            if (writer == null) {
                throw new StoreException(CacheProblem.READ_ONLY.summary() + " (" + file + "): Braid opened it for reading"
                        + " only", null, CacheProblem.READ_ONLY);
            }
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
            throw failure("cache write failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A store failure that names the problem with the file when there is one ("The disk holding
     * the cache is full. (cache write failed: …)"), so no caller mistakes a full disk for damage.
     */
    private StoreException failure(String what, SQLException e) {
        CacheProblem problem = SqliteFailures.classify(e, file);
        if (problem == null || problem == CacheProblem.LOCKED) {
            return new StoreException(what + ": " + e.getMessage(), e, problem);
        }
        return new StoreException(problem.summary() + " (" + what + ": " + e.getMessage() + ")", e, problem);
    }

    /**
     * Runs SQLite's check over {@code tables} and their indexes, and fails with
     * {@link CacheProblem#CORRUPT} when it finds damage. SQLite notices much damage only when it
     * checks: a changed page header can hide rows from an ordinary read without any error, and an
     * index entry changed inside its record leads a query astray without any. The quick check
     * (about one read of the tables) sees the first; only the integrity check, which also looks
     * every row up in every index (several times the cost), sees the second. A caller that answers
     * from these tables runs one of them first, so a damaged file does not yield a confident
     * wrong answer.
     *
     * @param full the integrity check rather than the quick check
     */
    public void verify(boolean full, String... tables) {
        List<String> findings = read(c -> CacheCheck.tables(c, full, tables));
        if (!findings.isEmpty()) {
            throw CacheCheck.damage(full, findings);
        }
    }

    /** SQLite's quick check of this file's structure (see {@link CacheCheck}). */
    public CacheCheck.Result quickCheck() {
        return CacheCheck.quick(file);
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
            return connector.connect();
        } catch (SQLException e) {
            throw failure("cannot open a cache reader", e);
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
            // Checks each cell's size against its page as it is read, so a damaged page is
            // reported as SQLITE_CORRUPT rather than read past.
            st.execute("PRAGMA cell_size_check = ON");
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

    /**
     * What a failure to open says about the file. Only SQLite's own verdict (SQLITE_CORRUPT,
     * SQLITE_NOTADB) or a failing header read calls it damaged; a full disk, a read-only folder and
     * a file Braid may not open each get their own problem.
     */
    private static CacheOpenException classify(Path file, SQLException e) {
        CacheProblem problem = SqliteFailures.classify(e, file);
        if (problem == null) {
            // An error SQLite gives no telling code for: a migration on a disk that filled up ends in
            // "cannot commit - no transaction is active" once SQLite has rolled it back itself. The
            // file system says whether that is the reason before the file is suspected of damage.
            problem = SqliteFailures.fromFileSystem(file);
        }
        return new CacheOpenException(problem == null ? CacheProblem.CORRUPT : problem, file, e.getMessage(), e);
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
