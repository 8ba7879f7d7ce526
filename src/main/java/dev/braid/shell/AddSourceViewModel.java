package dev.braid.shell;

import dev.braid.repos.RepoException;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.ui.TaskRunner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Adds a git repository as a source, from a folder or a clone URL, then starts its first sync.
 * Cloning reports progress and can be cancelled. A failure leaves everything as it was and says
 * why in {@link #errorProperty()}.
 */
public final class AddSourceViewModel {
    private final RepositoryService repositories;
    private final SyncStatusViewModel sync;
    private final TaskRunner runner;
    private final StringProperty location = new SimpleStringProperty(this, "location", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private AtomicBoolean cancelled = new AtomicBoolean();

    public AddSourceViewModel(RepositoryService repositories, SyncStatusViewModel sync, TaskRunner runner) {
        this.repositories = repositories;
        this.sync = sync;
        this.runner = runner;
    }

    /** A folder path or a clone URL. */
    public StringProperty locationProperty() {
        return location;
    }

    /** An optional display name; blank means "derive it from the location". */
    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage.getReadOnlyProperty();
    }

    /** Clears the form for a new entry. */
    public void reset() {
        location.set("");
        name.set("");
        error.set("");
        progress.set(-1);
        progressMessage.set("");
    }

    /** Adds the source; {@code onAdded} hears about it once it is registered and its sync has started. */
    public void add(Consumer<Source> onAdded) {
        String where = location.get() == null ? "" : location.get().trim();
        String label = name.get() == null || name.get().isBlank() ? null : name.get().trim();
        if (where.isEmpty()) {
            error.set("Enter the folder of a git repository or a URL to clone.");
            return;
        }
        if (busy.get()) {
            return;
        }
        AtomicBoolean flag = new AtomicBoolean();
        cancelled = flag;
        error.set("");
        busy.set(true);
        progress.set(-1);
        progressMessage.set("Adding " + where + "…");
        SyncContext context = new SyncContext() {
            @Override
            public void progress(double fraction, String text) {
                runner.onUiThread(() -> {
                    progress.set(fraction);
                    progressMessage.set(text);
                });
            }

            @Override
            public boolean isCancelled() {
                return flag.get();
            }
        };
        runner.run(() -> repositories.add(where, label, context), source -> {
            busy.set(false);
            progressMessage.set("");
            sync.sync(source);
            onAdded.accept(source);
        }, failure -> {
            busy.set(false);
            progressMessage.set("");
            error.set(describe(failure));
        });
    }

    /** Stops a clone under way; nothing is added. */
    public void cancel() {
        cancelled.set(true);
        progressMessage.set("Cancelling…");
    }

    private static String describe(Throwable failure) {
        if (failure instanceof CancellationException) {
            return "Cancelled; nothing was added.";
        }
        if (failure instanceof RepoException) {
            return failure.getMessage();
        }
        return "Could not add the source: " + failure.getMessage();
    }
}
