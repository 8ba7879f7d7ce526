package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.CacheRecovery;
import dev.braid.sync.Source;
import dev.braid.sync.SyncOutcome;
import dev.braid.testing.GitCli;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a broken cache aside keeps the sources, and syncing them rebuilds the history. */
class CacheRebuildTest {
    @TempDir
    Path tmp;

    @Test
    void aRebuiltCacheKeepsItsSourcesAndSyncsBackTheSameHistory() throws Exception {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("work")));
        git.run("init", "-q");
        for (int i = 0; i < 5; i++) {
            git.commitAll("commit " + i);
        }
        Path cache;
        try (RepoFixture braid = new RepoFixture(tmp)) {
            Source source = braid.add(git.dir());
            braid.sync(source);
            cache = braid.app.dirs().cacheFile();
        }
        try (RandomAccessFile file = new RandomAccessFile(cache.toFile(), "rw")) {
            file.seek(4096 * 3);
            file.write(new byte[4096]);
        }

        CacheRecovery.Rebuild rebuild = new CacheRecovery(Clock.systemUTC()).moveAsideAndRebuild(cache);

        assertTrue(Files.exists(rebuild.movedTo()), "the old cache is kept");
        assertEquals(1, rebuild.sourcesRestored(), String.valueOf(rebuild.salvageProblem()));
        assertNull(rebuild.salvageProblem());
        try (RepoFixture braid = new RepoFixture(tmp)) {
            Source source = braid.app.sources().findByName("work").orElseThrow();
            assertEquals(SyncOutcome.SUCCEEDED, braid.sync(source).outcome());
            assertEquals(git.log(), braid.historyLines(source.id(), null));
            assertEquals(git.dir().toString(), braid.repos().find(source.id()).orElseThrow().path());
        }
    }
}
