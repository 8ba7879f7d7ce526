package dev.braid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a cache failure says beyond its problem's summary, carried rather than read back out of its message. */
class StoreExceptionTest {
    @Test
    void damageACheckFoundCarriesTheCheckFindingAsItsDetail() {
        StoreException damage = CacheCheck.damage(true, List.of("row 1 missing from index i", "row 2 missing from index i"));
        assertEquals(CacheProblem.CORRUPT, damage.problem());
        assertEquals("SQLite's integrity check: row 1 missing from index i, and 1 more", damage.detail());
        assertEquals(CacheProblem.CORRUPT.summary() + " (" + damage.detail() + ")", damage.getMessage());
        assertEquals("SQLite's quick check: page 3 is never used", CacheCheck.damage(false, List.of("page 3 is never used")).detail());
    }

    @Test
    void aFailureAnSqlErrorCausedIsDetailedInSqliteWords() {
        StoreException full = new StoreException("The disk holding the cache is full. (cache write failed: …)",
                new SQLException("[SQLITE_FULL] database or disk is full"), CacheProblem.DISK_FULL);
        assertEquals("[SQLITE_FULL] database or disk is full", full.detail());
        assertNull(new StoreException("cache read failed", null).detail());
    }

    @Test
    void aCacheThatCouldNotBeOpenedKeepsWhatWentWrongApartFromItsSummary() {
        Path file = Path.of("/data/cache.db");
        CacheOpenException locked = new CacheOpenException(CacheProblem.READ_ONLY, file, "the folder is read-only", null);
        assertEquals("the folder is read-only", locked.detail());
        assertEquals(CacheProblem.READ_ONLY.summary() + " (" + file + "): the folder is read-only", locked.getMessage());
        assertNull(new CacheOpenException(CacheProblem.CORRUPT, file, null, null).detail());
    }
}
