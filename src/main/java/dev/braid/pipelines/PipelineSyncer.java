package dev.braid.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Syncs one pipeline source incrementally (docs/decisions/0012-pipeline-runs.md). The source lists
 * runs changed since the previous sync (every run on the first sync and at each full
 * reconciliation, by default daily); a listed run whose version the cache holds and which has
 * finished is not read again; the others are read with their jobs, a few at a time. Runs the cache
 * holds as unfinished that the listing did not name are read one by one. What was read is staged in
 * batches and published with the new cursor in one transaction, so a failed, cancelled or killed
 * sync leaves the cache as it was and the next one starts from the same cursor.
 */
public final class PipelineSyncer implements SourceSyncer {
    public static final long DEFAULT_RECONCILE_MS = 24L * 60 * 60 * 1000;
    public static final long DEFAULT_OVERLAP_MS = 10L * 60 * 1000;
    static final int STAGE_BATCH = 200;
    private final String kind;
    private final Database db;
    private final SourceStore sources;
    private final RunSources apis;
    private final Clock clock;
    private final PipelineStore store = new PipelineStore();
    private final ObjectMapper json = new ObjectMapper();

    public PipelineSyncer(String kind, Database db, SourceStore sources, RunSources apis, Clock clock) {
        this.kind = kind;
        this.db = db;
        this.sources = sources;
        this.apis = apis;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws SyncFailure {
        try {
            return syncOrFail(source, context);
        } catch (PipelineException e) {
            throw SyncFailure.from(e, e.getMessage());
        }
    }

    private SyncCounts syncOrFail(Source source, SyncContext context) throws PipelineException {
        if (PipelineService.isDemo(source)) {
            // The demo's history was written once; there is no server behind it.
            return SyncCounts.NONE;
        }
        RunSource api = apis.open(source, context::isCancelled, message -> context.progress(-1, message));
        ObjectNode cursor = readCursor(source);
        long started = clock.millis();
        long lastFull = cursor.path("last_full").asLong(0);
        boolean full = !cursor.hasNonNull("watermark")
                || started - lastFull >= setting(source, "reconcile_every_ms", DEFAULT_RECONCILE_MS);
        Long since = full ? null : cursor.get("watermark").asLong() - setting(source, "overlap_ms", DEFAULT_OVERLAP_MS);
        ObjectNode apiCursor = cursor.with("source");
        Map<String, PipelineStore.Cached> cached = db.write(c -> {
            store.clearStaged(c, source.id());
            return store.cached(c, source.id());
        });
        context.progress(-1, full ? "listing every run (full reconciliation)" : "listing new and changed runs");
        int parallel = (int) Math.max(1, Math.min(16, setting(source, "parallel", 4)));
        Batch batch = new Batch(source.id());
        Set<String> listed = new HashSet<>();
        Set<String> gone = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "braid-pipeline-fetch");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Exception> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(parallel * 4);
        AtomicLong fetched = new AtomicLong();
        try {
            try {
                api.list(new ListRequest(full, since, apiCursor), run -> {
                    throwIfFailed(failure, context);
                    if (!listed.add(run.runId)) {
                        return;
                    }
                    if (full) {
                        batch.seen(run.runId);
                    }
                    PipelineStore.Cached before = cached.get(run.runId);
                    // A listing that cannot tell the status (UNKNOWN) leaves it to the version.
                    boolean listedFinished = run.status.finished() || run.status == PipelineStatus.UNKNOWN;
                    if (before != null && before.finished() && listedFinished && run.version != null
                            && run.version.equals(before.version())) {
                        return;
                    }
                    acquire(inFlight, context);
                    pool.execute(() -> {
                        try {
                            if (failure.get() == null && !context.isCancelled()) {
                                batch.add(api.details(run));
                                long n = fetched.incrementAndGet();
                                if (n % 50 == 0) {
                                    context.progress(-1, "read " + n + " runs");
                                }
                            }
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            inFlight.release();
                        }
                    });
                });
            } catch (Abort abort) {
                // A fetch failed: reported below.
            }
            pool.shutdown();
            awaitQuietly(pool, context);
            throwIfFailedChecked(failure, context);
            for (Map.Entry<String, PipelineStore.Cached> entry : cached.entrySet()) {
                if (entry.getValue().finished() || listed.contains(entry.getKey())) {
                    continue;
                }
                context.checkCancelled();
                RunSource.Reread again = api.reread(entry.getKey(), entry.getValue().etag());
                if (again.run().isPresent()) {
                    batch.add(again.run().get());
                } else if (!again.unchanged()) {
                    gone.add(entry.getKey());
                }
                if (full && (again.unchanged() || again.run().isPresent())) {
                    batch.seen(entry.getKey());
                }
            }
            batch.flush();
        } finally {
            pool.shutdownNow();
        }
        context.checkCancelled();
        List<SourcePipeline> pipelines = api.pipelines();
        context.progress(-1, "saving runs");
        cursor.put("watermark", started);
        cursor.put("last_full", full ? started : lastFull);
        String next = cursor.toString();
        return db.write(c -> {
            SyncCounts counts = store.publish(c, source.id(), full, gone);
            if (pipelines != null) {
                new SourcePipelineStore().save(c, source.id(), pipelines);
            }
            sources.saveCursor(c, source.id(), next);
            return counts;
        });
    }

    /** Fetched runs and listed ids, written to the staging tables a batch at a time. */
    private final class Batch {
        private final long sourceId;
        private final List<RunData> runs = new ArrayList<>();
        private final List<String> seen = new ArrayList<>();

        Batch(long sourceId) {
            this.sourceId = sourceId;
        }

        synchronized void add(RunData run) {
            runs.add(run);
            if (runs.size() >= STAGE_BATCH) {
                flush();
            }
        }

        synchronized void seen(String runId) {
            seen.add(runId);
            if (seen.size() >= STAGE_BATCH * 10) {
                flush();
            }
        }

        synchronized void flush() {
            if (runs.isEmpty() && seen.isEmpty()) {
                return;
            }
            List<RunData> toWrite = List.copyOf(runs);
            List<String> ids = List.copyOf(seen);
            runs.clear();
            seen.clear();
            db.write(c -> {
                store.stage(c, sourceId, toWrite);
                store.markSeen(c, sourceId, ids);
                return null;
            });
        }
    }

    /** Thrown through a listing to stop it once a fetch has failed. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    private static void throwIfFailed(AtomicReference<Exception> failure, SyncContext context) {
        context.checkCancelled();
        if (failure.get() != null) {
            throw new Abort();
        }
    }

    private static void throwIfFailedChecked(AtomicReference<Exception> failure, SyncContext context)
            throws PipelineException {
        context.checkCancelled();
        Exception e = failure.get();
        if (e instanceof PipelineException p) {
            throw p;
        }
        if (e instanceof CancellationException cancelled) {
            throw cancelled;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e != null) {
            throw PipelineException.permanent(e.getMessage(), e);
        }
    }

    private static void acquire(Semaphore inFlight, SyncContext context) {
        try {
            while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                context.checkCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private static void awaitQuietly(ExecutorService pool, SyncContext context) {
        try {
            while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                if (context.isCancelled()) {
                    pool.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    private ObjectNode readCursor(Source source) throws PipelineException {
        String text = db.read(c -> sources.cursor(c, source.id()));
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            // An unreadable cursor only costs a full sync.
            return json.createObjectNode();
        }
    }

    static long setting(Source source, String key, long fallback) {
        String value = source.config(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
