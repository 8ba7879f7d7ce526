package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.PipelineFixture;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM syncing an Airflow 3 replay (SIGKILL, no shutdown hooks) at random moments, then lets
 * it finish, and again after new runs arrived and a running one ended: the cache is sound
 * throughout, readers see whole syncs only, and the end state (runs, every try, the DAGs) equals
 * an uninterrupted sync's.
 */
class AirflowSyncCrashSystemTest {
    private static final long SEED = 20261206L;
    private static final String PASSWORD = "crash-test-password";
    private static final int RUNS = 800;

    @TempDir
    Path tmp;

    @Test
    void killedAirflowSyncsResumeToTheSameCacheAsAnUninterruptedOne() throws Exception {
        AirflowHistory history = AirflowHistory.generate(RUNS, 9, 13);
        try (ReplayServer server = ReplayServer.start(new AirflowReplay(history, true, PASSWORD))) {
            Path killed = tmp.resolve("killed.db");
            Random random = new Random(SEED);
            for (int round = 0; round < 3; round++) {
                killAfter(killed, server.url(), 1_500 + random.nextInt(3_000));
                long visible = visibleRuns(killed);
                assertTrue(visible == 0 || visible == RUNS, "a reader sees whole syncs only, saw " + visible + " runs");
            }
            runToEnd(killed, server.url());
            for (int i = 0; i < 25; i++) {
                history.addRun(i % 5 == 0 ? "failed" : "success");
            }
            history.finish(history.runs().get(RUNS - 1), "success");
            killAfter(killed, server.url(), 600 + random.nextInt(800));
            runToEnd(killed, server.url());
            Path clean = tmp.resolve("clean.db");
            runToEnd(clean, server.url());

            List<String> expected = snapshot(clean);
            assertEquals(expected, snapshot(killed));
            assertTrue(expected.contains("staged 0"));
            assertTrue(expected.stream().anyMatch(l -> l.contains("retired_export")), "the paused DAG is kept");
        }
    }

    private static Process child(Path cache, String url) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath, SyncAirflowUntilKilled.class.getName(), cache.toString(), url, PASSWORD)
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

    static long visibleRuns(Path cache) throws Exception {
        if (!Files.exists(cache)) {
            return 0;
        }
        try (Database db = Database.open(cache)) {
            assertEquals("ok", db.integrityCheck());
            return db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM pipeline_runs")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    /** Runs and jobs as {@link PipelineFixture#snapshot} gives them, then the DAGs the source lists. */
    static List<String> snapshot(Path cache) throws Exception {
        try (Database db = Database.open(cache)) {
            List<String> out = new ArrayList<>(PipelineFixture.snapshot(db));
            db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "SELECT pipeline, paused, schedule, tasks FROM source_pipelines ORDER BY pipeline")) {
                    while (rs.next()) {
                        out.add("dag " + rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4));
                    }
                }
                return null;
            });
            return out;
        }
    }
}
