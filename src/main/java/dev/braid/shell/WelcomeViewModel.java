package dev.braid.shell;

import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.ui.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The first-start page: open a repository folder, clone one, or open the demo workspace. Opening
 * and cloning go through {@link AddSourceViewModel}; the demo runs here.
 */
public final class WelcomeViewModel {
    private final AddSourceViewModel addSource;
    private final SyncStatusViewModel sync;
    private final Navigator navigator;
    private final DemoOpener demo;
    private final TaskRunner runner;
    private final ReadOnlyBooleanWrapper demoBusy = new ReadOnlyBooleanWrapper(this, "demoBusy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** {@code demo} may be null when this build has no demo workspace. */
    public WelcomeViewModel(AddSourceViewModel addSource, SyncStatusViewModel sync, Navigator navigator,
                            DemoOpener demo, TaskRunner runner) {
        this.addSource = addSource;
        this.sync = sync;
        this.navigator = navigator;
        this.demo = demo;
        this.runner = runner;
    }

    public AddSourceViewModel addSource() {
        return addSource;
    }

    public boolean demoAvailable() {
        return demo != null;
    }

    public ReadOnlyBooleanProperty demoBusyProperty() {
        return demoBusy.getReadOnlyProperty();
    }

    /** Progress and failures of the demo, in plain words; folder errors are on {@link #addSource()}. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Adds the repository in {@code folder} and shows it. */
    public void openFolder(String folder) {
        addSource.reset();
        addSource.locationProperty().set(folder);
        message.set("");
        addSource.add(this::added);
    }

    /** A source was added from this page: show it. */
    public void added(Source source) {
        navigator.openRepository(source.id(), null);
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
            sync.syncNow();
            navigator.show(Page.REPOSITORIES);
        }, failure -> {
            demoBusy.set(false);
            message.set("Could not create the demo workspace: " + failure.getMessage());
        });
    }
}
