package dev.braid.shell;

import dev.braid.sync.SyncRun;
import dev.braid.sync.SyncRunStore;
import dev.braid.ui.TaskRunner;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The sync log: past sync runs of every source, newest first; reloads after each sync. */
public final class SyncLogViewModel {
    static final int LIMIT = 500;
    private final SyncRunStore runs;
    private final TaskRunner runner;
    private final ObservableList<SyncRun> items = FXCollections.observableArrayList();
    private final ObservableList<SyncRun> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final javafx.beans.property.ReadOnlyBooleanWrapper loaded = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "loaded");

    public SyncLogViewModel(SyncRunStore runs, SyncStatusViewModel sync, TaskRunner runner) {
        this.runs = runs;
        this.runner = runner;
        sync.finishedRunsProperty().addListener((obs, old, now) -> refresh());
    }

    public ObservableList<SyncRun> runs() {
        return readOnlyItems;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** False until the log was read once. */
    public javafx.beans.property.ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public void refresh() {
        runner.run(() -> runs.recent(LIMIT), found -> {
            dev.braid.ui.ListUpdates.update(items, found, SyncRun::id);
            loaded.set(true);
            status.set(found.isEmpty() ? "No syncs yet. Add a source, then press Sync now." : "");
        }, failure -> status.set("Could not read the sync log: " + dev.braid.sync.PlainErrors.describe(failure)));
    }
}
