package dev.braid.shell.sources;

import dev.braid.shell.SourceStatus;
import dev.braid.shell.SyncStatusViewModel;
import dev.braid.sync.PlainErrors;
import dev.braid.sync.Source;
import dev.braid.sync.SourceManager;
import dev.braid.sync.SourceRemoval;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.sources.SourceForms;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * The Sources page: every source with its health, and what can be done to one: sync it now, pause
 * or resume it, edit its name and settings, remove it (after seeing what that takes away). Every
 * change goes through the {@link SourceManager} in the background and then tells the rest of the
 * window that the sources changed.
 */
public final class SourcesViewModel {
    private final SyncStatusViewModel sync;
    private final SourceManager manager;
    private final SourceForms forms;
    private final TaskRunner runner;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public SourcesViewModel(SyncStatusViewModel sync, SourceManager manager, SourceForms forms, TaskRunner runner) {
        this.sync = sync;
        this.manager = manager;
        this.forms = forms;
        this.runner = runner;
    }

    public ObservableList<SourceStatus> sources() {
        return sync.statuses();
    }

    /** False while the sources are read for the first time: the page shows that it is loading, not that there are none. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return sync.loadedProperty();
    }

    /** What the last action did, or why it could not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void syncNow(SourceStatus status) {
        sync.sync(status.source());
        message.set("Syncing " + status.name() + "…");
    }

    public void setPaused(SourceStatus status, boolean paused) {
        runner.run(() -> manager.setPaused(status.source(), paused), done -> {
            message.set(paused ? "Paused " + status.name() + ": Sync now and the periodic sync leave it out until it is resumed."
                    : "Resumed " + status.name() + ".");
            sync.sourcesChanged();
        }, this::failed);
    }

    /** What removing {@code status}'s source would take away, for the confirmation. */
    public void previewRemoval(SourceStatus status, Consumer<SourceRemoval> preview) {
        runner.run(() -> manager.preview(status.source()), preview, this::failed);
    }

    /** Removes the source and everything cached from it. */
    public void remove(SourceStatus status) {
        message.set("Removing " + status.name() + "…");
        runner.run(() -> manager.remove(status.source()), removed -> {
            message.set("Removed " + status.name() + " (" + removed.summary() + ")"
                    + (removed.fileProblems().isEmpty() ? "." : "; could not delete " + String.join(", ", removed.fileProblems())));
            sync.sourcesChanged();
        }, this::failed);
    }

    /** The Edit dialog's model for {@code status}'s source: its name, and its settings where its kind's form edits them. */
    public EditSourceViewModel edit(SourceStatus status) {
        Source source = status.source();
        return new EditSourceViewModel(source, forms.editorOf(source).orElse(null), manager, runner, edited -> {
            message.set("Saved " + edited.name() + ".");
            sync.sourcesChanged();
        });
    }

    private void failed(Throwable failure) {
        message.set("Could not do that: " + PlainErrors.describe(failure));
    }
}
