package dev.braid.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM syncing a GitLab replay (SIGKILL, no shutdown hooks) at random moments, then lets it
 * finish: the cache is sound throughout, readers only ever see whole syncs, and the end state
 * equals an uninterrupted sync's.
 */
class PipelineSyncCrashSystemTest {
    private static final long SEED = 20261206L;

    @TempDir
    Path tmp;

    @Test
    void killedSyncsResumeToTheSameCacheAsAnUninterruptedOne() throws Exception {
        CiHistory history = CiHistory.generate(1_500, 5, 9);
        GitLabReplay api = new GitLabReplay(history, "acme/churn", null);
        try (ReplayServer server = ReplayServer.start(api)) {
            api.base(server.url());
            Path killed = tmp.resolve("killed.db");
            Random random = new Random(SEED);
            for (int round = 0; round < 4; round++) {
                killAfter(killed, server.url(), 1_500 + random.nextInt(4_000));
                long visible = visibleRuns(killed);
                assertTrue(visible == 0 || visible == 1_500, "a reader sees whole syncs only, saw " + visible + " runs");
            }
            runToEnd(killed, server.url());
            for (int i = 0; i < 30; i++) {
                history.addRun("success");
            }
            history.finish(history.runs().get(1_499), "failed");
            killAfter(killed, server.url(), 800 + random.nextInt(1_000));
            runToEnd(killed, server.url());
            Path clean = tmp.resolve("clean.db");
            runToEnd(clean, server.url());

            List<String> expected = snapshot(clean);
            assertEquals(expected, snapshot(killed));
            assertTrue(expected.contains("staged 0"));
        }
    }

    private static Process child(Path cache, String url) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath, SyncPipelinesUntilKilled.class.getName(), cache.toString(), url)
                .redirectErrorStream(true).redirectOutput(cache.resolveSibling(cache.getFileName() + ".log").toFile()).start();
    }

    private static void killAfter(Path cache, String url, long millis) throws Exception {
        Process process = child(cache, url);
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static void runToEnd(Path cache, String url) throws Exception {
        Process process = child(cache, url);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "sync finishes");
        assertEquals(0, process.exitValue(), Files.readString(cache.resolveSibling(cache.getFileName() + ".log")));
    }

    private static long visibleRuns(Path cache) throws Exception {
        if (!Files.exists(cache)) {
            return 0;
        }
        try (Database db = Database.open(cache)) {
            assertEquals("ok", db.integrityCheck());
            return db.read(c -> new PipelineStore().runCount(c));
        }
    }

    private static List<String> snapshot(Path cache) throws Exception {
        try (Database db = Database.open(cache)) {
            return PipelineFixture.snapshot(db);
        }
    }
}
