package dev.braid.experiments;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Edits written back to MLflow, offline first (ADR 0007). Each edit lands in the cache at once,
 * together with an outbox entry (the value Braid had read and the new one) and an audit line, in
 * one transaction. {@link #sendPending(long)} sends the outbox in order: it first reads the
 * server's current value, and when that is no longer the value Braid had read the edit is a
 * conflict and is not sent. Unreachable servers (and HTTP 5xx, 429) leave entries pending for
 * the next round; refusals (other HTTP 4xx) fail them. Until an entry is settled, syncs re-apply
 * it over what they read from the server.
 */
public final class RunEditService {
    /** The tag in which MLflow keeps a run's note (Markdown). */
    public static final String NOTE_TAG = "mlflow.note.content";
    private final Database db;
    private final SourceStore sources;
    private final MlflowConnector connector;
    private final Clock clock;
    private final OutboxStore outbox = new OutboxStore();
    private final AuditStore audit;
    private final RunEditCache cache = new RunEditCache();
    private final RunEditSender sender = new RunEditSender();
    /** One sender at a time per process, so an entry is never sent twice concurrently. */
    private final Object sending = new Object();

    public RunEditService(Database db, SourceStore sources, MlflowConnector connector, Clock clock) {
        this(db, sources, connector, clock, null);
    }

    /** @param actor who makes the edits, written into the audit log (null when unknown) */
    public RunEditService(Database db, SourceStore sources, MlflowConnector connector, Clock clock, String actor) {
        this.db = db;
        this.sources = sources;
        this.connector = connector;
        this.clock = clock;
        this.audit = new AuditStore(actor);
    }

    /** Sets a tag of a cached run. */
    public OutboxEntry setTag(long sourceId, String runId, String key, String value) throws ExperimentException {
        requireText(key, "a tag key");
        Objects.requireNonNull(value, "value");
        return record(sourceId, RunEditAction.SET_TAG, Owner.run(runId), "run " + runId + " tag " + key,
                payload("run_id", runId, "key", key, "value", value), value);
    }

    /** Deletes a tag of a cached run. */
    public OutboxEntry deleteTag(long sourceId, String runId, String key) throws ExperimentException {
        requireText(key, "a tag key");
        return record(sourceId, RunEditAction.DELETE_TAG, Owner.run(runId), "run " + runId + " tag " + key,
                payload("run_id", runId, "key", key), null);
    }

    /** Replaces a cached run's note (the {@value #NOTE_TAG} tag MLflow's UI shows as the description). */
    public OutboxEntry editNote(long sourceId, String runId, String text) throws ExperimentException {
        return setTag(sourceId, runId, NOTE_TAG, text);
    }

    /** Renames a cached run (its name and, as MLflow does, its {@code mlflow.runName} tag). */
    public OutboxEntry renameRun(long sourceId, String runId, String name) throws ExperimentException {
        requireText(name, "a run name");
        return record(sourceId, RunEditAction.RENAME_RUN, Owner.run(runId), "run " + runId + " name",
                payload("run_id", runId, "run_name", name), name);
    }

    /** Points an alias of a cached registered model at one of its cached versions. */
    public OutboxEntry setAlias(long sourceId, String model, String alias, String version) throws ExperimentException {
        requireText(alias, "an alias");
        requireText(version, "a version");
        return record(sourceId, RunEditAction.SET_ALIAS, new Owner(null, model, version),
                "model " + model + " alias " + alias, payload("name", model, "alias", alias, "version", version), version);
    }

    /** Removes an alias of a cached registered model. */
    public OutboxEntry removeAlias(long sourceId, String model, String alias) throws ExperimentException {
        requireText(alias, "an alias");
        return record(sourceId, RunEditAction.DELETE_ALIAS, new Owner(null, model, null), "model " + model + " alias " + alias,
                payload("name", model, "alias", alias), null);
    }

    /**
     * Sends the source's pending edits, oldest first, and settles each as SENT, CONFLICT or
     * FAILED. Stops at the first transient failure (the server is down or busy): that entry and
     * the ones after it stay pending, in order, for the next round.
     */
    public RunEditReport sendPending(long sourceId) throws ExperimentException {
        Source source = sources.find(sourceId).orElseThrow(() -> new ExperimentException("no source with id " + sourceId));
        return sendPending(source);
    }

    RunEditReport sendPending(Source source) {
        synchronized (sending) {
            List<OutboxEntry> pending = db.read(c -> outbox.inState(c, OutboxState.PENDING, source.id()));
            if (pending.isEmpty()) {
                return RunEditReport.NOTHING;
            }
            if (!overRest(source)) {
                return new RunEditReport(0, 0, 0, pending.size(), "edits are sent to tracking servers only");
            }
            MlflowRestClient client;
            try {
                client = connector.client(source);
            } catch (MlflowException e) {
                return new RunEditReport(0, 0, 0, pending.size(), e.getMessage());
            }
            int[] counts = new int[OutboxState.values().length];
            for (int i = 0; i < pending.size(); i++) {
                OutboxEntry entry = pending.get(i);
                try {
                    counts[deliver(client, entry).ordinal()]++;
                } catch (MlflowException e) {
                    if (e.isTransient()) {
                        db.write(c -> {
                            outbox.attemptFailed(c, entry.id(), e.getMessage());
                            return null;
                        });
                        return report(counts, pending.size() - i, e.getMessage());
                    }
                    settle(entry, OutboxState.FAILED, e.getMessage());
                    counts[OutboxState.FAILED.ordinal()]++;
                }
            }
            return report(counts, 0, null);
        }
    }

    /** One entry by id. */
    public Optional<OutboxEntry> entry(long id) {
        return db.read(c -> outbox.find(c, id));
    }

    /** Edits waiting to be sent, of one source or of all when {@code sourceId} is null, oldest first. */
    public List<OutboxEntry> pending(Long sourceId) {
        return db.read(c -> outbox.inState(c, OutboxState.PENDING, sourceId));
    }

    /** Edits that were not sent because the server's value had changed, oldest first. */
    public List<OutboxEntry> conflicts(Long sourceId) {
        return db.read(c -> outbox.inState(c, OutboxState.CONFLICT, sourceId));
    }

    /** Edits the server refused, oldest first. */
    public List<OutboxEntry> failures(Long sourceId) {
        return db.read(c -> outbox.inState(c, OutboxState.FAILED, sourceId));
    }

    /** The newest {@code limit} lines of the audit log, newest first. */
    public List<AuditEntry> auditLog(int limit) {
        return db.read(c -> audit.newest(c, limit));
    }

    /** The source of the cached run with this MLflow id; fails when none or several sources hold it. */
    public long sourceOfRun(String runId) throws ExperimentException {
        List<Long> found = db.read(c -> cache.sourcesOfRun(c, runId));
        if (found.isEmpty()) {
            throw new ExperimentException("no cached run " + runId + " (sync its MLflow source first)");
        }
        if (found.size() > 1) {
            throw new ExperimentException("the run " + runId + " is cached from " + found.size() + " sources; name one");
        }
        return found.get(0);
    }

    /** Re-applies the source's pending edits over what a sync just wrote, inside its transaction. */
    void reapplyPending(Connection c, long sourceId) throws SQLException {
        for (OutboxEntry entry : outbox.inState(c, OutboxState.PENDING, sourceId)) {
            cache.write(c, sourceId, entry.action().slot(), entry.payload(), entry.newValue());
        }
    }

    private OutboxState deliver(MlflowRestClient client, OutboxEntry entry) throws MlflowException {
        String remote = sender.remoteValue(client, entry);
        if (Objects.equals(remote, entry.newValue())) {
            // Someone made the same change: nothing to overwrite, nothing to send.
            settle(entry, OutboxState.SENT, "the server already had this value");
            return OutboxState.SENT;
        }
        if (!Objects.equals(remote, entry.oldValue())) {
            settle(entry, OutboxState.CONFLICT, "the server has " + quote(remote) + " but Braid had read "
                    + quote(entry.oldValue()), true, remote);
            return OutboxState.CONFLICT;
        }
        sender.send(client, entry);
        settle(entry, OutboxState.SENT, null);
        return OutboxState.SENT;
    }

    private void settle(OutboxEntry entry, OutboxState state, String detail) {
        settle(entry, state, detail, false, null);
    }

    /** Settles a pending entry and, when {@code restore}, puts {@code serverValue} back into the cache. */
    private void settle(OutboxEntry entry, OutboxState state, String detail, boolean restore, String serverValue) {
        long now = clock.millis();
        db.write(c -> {
            if (outbox.settle(c, entry.id(), state, detail)) {
                audit.outcome(c, entry, now, state, detail);
                if (restore) {
                    cache.write(c, entry.sourceId(), entry.action().slot(), entry.payload(), serverValue);
                }
            }
            return null;
        });
    }

    private OutboxEntry record(long sourceId, RunEditAction action, Owner owner, String target,
                               Map<String, String> payload, String newValue) throws ExperimentException {
        Source source = sources.find(sourceId).orElseThrow(() -> new ExperimentException("no source with id " + sourceId));
        if (!overRest(source)) {
            throw new ExperimentException("the source " + source.name() + " is a local MLflow store, which Braid only"
                    + " reads; edit runs of tracking servers (http:// or https://)");
        }
        long now = clock.millis();
        try {
            long id = db.write(c -> {
                requireCached(c, sourceId, owner);
                String old = cache.read(c, sourceId, action.slot(), payload);
                long entry = outbox.add(c, sourceId, action, target, payload, old, newValue, now);
                audit.append(c, sourceId, action, target, old, newValue, now, OutboxState.PENDING.name(),
                        "outbox #" + entry);
                cache.write(c, sourceId, action.slot(), payload, newValue);
                return entry;
            });
            return entry(id).orElseThrow();
        } catch (IllegalStateException e) {
            throw new ExperimentException(e.getMessage(), e);
        }
    }

    private void requireCached(Connection c, long sourceId, Owner owner) throws SQLException {
        if (owner.runId() != null && !cache.runCached(c, sourceId, owner.runId())) {
            throw new IllegalStateException("no cached run " + owner.runId() + " in this source");
        }
        if (owner.model() != null && !cache.modelCached(c, sourceId, owner.model())) {
            throw new IllegalStateException("no cached registered model " + owner.model() + " in this source");
        }
        if (owner.version() != null && !cache.versionCached(c, sourceId, owner.model(), owner.version())) {
            throw new IllegalStateException("the model " + owner.model() + " has no cached version " + owner.version());
        }
    }

    /** What an edit belongs to, which must be cached: a run, or a model (and one of its versions). */
    private record Owner(String runId, String model, String version) {
        static Owner run(String runId) {
            return new Owner(runId, null, null);
        }
    }

    private static boolean overRest(Source source) {
        String uri = source.config(MlflowConnector.URI_KEY);
        String lower = uri == null ? "" : uri.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static RunEditReport report(int[] counts, int stillPending, String reason) {
        return new RunEditReport(counts[OutboxState.SENT.ordinal()], counts[OutboxState.CONFLICT.ordinal()],
                counts[OutboxState.FAILED.ordinal()], stillPending, reason);
    }

    private static Map<String, String> payload(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }

    private static void requireText(String text, String what) throws ExperimentException {
        if (text == null || text.isBlank()) {
            throw new ExperimentException("give " + what);
        }
    }
}
