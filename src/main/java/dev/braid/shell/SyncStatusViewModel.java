package dev.braid.shell;

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
import java.util.Set;
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
 * Sync state for the toolbar and status bar: each source's last outcome and last success, whether
 * anything is syncing now (with progress), and whether the last sync of a source found it offline.
 */
public final class SyncStatusViewModel {
    private final SourceStore sources;
    private final SyncRunStore runs;
    private final SyncEngine engine;
    private final TaskRunner runner;
    private final ObservableList<SourceStatus> statuses = FXCollections.observableArrayList();
    private final ObservableList<SourceStatus> readOnlyStatuses = FXCollections.unmodifiableObservableList(statuses);
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper(this, "offline");
    private final ReadOnlyIntegerWrapper finishedRuns = new ReadOnlyIntegerWrapper(this, "finishedRuns");
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
                message.set(source.name() + ": " + run.outcome().name().toLowerCase() + (run.error() == null ? "" : " (" + run.error() + ")"));
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

    /** True while the last sync of at least one source ended unreachable. */
    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /** Counts finished syncs; screens showing cached data reload when it changes. */
    public ReadOnlyIntegerProperty finishedRunsProperty() {
        return finishedRuns.getReadOnlyProperty();
    }

    /** Reads every source's state from the cache again. */
    public void refresh() {
        runner.run(this::readStatuses, this::show, failure -> message.set("Could not read sync state: " + failure.getMessage()));
    }

    /** Syncs every source now. */
    public void syncNow() {
        runner.run(() -> engine.startAll(sources.list(), listener), jobs -> markRunning(),
                failure -> message.set("Could not start the sync: " + failure.getMessage()));
    }

    /** Syncs one source, for example one just added. */
    public SyncJob sync(Source source) {
        SyncJob job = engine.start(source, listener);
        markRunning();
        return job;
    }

    public void cancel() {
        engine.running().forEach(SyncJob::cancel);
        message.set("Cancelling…");
    }

    private List<SourceStatus> readStatuses() {
        List<SourceStatus> out = new ArrayList<>();
        for (Source source : sources.list()) {
            var latest = runs.latest(source.id());
            var success = runs.latestSuccess(source.id());
            out.add(new SourceStatus(source.id(), source.name(), latest.map(SyncRun::outcome).orElse(null),
                    success.map(SyncRun::endedAt).orElse(null), latest.map(SyncRun::error).orElse(null), false));
        }
        return out;
    }

    private void show(List<SourceStatus> fresh) {
        statuses.setAll(fresh);
        markRunning();
    }

    private void markRunning() {
        Set<Long> running = engine.running().stream().map(job -> job.source().id()).collect(Collectors.toSet());
        statuses.replaceAll(status -> status.withRunning(running.contains(status.sourceId())));
        syncing.set(!running.isEmpty());
        if (running.isEmpty()) {
            progress.set(0);
        }
        offline.set(statuses.stream().anyMatch(SourceStatus::offline));
    }
}
