package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runs a sync reads, kept in a temporary file: what goes in comes back, field for field. */
class RunSpoolTest {

    @Test
    void givesBackEveryFieldNullsAndOddTextsIncluded() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("lr", "0.1");
        params.put("empty", "");
        params.put("none", null);
        params.put("long", "x".repeat(70_000));
        params.put("lone \ud800 surrogate", "\udc00 and \ud83d\ude00");
        RemoteRun full = new RemoteRun("r1", "7", "name", "ada", "FINISHED", 1L, 2L, "active", "file:///a", params,
                List.of(new LatestMetric("loss", 0.5, 7, 3), new LatestMetric("nan", null, -1, Long.MAX_VALUE),
                        new LatestMetric("inf", Double.NEGATIVE_INFINITY, 0, 0)),
                Map.of("mlflow.parentRunId", "p"),
                List.of(new DatasetInput("iris", "d1", "local", "{}", "train", null, "{\"rows\": 3}")));
        RemoteRun bare = new RemoteRun("r2", null, null, null, null, null, null, null, null, Map.of(), List.of(), Map.of(),
                List.of());

        try (RunSpool spool = RunSpool.create()) {
            spool.add(full);
            spool.add(bare);

            List<RemoteRun> back = all(spool);
            assertEquals(List.of(full, bare), back);
            assertEquals(List.copyOf(params.keySet()), List.copyOf(back.get(0).params().keySet()));
        }
    }

    @Test
    void keepsTheLastReadingOfARunInTheOrderItWasFirstSeen() {
        try (RunSpool spool = RunSpool.create()) {
            spool.add(run("a", "RUNNING"));
            spool.add(run("b", "FINISHED"));
            spool.add(run("a", "FINISHED"));

            assertEquals(2, spool.size());
            assertEquals(List.of("a", "b"), List.copyOf(spool.runIds()));
            assertTrue(spool.contains("b"));
            assertFalse(spool.contains("c"));
            assertEquals(List.of(run("a", "FINISHED"), run("b", "FINISHED")), all(spool));
        }
    }

    @Test
    void closingDeletesTheFileWhichOnlyItsOwnerMayRead() throws Exception {
        Set<Path> before = spools();
        Path file;
        try (RunSpool spool = RunSpool.create()) {
            spool.add(run("a", "FINISHED"));
            Set<Path> during = spools();
            during.removeAll(before);
            assertEquals(1, during.size());
            file = during.iterator().next();
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void searchesAddingSideBySideLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (RunSpool spool = RunSpool.create()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        spool.add(run(thread + "-" + i, "FINISHED"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            List<RemoteRun> back = all(spool);
            assertEquals(2000, back.size());
            assertEquals(2000, back.stream().map(RemoteRun::runId).distinct().count());
            assertEquals(run("3-499", "FINISHED"), back.stream().filter(r -> r.runId().equals("3-499")).findFirst().orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    private static RemoteRun run(String id, String status) {
        return new RemoteRun(id, "1", "run " + id, "ada", status, 10L, null, "active", "file:///" + id,
                Map.of("lr", "0.1"), List.of(new LatestMetric("loss", 0.25, 1, 2)), Map.of("k", "v"), List.of());
    }

    private static List<RemoteRun> all(RunSpool spool) {
        List<RemoteRun> out = new ArrayList<>();
        spool.forEach(out::add);
        return out;
    }

    private static Set<Path> spools() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new java.util.HashSet<>(files.filter(p -> p.getFileName().toString().startsWith("braid-mlflow-runs-")).toList());
        }
    }

    @Test
    void aSpoolLeftByAKilledSyncIsRemovedAndAFreshOneIsKept(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-12-06T12:00:00Z");
        Path old = Files.writeString(folder.resolve("braid-mlflow-runs-1.spool"), "left");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(now.minus(RunSpool.LEFTOVER_AGE).minusSeconds(1)));
        Path fresh = Files.writeString(folder.resolve("braid-mlflow-runs-2.spool"), "running");
        Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.from(now.minusSeconds(60)));
        Path other = Files.writeString(folder.resolve("notes.spool"), "not ours");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofDays(30))));

        RunSpool.sweepLeftovers(folder, now);

        assertFalse(Files.exists(old), "left by a killed sync");
        assertTrue(Files.exists(fresh), "a running sync's spool");
        assertTrue(Files.exists(other), "not a spool of Braid's");
    }
}
