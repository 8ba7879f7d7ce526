package dev.braid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.testing.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache in a really read-only folder (a tmpfs remounted read-only, which binds root too):
 * read in full, refused for writes, and refused outright when its WAL still holds changes that an
 * immutable open would silently leave out.
 */
class ReadOnlyCacheTest {
    @TempDir
    Path tmp;

    @Test
    void aCacheInAReadOnlyFolderIsReadButNeverWritten() throws Exception {
        assumeTrue(Tmpfs.available(), "needs a read-only mount (root or CAP_SYS_ADMIN)");
        Path folder = tmp.resolve("ro");
        try (Tmpfs mount = Tmpfs.mount(folder, 16L << 20)) {
            Path file = folder.resolve("cache.db");
            try (Database db = Database.open(file)) {
                db.write(c -> insertSource(c, "kept"));
            }
            mount.remountReadOnly();
            CacheOpenException normal = assertThrows(CacheOpenException.class, () -> Database.open(file));
            assertEquals(CacheProblem.READ_ONLY, normal.problem());
            try (Database db = Database.openReadOnly(file)) {
                assertTrue(db.isReadOnly());
                assertEquals("kept", db.read(c -> single(c, "SELECT name FROM sources")));
                StoreException write = assertThrows(StoreException.class, () -> db.write(c -> insertSource(c, "new")));
                assertEquals(CacheProblem.READ_ONLY, write.problem());
            }
            mount.remountWritable();
        }
    }

    @Test
    void changesStillInTheWalOfAReadOnlyCacheAreNotSilentlyLeftOut() throws Exception {
        assumeTrue(Tmpfs.available(), "needs a read-only mount (root or CAP_SYS_ADMIN)");
        Path folder = tmp.resolve("ro");
        try (Tmpfs mount = Tmpfs.mount(folder, 16L << 20)) {
            Path file = folder.resolve("cache.db");
            try (Database db = Database.open(file)) {
                db.write(c -> insertSource(c, "checkpointed"));
            }
            // A process that stopped before checkpointing leaves its last commits in cache.db-wal.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint = 0");
                st.execute("INSERT INTO sources(kind, name, created_at) VALUES ('git', 'only-in-wal', 1)");
                Path copy = Files.createDirectories(tmp.resolve("copy"));
                for (String suffix : new String[] {"", "-wal"}) {
                    Files.copy(folder.resolve("cache.db" + suffix), copy.resolve("cache.db" + suffix));
                }
            }
            Files.delete(file);
            Files.deleteIfExists(folder.resolve("cache.db-shm"));
            Files.deleteIfExists(folder.resolve("cache.db-wal"));
            for (String suffix : new String[] {"", "-wal"}) {
                Files.copy(tmp.resolve("copy/cache.db" + suffix), folder.resolve("cache.db" + suffix));
            }
            mount.remountReadOnly();
            CacheOpenException refused = assertThrows(CacheOpenException.class, () -> Database.openReadOnly(file));
            assertEquals(CacheProblem.READ_ONLY, refused.problem());
            assertTrue(refused.getMessage().contains("changes not yet merged"), refused.getMessage());
            mount.remountWritable();
            try (Database db = Database.open(file)) {
                assertEquals("2", db.read(c -> single(c, "SELECT count(*) FROM sources")), "nothing was lost");
            }
        }
    }

    private static Object insertSource(Connection c, String name) throws java.sql.SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO sources(kind, name, created_at) VALUES ('git', '" + name + "', 1)");
        }
        return null;
    }

    private static String single(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
