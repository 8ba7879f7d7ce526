package dev.braid.shell;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What to say and offer when the cache cannot be opened. Moving the cache aside is offered only
 * when it can help (a locked cache cannot be fixed that way); it runs once.
 */
public final class CacheProblemViewModel {
    private final String summary;
    private final String details;
    private final Runnable rebuild;
    private final Runnable quit;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /** {@code rebuild} may be null when moving the cache aside would not help. */
    public CacheProblemViewModel(String summary, String details, Runnable rebuild, Runnable quit) {
        this.summary = summary;
        this.details = details;
        this.rebuild = rebuild;
        this.quit = quit;
    }

    public String summary() {
        return summary;
    }

    public String details() {
        return details;
    }

    public boolean canRebuild() {
        return rebuild != null;
    }

    /** True once the user chose to move the cache aside, until the window moves on. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void rebuild() {
        if (rebuild != null && !busy.get()) {
            busy.set(true);
            rebuild.run();
        }
    }

    public void quit() {
        quit.run();
    }
}
