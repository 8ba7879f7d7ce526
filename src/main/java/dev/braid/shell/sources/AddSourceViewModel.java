package dev.braid.shell.sources;

import dev.braid.shell.SyncStatusViewModel;
import dev.braid.sync.PlainErrors;
import dev.braid.sync.Source;
import dev.braid.sync.SourceManager;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceForms;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Add-source dialog: pick a kind of source (every registered {@link SourceForm}), fill in its
 * fields, add it, and wait for its first sync. A source whose first sync fails is never kept
 * silently: the dialog says why, in plain words, and offers to keep it (to sync later) or remove
 * it. Adding can be cancelled (a clone stops); a one-off import says what it imported.
 */
public final class AddSourceViewModel {
    /** Where the dialog is. */
    public enum Stage {
        /** Choosing a kind and filling in its fields (also after a refused attempt, with the error shown). */
        EDITING,
        /** Adding the source, then syncing it for the first time. */
        WORKING,
        /** The source was added but its first sync failed: keep it or remove it. */
        FIRST_SYNC_FAILED,
        /** A one-off import finished; its summary is shown. */
        IMPORTED,
        /** Done: the dialog closes. */
        FINISHED
    }

    private final SourceForms forms;
    private final SyncStatusViewModel sync;
    private final SourceManager manager;
    private final TaskRunner runner;
    private final ObjectProperty<SourceForm> selected = new SimpleObjectProperty<>(this, "selected");
    private final Map<String, Map<String, StringProperty>> values = new HashMap<>();
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage", Stage.EDITING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private final ReadOnlyObjectWrapper<Source> added = new ReadOnlyObjectWrapper<>(this, "added");
    private AtomicBoolean cancelled = new AtomicBoolean();
    private Consumer<Source> onAdded = source -> { };

    public AddSourceViewModel(SourceForms forms, SyncStatusViewModel sync, SourceManager manager, TaskRunner runner) {
        this.forms = forms;
        this.sync = sync;
        this.manager = manager;
        this.runner = runner;
        forms.forms().stream().findFirst().ifPresent(selected::set);
    }

    public SourceForms forms() {
        return forms;
    }

    /** The kind of source being added. */
    public ObjectProperty<SourceForm> selectedProperty() {
        return selected;
    }

    /** Chooses the kind with this id; unknown ids change nothing. */
    public void choose(String formId) {
        forms.form(formId).ifPresent(selected::set);
    }

    /** The text entered for field {@code key} of {@code form}; kept while the dialog is open, per kind. */
    public StringProperty value(SourceForm form, String key) {
        return values.computeIfAbsent(form.id(), id -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new SimpleStringProperty(this, k, ""));
    }

    /** The text entered for field {@code key} of the chosen kind. */
    public StringProperty value(String key) {
        return value(selected.get(), key);
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** Why the last attempt was refused, or why the first sync failed; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What a one-off import did. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
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

    /** The source added by the last attempt; null before. */
    public ReadOnlyObjectProperty<Source> addedProperty() {
        return added.getReadOnlyProperty();
    }

    /** Clears the form for a new entry and chooses the first kind of {@code group}, or keeps the kind when null. */
    public void reset(String group) {
        values.clear();
        error.set("");
        result.set("");
        progress.set(-1);
        progressMessage.set("");
        added.set(null);
        stage.set(Stage.EDITING);
        if (group != null) {
            forms.forms(group).stream().findFirst().ifPresent(selected::set);
        }
    }

    /**
     * Adds a source of the chosen kind from the entered values, then syncs it once. {@code done}
     * hears about the source once its first sync succeeded, or once the person chose to keep it
     * after the first sync failed.
     */
    public void add(Consumer<Source> done) {
        SourceForm form = selected.get();
        if (form == null || busy.get()) {
            return;
        }
        Map<String, String> entered = new LinkedHashMap<>();
        for (SourceField field : form.fields()) {
            String text = value(form, field.key()).get();
            String value = text == null ? "" : text.strip();
            if (value.isEmpty() && field.required()) {
                error.set("Fill in “" + field.label() + "”.");
                return;
            }
            if (!value.isEmpty()) {
                entered.put(field.key(), value);
            }
        }
        this.onAdded = done;
        AtomicBoolean flag = new AtomicBoolean();
        cancelled = flag;
        error.set("");
        result.set("");
        busy.set(true);
        stage.set(Stage.WORKING);
        progress.set(-1);
        progressMessage.set("Adding " + form.title().toLowerCase(java.util.Locale.ROOT) + "…");
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
        runner.run(() -> form.add(Map.copyOf(entered), context), outcome -> {
            if (outcome.source() == null || !form.syncsAfterAdding()) {
                busy.set(false);
                progressMessage.set("");
                result.set(outcome.summary());
                stage.set(Stage.IMPORTED);
                sync.refresh();
                return;
            }
            firstSync(outcome.source());
        }, failure -> {
            busy.set(false);
            progressMessage.set("");
            stage.set(Stage.EDITING);
            error.set(describe(failure));
        });
    }

    private void firstSync(Source source) {
        added.set(source);
        progressMessage.set("Syncing " + source.name() + " for the first time…");
        sync.sync(source).result().thenAccept(run -> runner.onUiThread(() -> synced(source, run)));
    }

    private void synced(Source source, SyncRun run) {
        busy.set(false);
        progressMessage.set("");
        if (run.outcome() == SyncOutcome.SUCCEEDED) {
            stage.set(Stage.FINISHED);
            onAdded.accept(source);
            return;
        }
        error.set(source.name() + " was added, but its first sync " + (run.outcome() == SyncOutcome.CANCELLED
                ? "was cancelled." : "failed: " + (run.error() == null ? "no reason was given." : run.error())));
        stage.set(Stage.FIRST_SYNC_FAILED);
    }

    /** After a failed first sync: keep the source, to sync it later (the status bar shows it failed). */
    public void keep() {
        Source source = added.get();
        if (stage.get() == Stage.FIRST_SYNC_FAILED && source != null) {
            stage.set(Stage.FINISHED);
            onAdded.accept(source);
        }
    }

    /** After a failed first sync: remove the source and whatever it cached, and go back to the form. */
    public void removeAdded() {
        Source source = added.get();
        if (stage.get() != Stage.FIRST_SYNC_FAILED || source == null || busy.get()) {
            return;
        }
        busy.set(true);
        runner.run(() -> manager.remove(source), removed -> {
            busy.set(false);
            added.set(null);
            error.set(source.name() + " was removed; nothing of it is kept. Correct the settings and add it again.");
            stage.set(Stage.EDITING);
            sync.refresh();
        }, failure -> {
            busy.set(false);
            error.set("Could not remove " + source.name() + ": " + PlainErrors.describe(failure));
        });
    }

    /** Stops adding (a clone stops, nothing is added) or, during the first sync, cancels it. */
    public void cancel() {
        cancelled.set(true);
        progressMessage.set("Cancelling…");
        Source source = added.get();
        if (source != null) {
            sync.cancel(source);
        }
    }

    /** The dialog closes; an import's result or a refused attempt leaves nothing to do. */
    public void close() {
        if (stage.get() != Stage.WORKING) {
            stage.set(Stage.FINISHED);
        }
    }

    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                return "Cancelled; nothing was added.";
            }
        }
        String text = PlainErrors.describe(failure);
        return text.isEmpty() ? "Could not add the source." : Character.toUpperCase(text.charAt(0)) + text.substring(1)
                + (text.endsWith(".") ? "" : ".");
    }

    /** Every kind of source on offer, group by group. */
    public List<SourceForm> allForms() {
        return forms.forms();
    }
}
