package dev.braid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void createsAnOwnerOnlyFileInWalModeWithForeignKeys() throws Exception {
        Path file = tmp.resolve("data/cache.db");
        try (Database db = Database.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("wal", db.read(c -> pragma(c, "journal_mode")));
            assertEquals("1", db.read(c -> pragma(c, "foreign_keys")));
            assertEquals(String.valueOf(Database.BUSY_TIMEOUT_MS), db.read(c -> pragma(c, "busy_timeout")));
            assertEquals("ok", db.integrityCheck());
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws Exception {
        try (Database db = Database.open(tmp.resolve("cache.db"))) {
            assertThrows(StoreException.class, () -> db.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO sources(kind, name, created_at) VALUES ('git', 'a', 1)");
                    st.execute("INSERT INTO sources(kind, name, created_at) VALUES ('git', 'a', 2)");
                }
                return null;
            }));
            assertEquals("0", db.read(c -> single(c, "SELECT COUNT(*) FROM sources")));
        }
    }

    @Test
    void aStoredValueThatIsNotJsonIsAnImpossibleValueNotAQueryMistake() throws Exception {
        try (Database db = Database.open(tmp.resolve("cache.db"))) {
            ImpossibleValueException text = assertThrows(ImpossibleValueException.class,
                    () -> db.read(c -> single(c, "SELECT json_extract('{\"a\": 1x', '$.a')")));
            assertTrue(text.getMessage().startsWith(ImpossibleValueException.PREFIX), text.getMessage());
            assertThrows(ImpossibleValueException.class,
                    () -> db.read(c -> single(c, "SELECT COUNT(*) FROM json_each('[1, 2')")));
            StoreException mistake = assertThrows(StoreException.class, () -> db.read(c -> single(c, "SELECT nothing FROM sources")));
            assertFalse(mistake instanceof ImpossibleValueException, "a mistake in a query is not a damaged value");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAsCorrupt() throws Exception {
        Path file = tmp.resolve("cache.db");
        Files.writeString(file, "this is not sqlite, just text that fills the header and more ".repeat(200));
        CacheOpenException error = assertThrows(CacheOpenException.class, () -> Database.open(file));
        assertEquals(CacheProblem.CORRUPT, error.problem());
        assertTrue(error.problem().canRebuild());
        assertTrue(error.userMessage().contains(file.toString()));
        assertTrue(Files.exists(file), "a broken cache is never deleted silently");
    }

    @Test
    void aCacheFromANewerBraidIsRefusedAndLeftAlone() throws Exception {
        Path file = tmp.resolve("cache.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        CacheOpenException error = assertThrows(CacheOpenException.class, () -> Database.open(file));
        assertEquals(CacheProblem.NEWER_SCHEMA, error.problem());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(999, Migrations.currentVersion(c));
        }
    }

    @Test
    void aCacheLockedByAnotherWriterIsReportedAsLocked() throws Exception {
        Path file = tmp.resolve("cache.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = other.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("BEGIN EXCLUSIVE");
            st.execute("CREATE TABLE held(x)");
            CacheOpenException error = assertThrows(CacheOpenException.class, () -> Database.open(file));
            assertEquals(CacheProblem.LOCKED, error.problem(), error.getMessage());
            assertFalse(error.problem().canRebuild());
            st.execute("ROLLBACK");
        }
    }

    @Test
    void movingABrokenCacheAsideKeepsItAndFreesTheName() throws Exception {
        Path file = tmp.resolve("cache.db");
        Files.writeString(file, "garbage");
        Files.writeString(tmp.resolve("cache.db-wal"), "wal");
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC);

        Path moved = new CacheRecovery(clock).moveAside(file);

        assertEquals("cache.db.broken-20261128-101530", moved.getFileName().toString());
        assertEquals("garbage", Files.readString(moved));
        assertTrue(Files.exists(tmp.resolve("cache.db.broken-20261128-101530-wal")));
        assertFalse(Files.exists(file));
        try (Database db = Database.open(file)) {
            assertEquals("ok", db.integrityCheck());
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        return single(c, "PRAGMA " + name);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
