package dev.braid.shell;

import dev.braid.sync.PlainErrors;
import dev.braid.sync.SyncContext;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.sources.SourceForms;
import dev.braid.ui.sources.SourceGroup;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The first-start page: one card per family of sources (git repositories, MLflow experiments,
 * OpenLineage events, and whatever kinds are registered later), each opening the Add-source dialog
 * on that family, and the demo workspace, which is created here.
 */
public final class WelcomeViewModel {
    private final SourceForms forms;
    private final SyncStatusViewModel sync;
    private final Navigator navigator;
    private final DemoOpener demo;
    private final TaskRunner runner;
    private final Consumer<String> addSource;
    private final ReadOnlyBooleanWrapper demoBusy = new ReadOnlyBooleanWrapper(this, "demoBusy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /**
     * {@code demo} may be null when this build has no demo workspace; {@code addSource} opens the
     * Add-source dialog on a group (by id).
     */
    public WelcomeViewModel(SourceForms forms, SyncStatusViewModel sync, Navigator navigator, DemoOpener demo,
                            TaskRunner runner, Consumer<String> addSource) {
        this.forms = forms;
        this.sync = sync;
        this.navigator = navigator;
        this.demo = demo;
        this.runner = runner;
        this.addSource = addSource;
    }

    /** The families of sources to offer, in the order registered. */
    public List<SourceGroup> groups() {
        return forms.groups();
    }

    /** Opens the Add-source dialog on the first kind of {@code group}. */
    public void add(SourceGroup group) {
        message.set("");
        addSource.accept(group.id());
    }

    public boolean demoAvailable() {
        return demo != null;
    }

    public ReadOnlyBooleanProperty demoBusyProperty() {
        return demoBusy.getReadOnlyProperty();
    }

    /** Progress and failures of the demo, in plain words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void openDemo() {
        if (demo == null || demoBusy.get()) {
            return;
        }
        demoBusy.set(true);
        message.set("Creating the demo workspace…");
        SyncContext progress = new SyncContext() {
            @Override
            public void progress(double fraction, String text) {
                runner.onUiThread(() -> message.set(text));
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        runner.run(() -> {
            demo.open(progress);
            return null;
        }, done -> {
            demoBusy.set(false);
            message.set("");
            sync.sourcesChanged();
            sync.syncNow();
            navigator.show(Page.REPOSITORIES);
        }, failure -> {
            demoBusy.set(false);
            message.set("Could not create the demo workspace: " + PlainErrors.describe(failure));
        });
    }
}
