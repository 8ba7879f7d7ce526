package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real cache file, with syncers that behave in scripted ways. */
class SyncEngineTest {
    @TempDir
    Path tmp;
    Database db;
    SourceStore sources;
    SyncRunStore runs;
    ExecutorService executor;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        sources = new SourceStore(db, Clock.systemUTC());
        runs = new SyncRunStore(db);
        executor = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        db.close();
    }

    private Source source(String kind, String name) {
        return db.write(c -> sources.insert(c, kind, name, Map.of()));
    }

    private SyncEngine engine(SourceSyncer... syncers) {
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        Sleeper recording = (duration, stop) -> waits.add(duration);
        return new SyncEngine(List.of(syncers), runs, executor, retry, recording, Clock.systemUTC());
    }

    private static SourceSyncer syncer(String kind, Script script) {
        return new SourceSyncer() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public SyncCounts sync(Source source, SyncContext context) throws Exception {
                return script.run(context);
            }
        };
    }

    interface Script {
        SyncCounts run(SyncContext context) throws Exception;
    }

    @Test
    void warningsAreKeptWithTheRunAndOnlyThoseOfTheAttemptThatEnded() throws Exception {
        Source source = source("flaky", "w");
        AtomicInteger attempts = new AtomicInteger();
        SyncRun run = engine(syncer("flaky", c -> {
            c.warn("attempt " + attempts.incrementAndGet() + " skipped a broken file");
            if (attempts.get() == 1) {
                throw new ConnectException("connection refused");
            }
            return new SyncCounts(1, 0, 0);
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome());
        assertEquals(List.of("attempt 2 skipped a broken file"), run.warnings());
        assertEquals(run, runs.latest(source.id()).orElseThrow(), "stored with the run");
    }

    @Test
    void aSyncThatBroughtInOnlyItsLocalCopyIsStaleNotFailed() throws Exception {
        Source source = source("offline", "s");
        SyncRun run = engine(syncer("offline", c -> {
            c.markStale("The remote origin could not be reached");
            return new SyncCounts(2, 0, 0);
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(SyncOutcome.STALE, run.outcome());
        assertTrue(run.usable());
        assertEquals(new SyncCounts(2, 0, 0), run.counts());
        assertEquals(List.of("The remote origin could not be reached"), run.warnings());
        assertEquals(1, run.attempts(), "nothing to retry: the work was done");
        assertTrue(runs.latestSuccess(source.id()).isEmpty(), "the remote's data was not brought in");
    }

    @Test
    void aFloodOfWarningsIsCutWithACount() throws Exception {
        Source source = source("noisy", "n");
        SyncRun run = engine(syncer("noisy", c -> {
            for (int i = 0; i < 250; i++) {
                c.warn("broken file " + i);
            }
            return SyncCounts.NONE;
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(101, run.warnings().size());
        assertEquals("… and 150 more warnings (see the log file)", run.warnings().get(100));
    }

    @Test
    void recordsASuccessfulRunWithItsCounts() throws Exception {
        Source source = source("ok", "a");
        SyncRun run = engine(syncer("ok", c -> new SyncCounts(3, 2, 1))).start(source, SyncListener.NONE).result().get();

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome());
        assertEquals(new SyncCounts(3, 2, 1), run.counts());
        assertEquals(run, runs.latest(source.id()).orElseThrow());
        assertNull(run.error());
    }

    @Test
    void retriesTransientFailuresWithGrowingWaitsThenSucceeds() throws Exception {
        Source source = source("flaky", "a");
        AtomicInteger calls = new AtomicInteger();
        SyncRun run = engine(syncer("flaky", c -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectException("Connection refused");
            }
            return SyncCounts.NONE;
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome());
        assertEquals(3, run.attempts());
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), waits);
    }

    @Test
    void honoursRetryAfterFromTheRemote() throws Exception {
        Source source = source("limited", "a");
        AtomicInteger calls = new AtomicInteger();
        engine(syncer("limited", c -> {
            if (calls.incrementAndGet() == 1) {
                throw SyncFailure.retryAfter("429 Too Many Requests", 2_000);
            }
            return SyncCounts.NONE;
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(List.of(Duration.ofMillis(2_000)), waits);
    }

    @Test
    void givesUpAsUnreachableAfterTheLastAttempt() throws Exception {
        Source source = source("down", "a");
        SyncRun run = engine(syncer("down", c -> {
            throw new ConnectException("Connection refused");
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(SyncOutcome.UNREACHABLE, run.outcome());
        assertEquals(4, run.attempts());
        assertEquals("the connection was refused (nothing is listening at that address and port, or a firewall blocks it)",
                run.error(), "the sync log says it in words");
    }

    @Test
    void doesNotRetryPermanentFailures() throws Exception {
        Source source = source("bad", "a");
        AtomicInteger calls = new AtomicInteger();
        SyncRun run = engine(syncer("bad", c -> {
            calls.incrementAndGet();
            throw SyncFailure.permanent("401 Unauthorized: check the token", null);
        })).start(source, SyncListener.NONE).result().get();

        assertEquals(SyncOutcome.FAILED, run.outcome());
        assertEquals(1, calls.get());
        assertEquals("401 Unauthorized: check the token", run.error());
    }

    @Test
    void oneFailingSourceNeverStopsTheOthers() throws Exception {
        Source bad = source("bad", "bad");
        Source good = source("ok", "good");
        SyncEngine engine = engine(syncer("bad", c -> {
            throw new IllegalStateException("boom");
        }), syncer("ok", c -> new SyncCounts(1, 0, 0)));

        List<SyncJob> jobs = engine.startAll(List.of(bad, good), SyncListener.NONE);

        assertEquals(SyncOutcome.FAILED, jobs.get(0).result().get().outcome());
        assertEquals(SyncOutcome.SUCCEEDED, jobs.get(1).result().get().outcome());
    }

    @Test
    void cancelStopsASyncBetweenSteps() throws Exception {
        Source source = source("slow", "a");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        SyncEngine engine = engine(syncer("slow", c -> {
            started.countDown();
            cancelled.await(5, TimeUnit.SECONDS);
            c.checkCancelled();
            return SyncCounts.NONE;
        }));
        SyncJob job = engine.start(source, SyncListener.NONE);
        started.await(5, TimeUnit.SECONDS);
        job.cancel();
        cancelled.countDown();

        assertEquals(SyncOutcome.CANCELLED, job.result().get().outcome());
        assertTrue(engine.running().isEmpty());
    }

    @Test
    void asksForTheRunningJobInsteadOfStartingASecond() throws Exception {
        Source source = source("slow", "a");
        CountDownLatch release = new CountDownLatch(1);
        SyncEngine engine = engine(syncer("slow", c -> {
            release.await(5, TimeUnit.SECONDS);
            return SyncCounts.NONE;
        }));
        SyncJob first = engine.start(source, SyncListener.NONE);
        SyncJob second = engine.start(source, SyncListener.NONE);
        release.countDown();

        assertSame(first, second);
        first.result().get();
    }

    @Test
    void reportsProgressToTheListenerAndTheJob() throws Exception {
        Source source = source("ok", "a");
        List<String> heard = new ArrayList<>();
        SyncJob job = engine(syncer("ok", c -> {
            c.progress(0.5, "half way");
            return SyncCounts.NONE;
        })).start(source, new SyncListener() {
            @Override
            public void progress(Source s, double fraction, String message) {
                heard.add(fraction + " " + message);
            }
        });
        job.result().get();

        assertEquals(List.of("0.5 half way"), heard);
        assertEquals("half way", job.message());
    }

    @Test
    void runsLeftRunningByAStoppedBraidAreMarkedInterrupted() {
        Source source = source("ok", "a");
        runs.begin(source.id(), java.time.Instant.now());

        assertEquals(1, runs.markInterrupted(java.time.Instant.now()));
        assertEquals(SyncOutcome.INTERRUPTED, runs.latest(source.id()).orElseThrow().outcome());
    }

    @Test
    void anUnknownKindFailsClearly() throws Exception {
        Source source = source("mystery", "a");
        SyncRun run = engine().start(source, SyncListener.NONE).result().get();
        assertEquals(SyncOutcome.FAILED, run.outcome());
        assertTrue(run.error().contains("mystery"));
    }
}
