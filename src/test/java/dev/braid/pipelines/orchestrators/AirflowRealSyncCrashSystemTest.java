package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.AirflowHarness;
import dev.braid.testing.SharedServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during a sync of the real Airflow 3 (started once per test run): a JVM syncing it is
 * killed right after it has read a DAG run's task instances (the runs listed and staged in part,
 * nothing published), and again at an arbitrary moment of a second try; the cache stays sound and
 * shows no run meanwhile, and the sync that then runs to its end leaves the same runs, tries and DAGs
 * as an uninterrupted sync into a fresh cache.
 */
@ExtendWith(SharedServices.class)
class AirflowRealSyncCrashSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static AirflowHarness airflow;
    static String runId;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start(SharedServices.Registry services) throws Exception {
        airflow = services.get("airflow", AirflowHarness.class, AirflowHarness::start);
        runId = airflow.trainedRun(AirflowSyncTest.SHA);
    }

    @Test
    void aSyncKilledMidwayResumesToTheSameCacheAsAnUninterruptedOne() throws Exception {
        awaitNoDagRunGoing();
        Path killed = tmp.resolve("killed.db");

        Process first = child(killed, 60_000);
        String line = awaitLine(first, "fetched ");
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the process
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertTrue(line.contains("braid_train/"), line);
        assertEquals(0, AirflowSyncCrashSystemTest.visibleRuns(killed), "nothing published before the sync's end");

        Process second = child(killed, 0);
        awaitLine(second, "syncing");
        Thread.sleep(150);
        second.destroyForcibly();
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        AirflowSyncCrashSystemTest.visibleRuns(killed); // opens it and checks its integrity

        runToEnd(killed);
        runToEnd(tmp.resolve("clean.db"));
        List<String> expected = AirflowSyncCrashSystemTest.snapshot(tmp.resolve("clean.db"));
        assertEquals(expected, AirflowSyncCrashSystemTest.snapshot(killed));
        assertTrue(expected.contains("staged 0"), expected.toString());
        assertTrue(expected.stream().anyMatch(l -> l.contains("braid_train/" + runId)), expected.toString());
        assertTrue(expected.stream().anyMatch(l -> l.startsWith("dag braid_paused 1")), "the paused DAG: " + expected);
    }

    private static Process child(Path cache, long pauseMillis) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath, SyncAirflowUntilKilled.class.getName(), cache.toString(), airflow.url(),
                AirflowHarness.PASSWORD, AirflowHarness.USER, Long.toString(pauseMillis))
                .redirectErrorStream(true).start();
    }

    /** The first line of the child's output that starts with {@code prefix}; fails if it ends first. */
    private static String awaitLine(Process process, String prefix) throws Exception {
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("the sync ended before printing '" + prefix + "':\n" + seen);
        });
        return found.get(3, TimeUnit.MINUTES);
    }

    private static void runToEnd(Path cache) throws Exception {
        Process process = child(cache, 0);
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "sync finishes");
        assertEquals(0, process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Other tests share this Airflow: wait until none of their DAG runs is still going, so both caches see the same. */
    private static void awaitNoDagRunGoing() throws Exception {
        long deadline = System.currentTimeMillis() + 10 * 60_000L;
        while (true) {
            JsonNode page = JSON.readTree(airflow.call("GET", "/api/v2/dags/~/dagRuns?state=queued&state=running&limit=1", null).body());
            if (page.path("total_entries").asInt(0) == 0) {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, "DAG runs still going: " + page);
            Thread.sleep(2_000);
        }
    }
}
