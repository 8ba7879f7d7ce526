package dev.braid.shell;

import dev.braid.sync.PlainErrors;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncEngine;
import dev.braid.sync.SyncJob;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.sync.SyncRunStore;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Sync state for the toolbar, the status bar and the Sources page: each source's health (its last
 * outcome, last success and last problem), whether anything is syncing now (with progress). One
 * unreachable source is that source's state, never the whole window's. The list is updated in
 * place, so a row someone selected stays selected while syncs come and go.
 */
public final class SyncStatusViewModel {
    private final SourceStore sources;
    private final SyncRunStore runs;
    private final SyncEngine engine;
    private final TaskRunner runner;
    private final ObservableList<SourceStatus> statuses = FXCollections.observableArrayList();
    private final ObservableList<SourceStatus> readOnlyStatuses = FXCollections.unmodifiableObservableList(statuses);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper finishedRuns = new ReadOnlyIntegerWrapper(this, "finishedRuns");
    private final ReadOnlyIntegerWrapper sourcesChanged = new ReadOnlyIntegerWrapper(this, "sourcesChanged");
    private final SyncListener listener = new SyncListener() {
        @Override
        public void started(Source source) {
            runner.onUiThread(() -> markRunning());
        }

        @Override
        public void progress(Source source, double fraction, String text) {
            runner.onUiThread(() -> {
                progress.set(fraction);
                message.set(source.name() + ": " + text);
            });
        }

        @Override
        public void finished(Source source, SyncRun run) {
            runner.onUiThread(() -> {
                message.set(source.name() + ": " + describe(run));
                finishedRuns.set(finishedRuns.get() + 1);
                refresh();
            });
        }
    };

    public SyncStatusViewModel(SourceStore sources, SyncRunStore runs, SyncEngine engine, TaskRunner runner) {
        this.sources = sources;
        this.runs = runs;
        this.engine = engine;
        this.runner = runner;
    }

    public ObservableList<SourceStatus> statuses() {
        return readOnlyStatuses;
    }

    /** False until the sources were read once: until then "no sources" would not be true yet. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty syncingProperty() {
        return syncing.getReadOnlyProperty();
    }

    /** Progress of the sync reported last: 0..1, or negative when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Counts finished syncs; screens showing cached data reload when it changes. */
    public ReadOnlyIntegerProperty finishedRunsProperty() {
        return finishedRuns.getReadOnlyProperty();
    }

    /** Counts sources added, renamed, removed or edited from the window; screens listing sources reload. */
    public ReadOnlyIntegerProperty sourcesChangedProperty() {
        return sourcesChanged.getReadOnlyProperty();
    }

    /** Says that a source was added, renamed, removed or changed: every screen reads its sources again. */
    public void sourcesChanged() {
        sourcesChanged.set(sourcesChanged.get() + 1);
        refresh();
    }

    /** Reads every source's state from the cache again. */
    public void refresh() {
        runner.run(this::readStatuses, this::show,
                failure -> message.set("Could not read the sources: " + PlainErrors.describe(failure)));
    }

    /** Syncs every source that is not paused, now. */
    public void syncNow() {
        runner.run(() -> engine.startAll(sources.list(), listener), jobs -> markRunning(),
                failure -> message.set("Could not start the sync: " + PlainErrors.describe(failure)));
    }

    /** Syncs one source, for example one just added or one chosen on the Sources page (even when paused). */
    public SyncJob sync(Source source) {
        SyncJob job = engine.start(source, listener);
        markRunning();
        return job;
    }

    public void cancel() {
        engine.running().forEach(SyncJob::cancel);
        message.set("Cancelling…");
    }

    /** Cancels the sync of one source, if it is syncing. */
    public void cancel(Source source) {
        engine.running(source.id()).ifPresent(SyncJob::cancel);
    }

    private List<SourceStatus> readStatuses() {
        List<SourceStatus> out = new ArrayList<>();
        for (Source source : sources.list()) {
            var latest = runs.latest(source.id());
            var success = runs.latestSuccess(source.id());
            out.add(new SourceStatus(source, latest.map(SyncRun::outcome).orElse(null),
                    success.map(SyncRun::endedAt).orElse(null), latest.map(SyncRun::error).orElse(null),
                    latest.map(run -> run.endedAt() != null ? run.endedAt() : run.startedAt()).orElse(null), false));
        }
        return out;
    }

    /** Replaces changed rows one by one and adds or drops the others, so unchanged rows (and selections) stay. */
    private void show(List<SourceStatus> fresh) {
        Set<Long> running = runningIds();
        List<SourceStatus> wanted = fresh.stream().map(s -> s.withRunning(running.contains(s.sourceId()))).toList();
        Map<Long, SourceStatus> byId = wanted.stream().collect(Collectors.toMap(SourceStatus::sourceId, Function.identity()));
        statuses.removeIf(s -> !byId.containsKey(s.sourceId()));
        for (int i = 0; i < wanted.size(); i++) {
            SourceStatus next = wanted.get(i);
            if (i < statuses.size() && statuses.get(i).sourceId() == next.sourceId()) {
                if (!Objects.equals(statuses.get(i), next)) {
                    statuses.set(i, next);
                }
            } else {
                int at = indexOf(next.sourceId());
                if (at >= 0) {
                    statuses.remove(at);
                }
                statuses.add(Math.min(i, statuses.size()), next);
            }
        }
        loaded.set(true);
        markRunning();
    }

    private int indexOf(long id) {
        for (int i = 0; i < statuses.size(); i++) {
            if (statuses.get(i).sourceId() == id) {
                return i;
            }
        }
        return -1;
    }

    private Set<Long> runningIds() {
        return engine.running().stream().map(job -> job.source().id()).collect(Collectors.toSet());
    }

    private void markRunning() {
        Set<Long> running = runningIds();
        for (int i = 0; i < statuses.size(); i++) {
            SourceStatus status = statuses.get(i);
            boolean now = running.contains(status.sourceId());
            if (status.running() != now) {
                statuses.set(i, status.withRunning(now));
            }
        }
        syncing.set(!running.isEmpty());
        if (running.isEmpty()) {
            progress.set(0);
        }
    }

    private static String describe(SyncRun run) {
        String outcome = switch (run.outcome()) {
            case SUCCEEDED -> "up to date";
            case UNREACHABLE -> "unreachable";
            case STALE -> "unreachable, local copy indexed";
            case FAILED -> "sync failed";
            case CANCELLED -> "sync cancelled";
            case INTERRUPTED -> "sync interrupted";
            case RUNNING -> "syncing";
        };
        return outcome + (run.error() == null || run.outcome() == dev.braid.sync.SyncOutcome.CANCELLED ? "" : " (" + run.error() + ")");
    }
}
