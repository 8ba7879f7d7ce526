package dev.braid.experiments;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Syncs an MLflow tracking server or local store (see {@link RunSources}). MLflow has no
 * "changed since" query, so an incremental sync
 * asks for runs started since the last watermark (minus an overlap for clock skew and slow
 * writers), runs still RUNNING, and runs that ended since the watermark; runs cached as running
 * are re-read. A full reconciliation (every {@code reconcile_every_ms}, default daily, or when
 * asked for) reads every run, which removes deleted runs and picks up edited tags and late
 * metrics. Everything is fetched first (the runs into a temporary file, {@link RunSpool}, so a
 * first sync of many runs does not hold them all in memory) and written in one transaction with
 * the new cursor, so a failed or cancelled sync leaves the cache as it was. Metric histories are fetched afterwards
 * only for starred experiments ({@link HistoryPrefetch}), and a failure there does not fail the sync.
 * The registry and MLflow 3 logged models are read whole on every sync (see {@link LoggedModelStore}).
 * Local stores are cheap to read whole, so every sync of one is a full reconciliation.
 */
public final class MlflowSyncer implements SourceSyncer {
    public static final long DEFAULT_RECONCILE_MS = 24L * 60 * 60 * 1000;
    public static final long DEFAULT_OVERLAP_MS = 10L * 60 * 1000;
    static final String RECONCILE_EVERY = "reconcile_every_ms";
    static final String OVERLAP = "overlap_ms";
    private final Database db;
    private final SourceStore sources;
    private final MlflowConnector connector;
    private final Clock clock;
    private final ExperimentStore store = new ExperimentStore();
    private final RegistryStore registry = new RegistryStore();
    private final LoggedModelStore loggedModels = new LoggedModelStore();
    private final RunEditService edits;
    private final HistoryPrefetch prefetch;

    public MlflowSyncer(Database db, SourceStore sources, MlflowConnector connector, Clock clock) {
        this(db, sources, connector, clock, new RunEditService(db, sources, connector, clock));
    }

    /** @param edits sends pending edits before each sync and keeps them over what the sync reads (ADR 0007) */
    public MlflowSyncer(Database db, SourceStore sources, MlflowConnector connector, Clock clock, RunEditService edits) {
        this.edits = edits;
        this.db = db;
        this.sources = sources;
        this.connector = connector;
        this.clock = clock;
        this.prefetch = new HistoryPrefetch(db, clock);
    }

    @Override
    public String kind() {
        return ExperimentService.KIND;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws SyncFailure {
        try {
            return syncOrFail(source, context);
        } catch (MlflowException e) {
            if (e.retryAfterMillis() >= 0) {
                throw SyncFailure.retryAfter(e.getMessage(), e.retryAfterMillis());
            }
            throw e.isTransient() ? SyncFailure.transientFailure(e.getMessage(), e) : SyncFailure.permanent(e.getMessage(), e);
        }
    }

    private SyncCounts syncOrFail(Source source, SyncContext context) throws MlflowException {
        RunSource client = RunSources.open(connector, source, context::isCancelled);
        try (RunSpool runs = RunSpool.create()) {
            return syncInto(runs, client, source, context);
        } catch (UncheckedIOException e) {
            // The temporary file of fetched runs failed (a full disk, say); the cache is untouched.
            throw MlflowException.transientFailure(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The sync itself, the runs it reads kept in {@code runs} until its one write transaction. */
    private SyncCounts syncInto(RunSpool runs, RunSource client, Source source, SyncContext context) throws MlflowException {
        edits.sendPending(source);
        SyncCursor cursor = db.read(c -> SyncCursor.parse(sources.cursor(c, source.id())));
        long started = clock.millis();
        boolean full = client.readsWholeCheaply() || cursor.watermark() == null
                || started - cursor.lastFull() >= setting(source, RECONCILE_EVERY, DEFAULT_RECONCILE_MS);
        context.progress(-1, "listing experiments");
        List<Experiment> experiments = client.experiments(source.id());
        List<String> ids = experiments.stream().map(Experiment::experimentId).toList();
        context.checkCancelled();
        Set<String> gone = new HashSet<>();
        if (full) {
            context.progress(-1, "reading every run (full reconciliation)");
            client.searchRuns(ids, null, runs::add);
        } else {
            long since = cursor.watermark() - setting(source, OVERLAP, DEFAULT_OVERLAP_MS);
            context.progress(-1, "reading new and changed runs");
            client.searchRuns(ids, "attributes.start_time >= " + since, runs::add);
            client.searchRuns(ids, "attributes.status = 'RUNNING'", runs::add);
            client.searchRuns(ids, "attributes.end_time >= " + since, runs::add);
            for (String runId : db.read(c -> store.runningRunIds(c, source.id()))) {
                if (!runs.contains(runId)) {
                    context.checkCancelled();
                    RemoteRun run = client.run(runId);
                    if ("active".equals(run.lifecycleStage())) {
                        runs.add(run);
                    } else {
                        gone.add(runId);
                    }
                }
            }
        }
        context.checkCancelled();
        context.progress(-1, "reading the model registry");
        List<RegisteredModel> models = client.registeredModels(source.id());
        context.checkCancelled();
        context.progress(-1, "reading logged models");
        List<LoggedModel> logged = client.loggedModels(source.id(), ids);
        context.checkCancelled();
        context.progress(-1, "saving " + runs.size() + " runs");
        SyncCursor next = new SyncCursor(started, full ? started : cursor.lastFull());
        SyncCounts counts = db.write(c -> {
            for (Experiment e : experiments) {
                store.upsertExperiment(c, e);
            }
            long removed = 0;
            if (full) {
                removed += store.removeExperimentsExcept(c, source.id(), new HashSet<>(ids));
                removed += store.removeRunsExcept(c, source.id(), runs.runIds());
            } else if (!gone.isEmpty()) {
                removed += store.removeRuns(c, source.id(), gone);
            }
            // Runs the cache already holds as fetched are neither written nor counted (ADR 5).
            Map<String, CachedRunReader.Cached> cached = CachedRunReader.read(c, source.id(), runs.runIds());
            long[] addedChanged = new long[2];
            try (StatementCache statements = new StatementCache(c)) {
                runs.forEach(run -> {
                    CachedRunReader.Cached before = cached.get(run.runId());
                    if (before == null) {
                        store.upsertRun(statements, source.id(), run, started, null);
                        addedChanged[0]++;
                    } else if (!CachedRunReader.same(before.run(), run)) {
                        store.upsertRun(statements, source.id(), run, started, before.runPk());
                        addedChanged[1]++;
                    }
                });
            }
            long added = addedChanged[0];
            long changed = addedChanged[1];
            registry.replace(c, source.id(), models);
            loggedModels.replace(c, source.id(), logged);
            edits.reapplyPending(c, source.id());
            sources.saveCursor(c, source.id(), next.toJson());
            return new SyncCounts(added, changed, removed);
        });
        prefetch.prefetch(source, client, context, (int) setting(source, HistoryPrefetch.LIMIT, HistoryPrefetch.DEFAULT_LIMIT));
        return counts;
    }

    private static long setting(Source source, String key, long fallback) {
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
