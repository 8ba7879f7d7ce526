package dev.braid.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Runs syncs on a bounded background executor, several sources at once, one run per source at a
 * time. Each run is recorded in {@code sync_runs}; transient failures are retried with backoff;
 * one failing source never stops the others.
 */
public final class SyncEngine {
    private static final Logger LOG = Logger.getLogger(SyncEngine.class.getName());
    private final Map<String, SourceSyncer> syncers;
    private final SyncRunStore runs;
    private final Executor executor;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Map<Long, SyncJob> running = new ConcurrentHashMap<>();
    private final UnaryOperator<String> masker;

    public SyncEngine(Collection<SourceSyncer> syncers, SyncRunStore runs, Executor executor, RetryPolicy retry,
                      Sleeper sleeper, Clock clock) {
        this(syncers, runs, executor, retry, sleeper, clock, UnaryOperator.identity());
    }

    /** With {@code masker} applied to every error a sync reports ({@link Secrets#mask}). */
    public SyncEngine(Collection<SourceSyncer> syncers, SyncRunStore runs, Executor executor, RetryPolicy retry,
                      Sleeper sleeper, Clock clock, UnaryOperator<String> masker) {
        this.masker = masker;
        this.syncers = syncers.stream().collect(Collectors.toUnmodifiableMap(SourceSyncer::kind, Function.identity()));
        this.runs = runs;
        this.executor = executor;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Starts syncing {@code source}, or returns the sync of it already under way. */
    public SyncJob start(Source source, SyncListener listener) {
        SyncJob fresh = new SyncJob(source);
        SyncJob existing = running.putIfAbsent(source.id(), fresh);
        if (existing != null) {
            return existing;
        }
        try {
            executor.execute(() -> run(fresh, listener));
        } catch (RuntimeException rejected) {
            running.remove(source.id(), fresh);
            throw rejected;
        }
        return fresh;
    }

    /**
     * "Sync everything": starts every source of {@code sources} that is not paused (the window's
     * Sync now, the periodic sync, {@code braid sync} without names). {@link #start} syncs a
     * paused source when it is asked for by name.
     */
    public List<SyncJob> startAll(Collection<Source> sources, SyncListener listener) {
        List<SyncJob> jobs = new ArrayList<>();
        for (Source source : sources) {
            if (!source.paused()) {
                jobs.add(start(source, listener));
            }
        }
        return jobs;
    }

    /** The sync of {@code sourceId} under way now, if any. */
    public java.util.Optional<SyncJob> running(long sourceId) {
        return java.util.Optional.ofNullable(running.get(sourceId));
    }

    /** The syncs under way now. */
    public List<SyncJob> running() {
        return List.copyOf(running.values());
    }

    public boolean supports(String kind) {
        return syncers.containsKey(kind);
    }

    private void run(SyncJob job, SyncListener listener) {
        Source source = job.source();
        Instant started = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long runId;
        try {
            runId = runs.begin(source.id(), started);
        } catch (RuntimeException e) {
            // The cache cannot record the run (a full disk, a read-only file): the sync cannot
            // write either, so it ends here, and whoever waits for it hears why.
            LOG.log(Level.WARNING, "could not record the start of a sync of " + source.name(), e);
            SyncRun run = new SyncRun(-1, source.id(), source.name(), started, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    SyncOutcome.FAILED, SyncCounts.NONE, 0, masker.apply(FailureClassifier.describe(e)));
            running.remove(source.id(), job);
            job.complete(run);
            listener.finished(source, run);
            return;
        }
        listener.started(source);
        SyncOutcome outcome;
        SyncCounts counts = SyncCounts.NONE;
        String error = null;
        int attempt = 0;
        // Each attempt starts with no warnings: a retry that gets further reports only what it met.
        Attempt current = new Attempt(job, listener);
        try {
            SourceSyncer syncer = syncers.get(source.kind());
            if (syncer == null) {
                throw SyncFailure.permanent("no syncer for sources of kind '" + source.kind() + "'", null);
            }
            while (true) {
                attempt++;
                current = new Attempt(job, listener);
                try {
                    counts = syncer.sync(source, current);
                    outcome = current.stale ? SyncOutcome.STALE : SyncOutcome.SUCCEEDED;
                    break;
                } catch (CancellationException e) {
                    throw e;
                } catch (Exception e) {
                    SyncFailure failure = FailureClassifier.classify(e);
                    if (!failure.isTransient() || attempt >= retry.maxAttempts() || job.isCancelled()) {
                        throw failure;
                    }
                    var delay = retry.delayAfter(attempt, failure);
                    LOG.log(Level.INFO, "sync of {0} failed (attempt {1}), retrying in {2} ms: {3}",
                            new Object[] {source.name(), attempt, delay.toMillis(), failure.getMessage()});
                    current.progress(-1, "retrying in " + Math.max(1, delay.toSeconds()) + " s: " + masker.apply(failure.getMessage()));
                    sleeper.sleep(delay, job::isCancelled);
                    current.checkCancelled();
                }
            }
        } catch (CancellationException e) {
            outcome = SyncOutcome.CANCELLED;
            error = "cancelled by the user";
        } catch (SyncFailure failure) {
            outcome = failure.isTransient() ? SyncOutcome.UNREACHABLE : SyncOutcome.FAILED;
            error = failure.getMessage();
            LOG.log(Level.WARNING, "sync of " + source.name() + " failed: " + error, failure.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = SyncOutcome.CANCELLED;
            error = "interrupted";
        } catch (OutOfMemoryError e) {
            // Nothing after this can be trusted (the HTTP client may have lost its threads): let the
            // error end this thread, where the process's handler stops the process.
            throw e;
        } catch (RuntimeException | Error e) {
            outcome = SyncOutcome.FAILED;
            error = FailureClassifier.describe(e);
            LOG.log(Level.SEVERE, "sync of " + source.name() + " crashed", e);
        }
        Instant ended = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        error = masker.apply(error);
        SyncRun run = new SyncRun(runId, source.id(), source.name(), started, ended, outcome, counts, Math.max(attempt, 1),
                error, current.warnings().stream().map(masker).toList());
        try {
            runs.finish(runId, ended, outcome, counts, run.attempts(), error, run.warnings());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record the end of a sync run", e);
        } finally {
            running.remove(source.id(), job);
            job.complete(run);
            listener.finished(source, run);
        }
    }

    /** The context of one attempt: progress goes to the job and the listener; warnings are kept for the run. */
    private static final class Attempt implements SyncContext {
        /** A source with thousands of broken files reports the first ones and how many more. */
        static final int MAX_WARNINGS = 100;
        private final SyncJob job;
        private final SyncListener listener;
        private final List<String> warnings = new ArrayList<>();
        private int dropped;
        private volatile boolean stale;

        Attempt(SyncJob job, SyncListener listener) {
            this.job = job;
            this.listener = listener;
        }

        @Override
        public void progress(double fraction, String message) {
            job.progress(fraction, message);
            listener.progress(job.source(), fraction, message);
        }

        @Override
        public boolean isCancelled() {
            return job.isCancelled();
        }

        @Override
        public synchronized void warn(String message) {
            LOG.log(Level.WARNING, "{0}: {1}", new Object[] {job.source().name(), message});
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(message);
            } else {
                dropped++;
            }
        }

        @Override
        public void markStale(String reason) {
            stale = true;
            warn(reason);
        }

        synchronized List<String> warnings() {
            if (dropped == 0) {
                return List.copyOf(warnings);
            }
            List<String> out = new ArrayList<>(warnings);
            out.add("… and " + dropped + " more warnings (see the log file)");
            return out;
        }
    }
}
