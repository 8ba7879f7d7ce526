package dev.braid.shell;

import dev.braid.store.Settings;
import dev.braid.store.SettingsStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the settings in memory and writes them back a moment after the last change, on the
 * scheduler's thread: dragging a window edge or a column border changes them many times a second.
 */
public final class SettingsKeeper {
    private static final Logger LOG = Logger.getLogger(SettingsKeeper.class.getName());
    private final SettingsStore store;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;
    private Settings current;
    private ScheduledFuture<?> pending;
    /** Serialises writes: a flush and a scheduled save must not share the temporary file. */
    private final Object writing = new Object();

    public SettingsKeeper(SettingsStore store, ScheduledExecutorService scheduler, Duration delay) {
        this.store = store;
        this.scheduler = scheduler;
        this.delay = delay;
        this.current = store.load();
    }

    public synchronized Settings current() {
        return current;
    }

    /** Changes the settings now and saves them once changes have paused for the delay. */
    public synchronized void update(UnaryOperator<Settings> change) {
        Settings next = change.apply(current);
        if (next.equals(current)) {
            return;
        }
        current = next;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(this::saveNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Saves at once if a change is waiting; call before the window closes. */
    public void flush() {
        boolean waiting;
        synchronized (this) {
            waiting = pending != null && pending.cancel(false);
        }
        if (waiting) {
            saveNow();
        }
    }

    private void saveNow() {
        Settings toSave;
        synchronized (this) {
            toSave = current;
            pending = null;
        }
        synchronized (writing) {
            try {
                store.save(toSave);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not save settings to " + store.file(), e);
            }
        }
    }
}
